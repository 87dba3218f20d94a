package io.lyger.launcher.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import io.lyger.launcher.Lyger;

/**
 * A training profile: a directory ({@code app.war.lyger-profile/} beside the first WAR, or in {@code --cache-dir})
 * holding the recorded warm-up plan ({@value #PLAN}), the JVM's ahead-of-time data ({@link AotData}) and, written last
 * so that a training run cut short leaves no valid profile, its manifest ({@value #MANIFEST}). The manifest names what
 * the profile is valid for: the WARs' contents and context paths, the JDK build, Lyger's version and the class path.
 * A start whose situation differs in any of them ignores the profile and says which ({@link #check}).
 */
public final class TrainingProfile
{
    static final String MANIFEST = "profile.properties";
    static final String PLAN = "plan.properties";
    static final String SUFFIX = ".lyger-profile";

    private final Path directory;

    private TrainingProfile(Path directory)
    {
        this.directory = directory;
    }

    /** @return the profile of these WARs: beside the first one, or in {@code cacheDir} when given */
    public static TrainingProfile of(List<Path> wars, Path cacheDir)
    {
        Path first = wars.get(0).toAbsolutePath().normalize();
        Path parent = cacheDir != null ? cacheDir.toAbsolutePath().normalize() : first.getParent();
        return new TrainingProfile(parent.resolve(first.getFileName() + SUFFIX));
    }

    public Path directory()
    {
        return directory;
    }

    Path plan()
    {
        return directory.resolve(PLAN);
    }

    /**
     * What a profile must match to be used, from this JVM: the WARs (their contents, with their context paths), the
     * JDK build, Lyger's version and the class path (each entry with its size and time, as CDS checks them).
     */
    static Properties situation(List<Path> wars, List<String> contextPaths) throws IOException
    {
        return situation(wars, contextPaths, null);
    }

    /**
     * @param trained the manifest, or null: when its {@code wars.stamp} (each WAR's files with their sizes and times)
     * is this situation's, its {@code wars} digests are taken as this situation's rather than read again from every
     * byte of the WARs (a start then costs a few file times, not a digest of megabytes)
     */
    static Properties situation(List<Path> wars, List<String> contextPaths, Properties trained) throws IOException
    {
        Properties situation = new Properties();
        situation.setProperty("lyger.version", Lyger.version());
        situation.setProperty("java.vm.version", System.getProperty("java.vm.version"));
        situation.setProperty("java.vm.vendor", System.getProperty("java.vm.vendor"));
        situation.setProperty("java.home", System.getProperty("java.home"));
        situation.setProperty("class.path", classPathDigest());
        StringBuilder stamp = new StringBuilder();
        for (int i = 0; i < wars.size(); i++)
            stamp.append(i < contextPaths.size() ? contextPaths.get(i) : "-").append('=').append(WarDigest.stamp(wars.get(i))).append(' ');
        situation.setProperty("wars.stamp", stamp.toString().trim());
        if (trained != null && situation.getProperty("wars.stamp").equals(trained.getProperty("wars.stamp")) && trained.getProperty("wars") != null)
        {
            situation.setProperty("wars", trained.getProperty("wars"));
            return situation;
        }
        StringBuilder which = new StringBuilder();
        for (int i = 0; i < wars.size(); i++)
            which.append(i < contextPaths.size() ? contextPaths.get(i) : "-").append('=').append(WarDigest.of(wars.get(i))).append(' ');
        situation.setProperty("wars", which.toString().trim());
        return situation;
    }

