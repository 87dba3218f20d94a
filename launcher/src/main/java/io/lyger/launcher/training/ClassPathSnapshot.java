package io.lyger.launcher.training;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The class path of a profile's child JVMs. The JVM refuses to record or use AOT data with a non-empty directory on
 * the class path ({@code directory is not empty}: it cannot tell later whether the directory changed), and the
 * distribution puts {@code conf/} first on it (the log configuration). So a training run snapshots each non-empty
 * directory into a jar of the profile ({@code classpath/N.jar}), in the same place of the class path, and the
 * training and serving child JVMs both run with those jars. The directories' contents are part of the class path's
 * digest ({@link TrainingProfile#classPathDigest}): a changed {@code conf/} makes the profile stale, as a changed jar
 * does.
 */
final class ClassPathSnapshot
{
    static final String DIRECTORY = "classpath";

    private ClassPathSnapshot()
    {
    }

    /**
     * @param write true in a training run: write the snapshots; false when serving: use the ones written
     * @return the class path for a child JVM of the profile in {@code profile}
     * @throws IOException when a snapshot cannot be written, or is missing when serving
     */
    static String of(Path profile, boolean write) throws IOException
    {
        List<String> entries = new ArrayList<>();
        String[] classPath = System.getProperty("java.class.path", "").split(File.pathSeparator);
        for (int i = 0; i < classPath.length; i++)
        {
            Path entry = Path.of(classPath[i]);
            if (!nonEmptyDirectory(entry))
            {
                entries.add(classPath[i]);
                continue;
            }
            Path jar = profile.resolve(DIRECTORY).resolve(i + ".jar");
            if (write)
                snapshot(entry, jar);
            else if (!Files.isRegularFile(jar))
                throw new IOException("its class path snapshot " + profile.relativize(jar) + " is missing");
            entries.add(jar.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    static boolean nonEmptyDirectory(Path entry) throws IOException
    {
        if (!Files.isDirectory(entry))
            return false;
        try (Stream<Path> children = Files.list(entry))
        {
            return children.findAny().isPresent();
        }
    }

    /** @return the regular files under {@code directory}, sorted (their order in a digest or a jar) */
    static List<Path> files(Path directory) throws IOException
    {
        try (Stream<Path> walk = Files.walk(directory))
        {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void snapshot(Path directory, Path jar) throws IOException
    {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file))
        {
            for (Path each : files(directory))
            {
                out.putNextEntry(new JarEntry(directory.relativize(each).toString().replace(File.separatorChar, '/')));
                Files.copy(each, out);
                out.closeEntry();
            }
        }
    }
}
