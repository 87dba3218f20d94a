package io.lyger.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One server under test in its own JVM, on its own free port, with its output in a log file: the sample WAR served by
 * the launcher ({@code io.lyger.launcher.Main serve}) for Lyger's sides, or a peer's main class from bench/peers
 * serving the sample's servlets. Every side gets the same JVM flags. After start, {@link #activeConnector()} tells
 * from the log which connector really serves.
 */
public final class ServerProcess implements AutoCloseable
{
    /** Logged when the Rust engine listens: by LygerConnector, and by the launcher once ready. */
    static final List<String> NATIVE_LINES = List.of("native HTTP/1.1 engine listening", "with the native HTTP/1.1 connector");
    /** Logged when Jetty's ServerConnector serves instead (forced by --connector=jetty, or because native is unavailable). */
    static final List<String> FALLBACK_LINES = List.of("native engine not used", "with Jetty's ServerConnector");

    /** Printed by every peer once it serves (bench/peers' PeerServlets.READY, not on this module's class path). */
    static final String PEER_LINE = "bench peer serving";

    /** What the log says serves the requests. */
    public enum Active
    {
        NATIVE,
        /** Jetty's ServerConnector because the native engine could not be used (or was disabled on purpose). */
        SERVER_CONNECTOR,
        /** The log names neither: the launcher does not use LygerConnector or changed its messages. */
        UNKNOWN,
        /** A peer server (Tomcat, Undertow, bare Jetty) said it serves. */
        PEER
    }

    private final Side side;
    private final int port;
    private final Process process;
    private final Path log;
    private final List<String> command;
    private String contextPath = "";

    private ServerProcess(Side side, int port, Process process, Path log, List<String> command)
    {
        this.side = side;
        this.port = port;
        this.process = process;
        this.log = log;
        this.command = command;
    }

    /**
     * Starts the server and returns once it answers 200 on {@code /plaintext}.
     *
     * @param java        the {@code java} executable
     * @param jvmFlags    identical for both sides
     * @param classpath   the launcher's runtime class path (Lyger's sides) or bench/peers' (the peers)
     * @param extraArgs   more {@code serve} options, identical for Lyger's sides
     */
    public static ServerProcess start(Side side, Path java, List<String> jvmFlags, String classpath, Path war,
                                      List<String> extraArgs, Path logDir, Duration startTimeout)
        throws IOException, InterruptedException
    {
        return start(side, List.of(), java, jvmFlags, classpath, war, extraArgs, logDir, startTimeout);
    }

    /** @param pin a command that runs the JVM on chosen CPUs and execs it ({@code taskset -c 0}), or empty */
    public static ServerProcess start(Side side, List<String> pin, Path java, List<String> jvmFlags, String classpath, Path war,
                                      List<String> extraArgs, Path logDir, Duration startTimeout)
        throws IOException, InterruptedException
    {
        int port = freePort();
        List<String> command = new ArrayList<>(pin);
        command.add(java.toString());
        command.addAll(jvmFlags);
        if (side.peer())
            command.addAll(List.of("-cp", classpath, side.peerMain(), "--port=" + port));
        else
        {
            command.addAll(List.of("-cp", classpath, "io.lyger.launcher.Main", "serve", war.toString(),
                "--port=" + port, "--connector=" + side.connector()));
            command.addAll(extraArgs);
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(side.option() + "-server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(side, port, process, log, command);
        try
        {
            server.awaitReady(startTimeout);
        }
        catch (IOException | RuntimeException e)
        {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException
    {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline)
        {
            if (!process.isAlive())
                throw new IOException(side.option() + " server exited with " + process.exitValue() + " before serving; log "
                    + log + ":\n" + tail(40));
            for (String candidate : List.of("", "/lyger-sample"))
            {
                try
                {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + candidate + "/plaintext")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                    last = "HTTP " + response.statusCode();
                    if (response.statusCode() == 200)
                    {
                        contextPath = candidate;
                        return;
                    }
                }
                catch (IOException e)
                {
                    last = e.toString();
                }
            }
            Thread.sleep(200);
        }
        throw new IOException(side.option() + " server did not answer 200 on /plaintext within " + timeout.toSeconds()
            + " s (last: " + last + "); log " + log + ":\n" + tail(40));
    }

    /** @return the HTTP status and body of a GET of {@code path} (context path added), for the smoke checks. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException
    {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** @return which connector the log says serves. */
    public Active activeConnector() throws IOException
    {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (side.peer())
            return text.contains(PEER_LINE) ? Active.PEER : Active.UNKNOWN;
        if (FALLBACK_LINES.stream().anyMatch(text::contains))
            return Active.SERVER_CONNECTOR;
        if (NATIVE_LINES.stream().anyMatch(text::contains))
            return Active.NATIVE;
        return Active.UNKNOWN;
    }

    /** @return the log lines that name a connector (for the report). */
    public List<String> connectorLogLines() throws IOException
    {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8))
        {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("connector") || lower.contains("native engine") || line.contains(PEER_LINE))
                lines.add(line.strip());
        }
        return lines;
    }

    public String baseUrl()
    {
        return "http://127.0.0.1:" + port + contextPath;
    }

    public int port()
    {
        return port;
    }

    public long pid()
    {
        return process.pid();
    }

    public Side side()
    {
        return side;
    }

    public Path log()
    {
        return log;
    }

    public List<String> command()
    {
        return command;
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /** @return the last {@code lines} lines of the log. */
    public String tail(int lines)
    {
        try
        {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException e)
        {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Stops the server: SIGTERM, then SIGKILL after 15 s. */
    @Override
    public void close()
    {
        process.destroy();
        try
        {
            if (!process.waitFor(15, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