    /**
     * Checks the profile for a start of these WARs in this JVM, cheaply: unchanged WARs (same files, sizes and times)
     * are not digested again.
     *
     * @param served true in a JVM bin/lyger started with the profile: its class path is the training JVM's
     * ({@code class.path.served}), not the one the profile was trained from
     * @return null when valid, else why it is ignored (never throws)
     */
    String check(List<Path> wars, List<String> contextPaths, boolean served)
    {
        Properties trained = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve(MANIFEST), StandardCharsets.UTF_8))
        {
            trained.load(in);
        }
        catch (IOException | IllegalArgumentException x)
        {
            // check(situation) says why
            trained = null;
        }
        try
        {
            Properties situation = situation(wars, contextPaths, trained);
            if (served)
            {
                String digest = situation.getProperty("class.path"); // this JVM's class path, digested by situation()
                situation.setProperty("class.path", trained != null && digest.equals(trained.getProperty("class.path.served"))
                    ? trained.getProperty("class.path", "") : "served " + digest);
            }
            return check(situation);
        }
        catch (IOException | RuntimeException x)
        {
            return Lyger.oneLine(x);
        }
    }

    /** Keys of {@link #situation} with the words a line uses when one differs. */
    private static final String[][] CHECKS = {
        {"wars", "the WAR changed since the training run (its contents or context path differ)"},
        {"java.vm.version", "it was trained on another JDK build"},
        {"java.vm.vendor", "it was trained on another JDK vendor's build"},
        {"java.home", "it was trained with another JDK installation"},
        {"lyger.version", "it was trained with another Lyger version"},
        {"class.path", "the class path differs from the training run's"},
    };

    /**
     * @return null when the profile is valid for {@code situation}; otherwise why it is ignored (never throws: a
     * missing, unreadable or corrupt profile is a reason, not an error)
     */
    String check(Properties situation)
    {
        Path manifest = directory.resolve(MANIFEST);
        if (!Files.exists(manifest))
            return null;
        Properties trained = new Properties();
        try (Reader in = Files.newBufferedReader(manifest, StandardCharsets.UTF_8))
        {
            trained.load(in);
        }
        catch (IOException | IllegalArgumentException x)
        {
            return "its " + MANIFEST + " is unreadable or corrupt (" + x.getMessage() + ")";
        }
        for (String[] check : CHECKS)
        {
            String value = trained.getProperty(check[0]);
            if (value == null)
                return "its " + MANIFEST + " is corrupt (no " + check[0] + ")";
            if (!value.equals(situation.getProperty(check[0])))
                return check[1];
        }
        AotData kind;
        try
        {
            kind = AotData.valueOf(trained.getProperty("aot.kind", ""));
        }
        catch (IllegalArgumentException x)
        {
            return "its " + MANIFEST + " is corrupt (aot.kind)";
        }
        if (kind != AotData.forThisJvm())
            return "it holds a " + kind.description + ", this JDK uses a " + AotData.forThisJvm().description;
        Path data = directory.resolve(kind.fileName);
        try
        {
            ClassPathSnapshot.of(directory, false);
        }
        catch (IOException x)
        {
            return x.getMessage();
        }
        try
        {
            if (!Files.isRegularFile(data) || Files.size(data) != Long.parseLong(trained.getProperty("aot.size", "-1"))
                || !headDigest(data).equals(trained.getProperty("aot.head")))
                return "its " + kind.description + " " + data.getFileName() + " is missing or damaged";
        }
        catch (IOException | NumberFormatException x)
        {
            return "its " + kind.description + " cannot be read (" + x.getMessage() + ")";
        }
        return QuickStartDescriptor.check(directory, trained);
    }

    /** @return true when a manifest exists (valid or not) */
    boolean exists()
    {
        return Files.exists(directory.resolve(MANIFEST));
    }

    /** Removes the manifest: a training run under way, or one that fails, leaves no profile a start would use. */
    void invalidate() throws IOException
    {
        Files.deleteIfExists(directory.resolve(MANIFEST));
        ScriptLaunch.remove(directory);
    }

    /** Writes the manifest once the training JVM has exited and left its AOT data; the profile is then valid. */
    void seal(Properties situation, AotData kind, int planRequests) throws IOException
    {
        Path data = directory.resolve(kind.fileName);
        Properties manifest = new Properties();
        manifest.putAll(situation);
        manifest.setProperty("aot.kind", kind.name());
        manifest.setProperty("aot.size", Long.toString(Files.size(data)));
        manifest.setProperty("aot.head", headDigest(data));
        manifest.setProperty("plan.requests", Integer.toString(planRequests));
        QuickStartDescriptor.record(directory, manifest);
        Path temporary = directory.resolve(MANIFEST + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8))
        {
            manifest.store(out, "Lyger training profile: 'lyger serve' uses it while all of this matches; 'lyger train' writes it again");
        }
        try
        {
            Files.move(temporary, directory.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException x)
        {
            Files.move(temporary, directory.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The class path as this JVM has it, each entry with its size and modification time: the JVM checks the same
     * before it maps AOT data, and refuses data trained with other jars.
     */
    static String classPathDigest() throws IOException
    {
        return classPathDigest(System.getProperty("java.class.path", ""));
    }

    /** @return the digest of {@link #classPathDigest()} for another class path (a child JVM's) */
    static String classPathDigest(String classPath) throws IOException
    {
        MessageDigest digest = sha256();
        for (String entry : classPath.split(java.io.File.pathSeparator))
        {
            Path path = Path.of(entry);
            digest.update(entry.getBytes(StandardCharsets.UTF_8));
            if (Files.isRegularFile(path))
                digest.update((":" + Files.size(path) + ":" + Files.getLastModifiedTime(path).toMillis()).getBytes(StandardCharsets.UTF_8));
            else if (ClassPathSnapshot.nonEmptyDirectory(path))
            {
                // snapshot into a jar for the child JVMs (ClassPathSnapshot): its contents count
                for (Path file : ClassPathSnapshot.files(path))
                {
                    digest.update(path.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(file));
                }
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A digest of the first MiB of the AOT data and its size: enough to tell a file damaged or replaced since the
     * training run (the JVM checks the rest, and starts without it if it fails), and cheap at every start where a
     * digest of the whole (tens of MiB) would cost a visible share of it.
     */
    private static String headDigest(Path data) throws IOException
    {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(data))
        {
            digest.update(in.readNBytes(1 << 20));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException x)
        {
            throw new IllegalStateException(x);
        }
    }

    /** Digests of a WAR file's bytes, or of an exploded WAR's files (relative names and contents). */
    static final class WarDigest
    {
        private WarDigest()
        {
        }

        static String of(Path war) throws IOException
        {
            MessageDigest digest = sha256();
            if (Files.isDirectory(war))
            {
                List<Path> files = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(war))
                {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
                for (Path file : files)
                {
                    digest.update(war.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    update(digest, file);
                }
            }
            else
                update(digest, war);
            return HexFormat.of().formatHex(digest.digest());
        }

        /** @return a digest of the WAR's files' names, sizes and modification times: cheap, and changes with them */
        static String stamp(Path war) throws IOException
        {
            MessageDigest digest = sha256();
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(war))
            {
                try (Stream<Path> walk = Files.walk(war))
                {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
            else
                files.add(war);
            for (Path file : files)
            {
                digest.update((war.relativize(file) + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis()).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        private static void update(MessageDigest digest, Path file) throws IOException
        {
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file))
            {
                for (int n; (n = in.read(buffer)) > 0; )
                    digest.update(buffer, 0, n);
            }
        }
    }
}
