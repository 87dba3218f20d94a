package io.lyger.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * The files of the static-* scenarios, generated once under the work directory (not in the sample WAR: 10 MB does
 * not belong in the repository or in every build's WAR): {@code <root>/static/1k.bin}, {@code 64k.bin} and
 * {@code 10m.bin}, the same bytes on every run. Every HTTP target serves {@code <root>/static/} at {@code /static/}
 * with its own default static file handling: Lyger deploys the directory as a second web application (Jetty's
 * DefaultServlet), the peers take {@code --static-root=<root>} (bench/peers).
 */
final class StaticFiles
{
    /** The directory under the root, and the context path it is served at. */
    static final String CONTEXT = "static";
    private static final Map<String, Integer> FILES = Map.of("1k.bin", 1024, "64k.bin", 64 * 1024, "10m.bin", 10 * 1024 * 1024);

    private StaticFiles()
    {
    }

    /** @return the root directory, its files written when missing or of another size */
    static Path root(Path workDir) throws IOException
    {
        Path root = workDir.resolve("static-root");
        Path dir = Files.createDirectories(root.resolve(CONTEXT));
        for (Map.Entry<String, Integer> file : FILES.entrySet())
        {
            Path path = dir.resolve(file.getKey());
            if (Files.isRegularFile(path) && Files.size(path) == file.getValue())
                continue;
            byte[] chunk = new byte[64 * 1024];
            Random random = new Random(file.getValue());
            try (OutputStream out = Files.newOutputStream(path))
            {
                for (int left = file.getValue(); left > 0; left -= chunk.length)
                {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, Math.min(left, chunk.length));
                }
            }
        }
        return root;
    }
}
