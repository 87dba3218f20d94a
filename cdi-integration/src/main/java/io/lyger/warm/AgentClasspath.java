package io.lyger.warm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where the in-webapp agent ({@code io.lyger.warm.agent}, the CDI extension) is, as a directory to put on a web
 * application's extra class path.
 * <p>
 * The build copies the agent's classes and its {@code META-INF/services} registration under {@code lyger-agent/}
 * in this module's jar. They are not at the jar's root on purpose: the server's class path is the parent of every
 * web application's class loader, and an {@code Extension} registration visible there would be found (twice) by a
 * CDI container inside any WAR. Under {@code lyger-agent/} only the class path entry Lyger adds to each web
 * application sees it. From a jar, the directory is extracted once per JVM to a temporary directory.
 */
final class AgentClasspath
{
    static final String PREFIX = "lyger-agent/";
    private static final String MARKER = PREFIX + "META-INF/services/jakarta.enterprise.inject.spi.Extension";
    private static Path location;

    private AgentClasspath()
    {
    }

    /** @return the agent's class path directory */
    static synchronized Path location()
    {
        if (location == null)
            location = find();
        return location;
    }

    private static Path find()
    {
        URL marker = AgentClasspath.class.getClassLoader().getResource(MARKER);
        if (marker == null)
            throw new IllegalStateException("Lyger's CDI agent (" + MARKER + ") is not on the class path: is lyger-cdi-integration built?");
        try
        {
            if (marker.getProtocol().equals("file"))
                return Path.of(marker.toURI()).getParent().getParent().getParent();
            if (marker.getProtocol().equals("jar"))
                return extract(((JarURLConnection)marker.openConnection()).getJarFileURL());
        }
        catch (IOException x)
        {
            throw new UncheckedIOException("cannot read Lyger's CDI agent at " + marker, x);
        }
        catch (URISyntaxException x)
        {
            throw new IllegalStateException("cannot read Lyger's CDI agent at " + marker, x);
        }
        throw new IllegalStateException("cannot use Lyger's CDI agent at " + marker + ": not a file or a jar");
    }

    private static Path extract(URL jarUrl) throws IOException
    {
        Path directory = Files.createTempDirectory("lyger-agent");
        try (JarFile jar = new JarFile(Path.of(toUri(jarUrl)).toFile()))
        {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements())
            {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(PREFIX) || entry.isDirectory())
                    continue;
                Path target = directory.resolve(entry.getName().substring(PREFIX.length())).normalize();
                if (!target.startsWith(directory))
                    continue;
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry))
                {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        deleteOnExit(directory);
        return directory;
    }

    private static void deleteOnExit(Path directory) throws IOException
    {
        // File.deleteOnExit deletes in the reverse order of registration: register the directories (parents first),
        // then the files, so that files go first and each directory is empty when its turn comes.
        try (var paths = Files.walk(directory))
        {
            java.util.List<Path> all = paths.toList();
            all.stream().filter(Files::isDirectory).forEach(p -> p.toFile().deleteOnExit());
            all.stream().filter(p -> !Files.isDirectory(p)).forEach(p -> p.toFile().deleteOnExit());
        }
    }

    private static java.net.URI toUri(URL url) throws IOException
    {
        try
        {
            return url.toURI();
        }
        catch (URISyntaxException x)
        {
            throw new IOException("bad jar URL " + url, x);
        }
    }
}
