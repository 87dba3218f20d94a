package io.lyger.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.lyger.sample.BytesServlet;
import io.lyger.sample.JsonServlet;
import io.lyger.sample.PlaintextServlet;
import io.lyger.sample.Sha256Servlet;

import jakarta.servlet.http.HttpServlet;

/**
 * What every peer serves, and how it is started: the sample WAR's own servlet classes (these need no CDI, so the
 * peers run the very classes Lyger runs from the WAR) at the paths the WAR's web.xml maps them to, on the port given
 * as {@code --port=N} (the harness's Side.PEER_PATHS lists these paths again: keep both in step). /db and /fortunes
 * need the WAR's CDI and JPA: with {@code --sample-war=FILE} each peer also deploys that WAR, unchanged, at
 * {@link #SAMPLE_CONTEXT} the way its own users deploy a WAR (see each peer's header). With {@code --no-root-servlets}
 * as well (bench/run's default) the root context has none of these servlets and the WAR serves every path, as the
 * same WAR does on Lyger: the same application on every server. Each peer prints
 * {@link #READY} once it listens, for the harness's log.
 */
public final class PeerServlets
{
    /** One servlet and its path. */
    public record Mapping(String name, Class<? extends HttpServlet> servlet, String path)
    {
    }

    public static final List<Mapping> MAPPINGS = List.of(
        new Mapping("plaintext", PlaintextServlet.class, "/plaintext"),
        new Mapping("json", JsonServlet.class, "/json"),
        new Mapping("bytes", BytesServlet.class, "/bytes"),
        new Mapping("sha256", Sha256Servlet.class, "/sha256"));

    /** The line each peer prints once it serves; the harness's ServerProcess names the server in its report from it. */
    public static final String READY = "bench peer serving";

    /**
     * Where the peers deploy the sample WAR ({@code --sample-war=FILE}): the context path Tomcat and Jetty give
     * {@code lyger-sample.war} by its name, beside the servlets' root context (the harness's Side.SAMPLE_CONTEXT).
     */
    public static final String SAMPLE_CONTEXT = "/lyger-sample";

    private PeerServlets()
    {
    }

    /** @return the port of {@code --port=N}; exits with one line and status 2 when it is missing or bad */
    public static int port(String server, String[] args)
    {
        for (String arg : args)
            if (arg.startsWith("--port="))
            {
                try
                {
                    return Integer.parseInt(arg.substring("--port=".length()));
                }
                catch (NumberFormatException e)
                {
                    break;
                }
            }
        System.err.println(server + ": usage: --port=N (got " + String.join(" ", args) + ")");
        System.exit(2);
        return -1;
    }

    /** @return the value of {@code --name=value}, or null when it is not given */
    public static String option(String[] args, String name)
    {
        for (String arg : args)
            if (arg.startsWith("--" + name + "="))
                return arg.substring(name.length() + 3);
        return null;
    }

    /**
     * @return the WAR of {@code --sample-war=FILE|DIR} (a WAR file, or an exploded one such as bench's minimal WAR), or
     * null; exits with one line and status 2 when it is neither
     */
    public static Path sampleWar(String server, String[] args)
    {
        String war = option(args, "sample-war");
        if (war == null)
            return null;
        Path path = Path.of(war).toAbsolutePath();
        if (!Files.isRegularFile(path) && !Files.isRegularFile(path.resolve("WEB-INF/web.xml")))
        {
            System.err.println(server + ": --sample-war=" + war + ": neither a WAR file nor a directory with WEB-INF/web.xml");
            System.exit(2);
        }
        return path;
    }

    /**
     * @return false with {@code --no-root-servlets} (bench/run's default, {@code --peer-app=war}: the WAR serves every
     * path, the root context keeps only the static files, if any); exits with one line and status 2 when that leaves
     * nothing to serve
     */
    public static boolean rootServlets(String server, String[] args)
    {
        if (!List.of(args).contains("--no-root-servlets"))
            return true;
        if (option(args, "sample-war") == null)
        {
            System.err.println(server + ": --no-root-servlets needs --sample-war=FILE (nothing would serve the servlets' paths)");
            System.exit(2);
        }
        return false;
    }

    /** Deletes {@code dir} and everything under it when the JVM exits (the harness stops a peer with SIGTERM). */
    public static void deleteOnExit(Path dir)
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            try (Stream<Path> paths = Files.walk(dir))
            {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            catch (IOException | UncheckedIOException ignored)
            {
                // best effort: a temporary directory
            }
        }, "delete " + dir.getFileName()));
    }

    public static void ready(String server, String version, int port, Path sampleWar, boolean rootServlets)
    {
        System.out.println(READY + ": " + server + " " + version + " on 127.0.0.1:" + port + " " + (rootServlets
            ? "root context " + MAPPINGS.stream().map(m -> m.path() + "=" + m.servlet().getSimpleName()).toList()
            : "no servlets at the root")
            + (sampleWar == null ? "" : ", " + sampleWar.getFileName() + " at " + SAMPLE_CONTEXT));
        System.out.flush();
    }
}
