package io.lyger.bench;

import static io.lyger.bench.Metric.CPU_PER_10K;
import static io.lyger.bench.Metric.IDLE_MEMORY;
import static io.lyger.bench.Metric.P99;
import static io.lyger.bench.Metric.THROUGHPUT;
import static io.lyger.bench.Target.atLeast;
import static io.lyger.bench.Target.atMost;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios of issue 3, in report order. Adding one is one line in {@link #all()}; an endpoint the sample WAR does
 * not serve yet is added with {@code available = false} (the report lists it as "not yet in the sample").
 */
public final class Scenarios
{
    public static final int PIPELINE_DEPTH = 16;
    public static final int UPLOAD_BYTES = 1 << 20;
    public static final int IDLE_CONNECTIONS = 10_000;

    private static final List<Target> SIMPLE = List.of(atLeast(THROUGHPUT, 1.3), atMost(P99, 1.0), atMost(CPU_PER_10K, 0.75));
    private static final List<Target> PIPELINED_PLAINTEXT = List.of(atLeast(THROUGHPUT, 1.5));
    private static final List<Target> TRANSFER = List.of(atLeast(THROUGHPUT, 1.0));
    private static final List<Target> CLOSE = List.of(atLeast(THROUGHPUT, 1.2));
    /** "idle-connection memory ≤ Jetty's": what each idle connection costs, see {@link Metric#IDLE_MEMORY}. */
    private static final List<Target> IDLE = List.of(atMost(IDLE_MEMORY, 1.0));
    private static final List<Target> NONE = List.of();
    /** Issue 17, static files: small ones served faster, large ones at half the CPU (sendfile). */
    private static final List<Target> STATIC_SMALL = List.of(atLeast(THROUGHPUT, 1.3));
    private static final List<Target> STATIC_LARGE = List.of(atMost(CPU_PER_10K, 0.5));
    /** Issue 15's goals for HTTPS keep-alive, against Jetty's TLS in the same server. */
    private static final List<Target> HTTPS_KEEP_ALIVE = List.of(atLeast(THROUGHPUT, 1.5), atMost(CPU_PER_10K, 0.6));
    /** Issue 15: handshakes per second (one request per connection, so requests/s) at least twice Jetty's. */
    private static final List<Target> HANDSHAKES = List.of(atLeast(THROUGHPUT, 2.0));
    /** Concurrent {@code openssl s_time} processes of the handshake scenarios (each one connection at a time). */
    public static final int S_TIME_PROCESSES = 8;

    private Scenarios()
    {
    }

    /** @return every scenario of the full run, in report order. */
    public static List<Scenario> all()
    {
        List<Scenario> all = new ArrayList<>();
        for (String endpoint : List.of("plaintext", "json"))
            for (int c : List.of(16, 64, 256))
                all.add(get(endpoint, c, SIMPLE));
        for (String endpoint : List.of("plaintext", "json"))
            for (int c : List.of(16, 64, 256))
                all.add(new Scenario(endpoint + "-pipe" + PIPELINE_DEPTH + "-c" + c,
                    "/" + endpoint + ", HTTP/1.1 pipelining depth " + PIPELINE_DEPTH + ", " + c + " connections",
                    "/" + endpoint, Scenario.Load.PIPELINE, c, 0, true,
                    endpoint.equals("plaintext") ? PIPELINED_PLAINTEXT : NONE));
        all.add(new Scenario("download-1m", "1 MB response (/bytes?n=1048576), 16 connections",
            "/bytes?n=1048576", Scenario.Load.GET, 16, 0, true, TRANSFER));
        all.add(new Scenario("upload-1m", "1 MB upload (POST /sha256), 16 connections",
            "/sha256", Scenario.Load.UPLOAD, 16, 0, true, TRANSFER));
        all.add(new Scenario("idle-10k", IDLE_CONNECTIONS + " idle keep-alive connections + 64 active on /plaintext",
            "/plaintext", Scenario.Load.GET, 64, IDLE_CONNECTIONS, true, IDLE));
        all.add(new Scenario("close-c64", "/plaintext with Connection: close (one connection per request), 64 connections",
            "/plaintext", Scenario.Load.CONNECTION_CLOSE, 64, 0, true, CLOSE));
        // Static files through each server's own default static file handling (StaticFiles)
        all.add(staticFile("1k", 64, STATIC_SMALL));
        all.add(staticFile("64k", 16, TRANSFER));
        all.add(staticFile("10m", 16, STATIC_LARGE));
        // The sample's CDI + JPA endpoints (EclipseLink on H2 in memory); the peers serve them from the sample WAR itself
        all.add(new Scenario("db-c16", "/db (one query), 16 connections", "/db", Scenario.Load.GET, 16, 0, true, SIMPLE));
        all.add(new Scenario("db-c64", "/db (one query), 64 connections", "/db", Scenario.Load.GET, 64, 0, true, SIMPLE));
        all.add(new Scenario("fortunes-c64", "/fortunes, 64 connections", "/fortunes", Scenario.Load.GET, 64, 0, true, SIMPLE));
        return all;
    }

    /** @return the smoke run: /plaintext only. */
    public static List<Scenario> smoke()
    {
        return List.of(get("plaintext", 16, SIMPLE));
    }

    /**
     * @return issue 15's HTTPS scenarios, in report order: keep-alive /plaintext and /json at 16, 64 and 256
     * connections; connection-per-request through wrk (resumed sessions after each connection's first); full and
     * resumed handshakes through {@code openssl s_time}
     */
    public static List<Scenario> https()
    {
        List<Scenario> all = new ArrayList<>();
        for (String endpoint : List.of("plaintext", "json"))
            for (int c : List.of(16, 64, 256))
                all.add(new Scenario("https-" + endpoint + "-c" + c, "HTTPS keep-alive /" + endpoint + ", " + c + " connections",
                    "/" + endpoint, Scenario.Load.GET, c, 0, true, HTTPS_KEEP_ALIVE, Suite.HTTPS));
        all.add(httpsClose());
        all.add(new Scenario("https-handshake-full", "openssl s_time -new: a full TLS handshake and GET /plaintext per "
            + "connection, " + S_TIME_PROCESSES + " processes", "/plaintext", Scenario.Load.TLS_FULL_HANDSHAKE,
            S_TIME_PROCESSES, 0, true, HANDSHAKES, Suite.HTTPS));
        all.add(new Scenario("https-handshake-resumed", "openssl s_time -reuse: a resumed TLS session and GET /plaintext per "
            + "connection, " + S_TIME_PROCESSES + " processes", "/plaintext", Scenario.Load.TLS_RESUMED_HANDSHAKE,
            S_TIME_PROCESSES, 0, true, HANDSHAKES, Suite.HTTPS));
        return all;
    }

    /** @return the HTTPS smoke run: keep-alive /plaintext and full handshakes, briefly */
    public static List<Scenario> httpsSmoke()
    {
        return https().stream().filter(s -> s.id().equals("https-plaintext-c16") || s.id().equals("https-handshake-full")).toList();
    }

    private static Scenario httpsClose()
    {
        return new Scenario("https-close-c64", "HTTPS /plaintext with Connection: close, 64 connections (wrk resumes the "
            + "TLS session on each reconnect)", "/plaintext", Scenario.Load.CONNECTION_CLOSE, 64, 0, true, HANDSHAKES, Suite.HTTPS);
    }

    private static Scenario staticFile(String size, int connections, List<Target> targets)
    {
        String path = "/" + StaticFiles.CONTEXT + "/" + size + ".bin";
        return new Scenario("static-" + size, "static file " + path + " (the server's default servlet), " + connections + " connections",
            path, Scenario.Load.GET, connections, 0, true, targets);
    }

    private static Scenario get(String endpoint, int connections, List<Target> targets)
    {
        return new Scenario(endpoint + "-c" + connections, "/" + endpoint + ", " + connections + " connections",
            "/" + endpoint, Scenario.Load.GET, connections, 0, true, targets);
    }
}
