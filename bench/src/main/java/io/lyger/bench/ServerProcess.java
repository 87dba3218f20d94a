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
 * serving the sample's servlets (and, for the WAR's CDI and JPA endpoints, the sample WAR itself). Every side gets the same JVM flags. After start, {@link #activeConnector()} tells
 * from the log which connector really serves.
 * <p>
 * The HTTPS targets listen on two ports: cleartext HTTP (readiness is checked there, as for the others) and the HTTPS
 * port they are measured on ({@link #baseUrl()} is {@code https://}), with the bench keystore ({@link BenchKeystore}).
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

    /**
     * Printed by bench's HTTPS server (io.lyger.bench.server.HttpsBenchServer, not loaded here: it needs the launcher)
     * when its HTTPS listener is served by the native engine; keep in step with it.
     */
    static final String HTTPS_NATIVE_LINE = "bench https listener served by the native engine";
    /** Printed by it when Jetty's SslConnectionFactory serves the HTTPS listener (the fallback, forced or not). */
    static final String HTTPS_FALLBACK_LINE = "bench https listener served by Jetty's TLS (fallback)";

    private final Side side;
    private final int port;
    private final int httpsPort;
    private final Process process;
    private final Path log;
    private final List<String> command;
    private String contextPath = "";
    /** Where a peer serves each path: the WAR's context or its root ({@link PeerApp#contextPath}). */
    private final PeerApp peerApp;

    private ServerProcess(Side side, int port, int httpsPort, Process process, Path log, List<String> command, PeerApp peerApp)
    {
        this.peerApp = peerApp;
        this.side = side;
        this.port = port;
        this.httpsPort = httpsPort;
        this.process = process;
        this.log = log;
        this.command = command;
    }

    /**
     * Starts the server and returns once it answers 200 on {@code /plaintext}.
     *
     * @param java        the {@code java} executable
     * @param jvmFlags    identical for both sides
     * @param classpath   the launcher's runtime class path (Lyger's sides; with bench's classes for HTTPS) or
     *                    bench/peers' (the peers)
     * @param extraArgs   more {@code serve} options, identical for Lyger's sides
     * @param keystore    the HTTPS targets' keystore (null for the others)
     */
    public static ServerProcess start(Side side, Path java, List<String> jvmFlags, String classpath, Path war,
                                      List<String> extraArgs, Path logDir, Duration startTimeout, BenchKeystore keystore)
        throws IOException, InterruptedException
    {
        return start(side, List.of(), java, jvmFlags, classpath, war, extraArgs, logDir, startTimeout, keystore, null,
            PeerApp.SERVLETS, false);
    }

    /**
     * @param pin a command that runs the JVM on chosen CPUs and execs it ({@code taskset -c 0}), or empty
     * @param staticRoot a directory whose {@code static/} files every HTTP target serves at {@code /static/} with its
     *                   own default static file handling ({@link StaticFiles}), or null
     * @param peerApp    how a peer serves the scenarios' paths: {@link PeerApp#WAR} leaves the servlets out of its
     *                   root context ({@code --no-root-servlets}), the WAR serves them
     * @param sampleWar  true to have a peer deploy {@code war} too, unchanged, at {@link Side#SAMPLE_CONTEXT} (always
     *                   with {@link PeerApp#WAR}; else for the scenarios on the WAR's CDI and JPA endpoints,
     *                   {@link Side#needsSampleWar}); Lyger always serves it
     */
    public static ServerProcess start(Side side, List<String> pin, Path java, List<String> jvmFlags, String classpath, Path war,
                                      List<String> extraArgs, Path logDir, Duration startTimeout, BenchKeystore keystore,
                                      Path staticRoot, PeerApp peerApp, boolean sampleWar)
        throws IOException, InterruptedException
    {
        int port = freePort();
        int httpsPort = side.tls() ? freePort() : -1;
        List<String> command = new ArrayList<>(pin);
        command.add(java.toString());
        command.addAll(jvmFlags);
        List<String> tlsArgs = side.tls() ? List.of("--https-port=" + httpsPort, "--keystore=" + keystore.path(),
            "--keystore-password=" + keystore.password(), "--key-alias=" + BenchKeystore.ALIAS) : List.of();
        if (side.peer())
        {
            command.addAll(List.of("-cp", classpath, side.peerMain(), "--port=" + port));
            command.addAll(tlsArgs);
            if (staticRoot != null)
                command.add("--static-root=" + staticRoot);
            if (sampleWar)
                command.add("--sample-war=" + war.toAbsolutePath());
            if (peerApp == PeerApp.WAR)
            {
                if (!sampleWar)
                    throw new IllegalArgumentException(side.option() + ": the WAR serves every path (--peer-app=war), and it is not deployed");
                command.add("--no-root-servlets");
            }
        }
        else if (side.tls())
        {
            command.addAll(List.of("-cp", classpath, Side.HTTPS_SERVER_MAIN, "--war=" + war, "--port=" + port,
                "--connector=" + side.connector()));
            command.addAll(tlsArgs);
        }
        else
        {
            command.addAll(List.of("-cp", classpath, "io.lyger.launcher.Main", "serve", war.toString(),
                "--port=" + port, "--connector=" + side.connector()));
            // the files as a second web application (an exploded one without WEB-INF: Jetty's DefaultServlet alone)
            if (staticRoot != null)
                command.addAll(List.of(staticRoot.resolve(StaticFiles.CONTEXT).toString(), "--context-path=/", "--context-path=/" + StaticFiles.CONTEXT));
            command.addAll(extraArgs);
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(side.option() + "-server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(side, port, httpsPort, process, log, command, peerApp);
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
            // a peer's /plaintext is where peerApp says (its root's servlets, or the WAR's); Lyger's is at its root, or
            // at /lyger-sample when the launcher deploys the WAR by its name
            for (String candidate : side.peer() ? List.of("") : List.of("", "/lyger-sample"))
            {
                try
                {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + candidate + peerApp.contextPath(side, "/plaintext") + "/plaintext")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                    last = "HTTP " + response.statusCode();
                    if (response.statusCode() == 200)
                    {
                        contextPath = candidate;
                        if (!side.tls())
                            return;
                        awaitHttps(deadline);
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

    /** HTTPS targets: their HTTPS listener opens after the cleartext one (once the web application is deployed). */
    private void awaitHttps(long deadline) throws IOException, InterruptedException
    {
        String last = "no answer";
        while (System.nanoTime() < deadline)
        {
            if (!process.isAlive())
                throw new IOException(side.option() + " server exited with " + process.exitValue() + " before serving HTTPS; log "
                    + log + ":\n" + tail(40));
            try
            {
                HttpResponse<String> response = get("/plaintext");
                last = "HTTP " + response.statusCode();
                if (response.statusCode() == 200)
                    return;
            }
            catch (IOException e)
            {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IOException(side.option() + " server did not answer 200 on " + baseUrl() + "/plaintext (last: " + last
            + "); log " + log + ":\n" + tail(40));
    }

    /**
     * @return the HTTP status and body of a GET of {@code path} (context path added), for the smoke checks; over HTTPS
     * for the HTTPS targets, trusting their self-signed bench certificate
     */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException
    {
        return send(path, HttpRequest.BodyPublishers.noBody(), "GET");
    }

    /** @return the HTTP status and body of a POST of {@code body} to {@code path} (context path added), as {@link #get} */
    public HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException
    {
        return send(path, HttpRequest.BodyPublishers.ofByteArray(body), "POST");
    }

    private HttpResponse<String> send(String path, HttpRequest.BodyPublisher body, String method) throws IOException, InterruptedException
    {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (side.tls())
            builder.sslContext(BenchKeystore.trustAll());
        HttpClient client = builder.build();
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl(path) + path)).method(method, body)
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return which connector the log says serves. */
    public Active activeConnector() throws IOException
    {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (side.tls() && !side.peer())
            return text.contains(HTTPS_NATIVE_LINE) ? Active.NATIVE
                : text.contains(HTTPS_FALLBACK_LINE) ? Active.SERVER_CONNECTOR : Active.UNKNOWN;
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
            if (side.tls() ? line.contains("LygerConnector - ") || line.contains("bench https listener")
                    || line.contains("TLS virtual host") || line.contains(PEER_LINE)
                : lower.contains("connector") || lower.contains("native engine") || line.contains(PEER_LINE))
                lines.add(line.strip());
        }
        return lines;
    }

    /**
     * @return where the scenarios send their requests: {@code https://localhost} on the HTTPS port for the HTTPS
     * targets. A host name, not 127.0.0.1: wrk sends the URL's host as SNI even when it is an IP literal (which RFC
     * 6066 does not allow), and rustls 0.20 (the native engine) rejects such a ClientHello with a decode_error alert
     * where JSSE ignores it; browsers and other clients send no SNI for an address. The certificate names localhost.
     */
    public String baseUrl()
    {
        return side.tls() ? "https://localhost:" + httpsPort + contextPath : "http://127.0.0.1:" + port + contextPath;
    }

    /**
     * @return where requests for {@code path} go: {@link #baseUrl()}, plus the WAR's context path on a peer for the
     * paths it serves from the WAR ({@link PeerApp#contextPath})
     */
    public String baseUrl(String path)
    {
        return baseUrl() + peerApp.contextPath(side, path);
    }

    /** @return where this target serves {@code path}: the WAR's context path on a peer (see {@link #baseUrl(String)}), or "" */
    public String contextPath(String path)
    {
        return peerApp.contextPath(side, path);
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
