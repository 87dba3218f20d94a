package io.lyger.launcher.training;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The profile's {@value #FILE}: what {@code bin/lyger} needs to start {@code serve}'s one JVM with the profile's AOT
 * data, which a JVM only takes as it launches, without starting a JVM to ask. One {@code key=value} a line, read by
 * the script (never executed): the {@code java} it was trained with (real path) and its {@code release} file's
 * {@code JAVA_RUNTIME_VERSION}, the class path the script gave and its stamp (every file on it with its size and time,
 * as the script computes it: {@code conf/} and {@code lib/} as they were), the class path to run with (the training
 * JVM's: {@code conf/} as its snapshot jar, see {@link ClassPathSnapshot}) and the JVM options to add.
 * <p>
 * The script passes {@value #CLASS_PATH} (always) and {@value #STAMP} ({@code train}); a JVM it started with the
 * profile has {@value ProfileLaunch#PROFILE_DIR} and no {@value ChildJvm#SUPERVISED}; one where it found a profile and
 * did not use it, {@value #SKIPPED} with the reason. The launcher then never starts a second JVM: it checks the rest
 * of the profile itself ({@link TrainingProfile#check(List, List, boolean)}). A {@code train} not started by the
 * script writes no {@value #FILE}: its profile is used through a child JVM ({@link ProfileLaunch#serve}).
 */
public final class ScriptLaunch
{
    static final String FILE = "launch.conf";
    /** System properties bin/lyger sets. */
    static final String CLASS_PATH = "lyger.script.classpath";
    static final String STAMP = "lyger.script.stamp";
    static final String SKIPPED = "lyger.profile.skipped";

    private ScriptLaunch()
    {
    }

    /** @return whether bin/lyger started this JVM (and so looked for a profile itself) */
    public static boolean byScript()
    {
        return System.getProperty(CLASS_PATH) != null;
    }

    /** @return whether bin/lyger started this JVM with a profile's AOT data */
    static boolean withProfile()
    {
        return byScript() && System.getProperty(ProfileLaunch.PROFILE_DIR) != null && !ChildJvm.supervised();
    }

    /**
     * At the end of a training run started by bin/lyger: writes {@value #FILE} (last, after the manifest). Nothing
     * when bin/lyger did not start it, or a value would not fit on a line.
     */
    static void write(Path directory, AotData kind, String classPath) throws IOException
    {
        String scriptClassPath = System.getProperty(CLASS_PATH);
        String stamp = System.getProperty(STAMP);
        if (scriptClassPath == null || stamp == null)
            return;
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        List<String> lines = new ArrayList<>();
        lines.add("# Read by bin/lyger (not executed): while all of this matches, 'lyger serve' starts one JVM with the profile's AOT data");
        lines.add("java=" + javaBinary);
        lines.add("java.release=" + runtimeVersion(Path.of(System.getProperty("java.home"))));
        lines.add("script.classpath=" + scriptClassPath);
        lines.add("script.stamp=" + stamp);
        lines.add("classpath=" + classPath);
        lines.add("aot.file=" + directory.resolve(kind.fileName));
        lines.add("aot.size=" + Files.size(directory.resolve(kind.fileName)));
        for (String option : kind.useOptions(directory))
            lines.add("option=" + option);
        for (String line : lines)
        {
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0)
                return;
        }
        Path temporary = directory.resolve(FILE + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8))
        {
            for (String line : lines)
                out.write(line + "\n");
        }
        Files.move(temporary, directory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes {@value #FILE}: a training run under way leaves none the script would use. */
    static void remove(Path directory) throws IOException
    {
        Files.deleteIfExists(directory.resolve(FILE));
    }

    /** @return the JDK's release file's JAVA_RUNTIME_VERSION, as the script reads it; empty when it has none */
    static String runtimeVersion(Path javaHome)
    {
        try
        {
            for (String line : Files.readAllLines(javaHome.resolve("release"), StandardCharsets.UTF_8))
            {
                if (line.startsWith("JAVA_RUNTIME_VERSION=\"") && line.endsWith("\""))
                    return line.substring("JAVA_RUNTIME_VERSION=\"".length(), line.length() - 1);
            }
        }
        catch (IOException x)
        {
            // no release file: the script reads none either
        }
        return "";
    }
}
