import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Boots the sample WAR with {@code bin/lyger} in two ways and measures, for each: ms from the JVM's launch to ready,
 * the latency of the very first {@code /db} and {@code /fortunes}, and their steady-state medians.
 * <ul>
 * <li>lyger: {@code bin/lyger serve WAR} (CDI warm-up, persistence units deployed, JIT warm-up, native connector);
 * ready = {@code /_lyger/health/ready} answers 200.</li>
 * <li>stock: {@code bin/lyger serve WAR --no-warmup --connector=jetty}: Jetty + Weld + EclipseLink as they start
 * without Lyger, behind Jetty's ServerConnector; ready = the port answers (the health endpoint says 200 as soon as
 * the server has started, which is when a stock server would be put in rotation).</li>
 * </ul>
 * The client polls over one kept-alive connection, which the first measured request reuses, and with the body handler
 * the measured requests use, so the client's own first-use costs are paid before the measurement (polling with
 * {@code discarding()} left the client's first {@code ofByteArray()} in every "first" figure: 2.3 ms against 0.7 ms,
 * medians of 5 client JVMs against a warm server). Run by
 * {@code cdi-integration/warmup-bench}; a single-file program (JDK only).
 * <p>
 * Before any server it JIT-compiles its own request path against a raw-socket server in this JVM
 * ({@link #warmClient}), and after the steady state it times {@value #IDLE_SAMPLES} {@code /db} requests each after
 * 1 s idle: a warm server's after-idle latency (threads and caches asleep on both sides), which is what a first
 * request after ready can at best be compared with.
 */
public final class WarmupBench
{
    public static void main(String[] args) throws Exception
    {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args)
        {
            if (!arg.startsWith("--") || !arg.contains("="))
                throw new IllegalArgumentException("options are --name=value, got " + arg);
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path lyger = Path.of(options.getOrDefault("lyger", "bin/lyger"));
        Path war = Path.of(options.getOrDefault("war", "war-sample/target/lyger-sample.war"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        int steady = Integer.parseInt(options.getOrDefault("steady", "1500"));
        int port = Integer.parseInt(options.getOrDefault("port", "18181"));
        if (!Files.isRegularFile(war))
            throw new IllegalArgumentException("no WAR at " + war);

        long warming = System.nanoTime();
        double clientIdle = warmClient();
        System.err.printf(Locale.ROOT, "client warmed in %d ms%n", (System.nanoTime() - warming) / 1_000_000);
        Map<String, List<Run>> results = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++)
        {
            for (String mode : List.of("lyger", "stock"))
            {
                Run run = boot(lyger, war, port, mode, steady);
                System.err.printf(Locale.ROOT, "%s run %d: ready %d ms, first /db %.2f ms, first /fortunes %.2f ms, median /db %.3f ms, /fortunes %.3f ms%n",
                    mode, i + 1, run.readyMs, run.firstDb, run.firstFortunes, run.medianDb, run.medianFortunes);
                System.err.printf(Locale.ROOT, "%s run %d: /db after 1 s idle, warm server: %.2f ms (median of %d); in the server: first /db + /fortunes %.3f ms, steady /db + /fortunes %.3f ms (means), /db %.3f ms (mean), /db after 1 s idle %.3f ms (mean)%n",
                    mode, i + 1, run.idleDb, IDLE_SAMPLES, run.serverFirstPair, run.serverSteadyPair, run.serverSteadyDb, run.serverIdleDb);
                results.computeIfAbsent(mode, m -> new ArrayList<>()).add(run);
            }
        }
        System.out.printf("Medians over %d runs of each (steady state: median of %d requests per path after %d unmeasured ones).%n", runs, steady, steady * 2);
        System.out.printf(Locale.ROOT, "The same client, after 1 s idle, against a raw-socket server in its own JVM that answers at once: %.2f ms (the client's and the OS's share of an after-idle figure).%n%n", clientIdle);
        System.out.println("| start | JVM launch to ready | first /db | steady /db | first/steady | /db after 1 s idle | first/idle | first /fortunes | steady /fortunes | first/steady | in the server: first /db + /fortunes | steady /db + /fortunes (means) | first/steady | /db steady (mean) | /db after 1 s idle (mean) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<Run>> entry : results.entrySet())
        {
            List<Run> list = entry.getValue();
            double ready = median(list.stream().mapToDouble(r -> r.readyMs).toArray());
            double firstDb = median(list.stream().mapToDouble(r -> r.firstDb).toArray());
            double medianDb = median(list.stream().mapToDouble(r -> r.medianDb).toArray());
            double firstFortunes = median(list.stream().mapToDouble(r -> r.firstFortunes).toArray());
            double medianFortunes = median(list.stream().mapToDouble(r -> r.medianFortunes).toArray());
            double idleDb = median(list.stream().mapToDouble(r -> r.idleDb).toArray());
            double serverFirstPair = median(list.stream().mapToDouble(r -> r.serverFirstPair).toArray());
            double serverSteadyPair = median(list.stream().mapToDouble(r -> r.serverSteadyPair).toArray());
            double serverSteadyDb = median(list.stream().mapToDouble(r -> r.serverSteadyDb).toArray());
            double serverIdleDb = median(list.stream().mapToDouble(r -> r.serverIdleDb).toArray());
            System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.2f ms | %.3f ms | %.1f× | %.2f ms | %.1f× | %.2f ms | %.3f ms | %.1f× | %.3f ms | %.3f ms | %.1f× | %.3f ms | %.3f ms |%n",
                entry.getKey().equals("lyger") ? "Lyger (warm, native connector)" : "stock (--no-warmup --connector=jetty)",
                ready, firstDb, medianDb, firstDb / medianDb, idleDb, firstDb / idleDb, firstFortunes, medianFortunes, firstFortunes / medianFortunes,
                serverFirstPair, serverSteadyPair, serverFirstPair / serverSteadyPair, serverSteadyDb, serverIdleDb);
        }
    }

    /** Requests, each after a pause, that show what an idle warm server costs a request (threads asleep, caches cold). */
    static final int IDLE_SAMPLES = 5;

    /**
     * {@code serverFirstPair}: the server's time for the first /db and the first /fortunes together;
     * {@code serverSteadyPair}: its mean time for a /db plus its mean time for a /fortunes, back to back.
     */
    record Run(long readyMs, double firstDb, double firstFortunes, double medianDb, double medianFortunes, double idleDb,
               double serverFirstPair, double serverSteadyPair, double serverSteadyDb, double serverIdleDb)
    {
    }

    static Run boot(Path lyger, Path war, int port, String mode, int steady) throws Exception
    {
        List<String> command = new ArrayList<>(List.of(lyger.toString(), "serve", war.toString(), "--port=" + port, "--host=127.0.0.1"));
        if (mode.equals("stock"))
            command.addAll(List.of("--no-warmup", "--connector=jetty"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("LYGER_WARMUP_BUDGET");
        Path log = Files.createTempFile("warmup-bench-" + mode, ".log");
        builder.redirectOutput(log.toFile());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        // pay the client's first-use costs before the server exists
        try
        {
            client.send(HttpRequest.newBuilder(base.resolve("/")).timeout(Duration.ofMillis(200)).build(), HttpResponse.BodyHandlers.discarding());
        }
        catch (IOException expected)
        {
            // nothing listens yet
        }
        long launched = System.nanoTime();
        Process process = builder.start();
        try
        {
            long readyAt = -1;
            long deadline = launched + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline)
            {
                if (!process.isAlive())
                    throw new IllegalStateException(mode + ": the server exited: see " + log);
                try
                {
                    // the body handler the measured requests use: its first-use costs are the client's, not the server's
                    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(base.resolve("/_lyger/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() == 200)
                    {
                        readyAt = System.nanoTime();
                        break;
                    }
                }
                catch (IOException notYet)
                {
                    // not listening yet
                }
                Thread.sleep(2);
            }
            if (readyAt < 0)
                throw new IllegalStateException(mode + ": not ready after 120 s: see " + log);
            // The first /db follows the ready answer at once, as a client's first request follows the health check
            // that let it in, and the first /fortunes follows it: nothing of the benchmark's own comes between (a
            // read of /_lyger/metrics there made the next request 0.3 ms slower). The public request counters start
            // at zero at ready (the warm-up's requests and the reserved paths are counted apart), so one read after
            // both gives the server's time for the two.
            double firstDb = time(client, base.resolve("/db"));
            double firstFortunes = time(client, base.resolve("/fortunes"));
            double[] afterFirst = serverSum(client, base);
            if (afterFirst[1] != 2)
                throw new IllegalStateException(mode + ": " + afterFirst[1] + " requests counted by the server for the first /db and /fortunes: the counters did not start at zero at ready");
            double serverFirstPair = afterFirst[0] * 1000;
            for (int i = 0; i < steady * 2; i++)
            {
                time(client, base.resolve("/db"));
                time(client, base.resolve("/fortunes"));
            }
            double[] db = new double[steady];
            double[] fortunes = new double[steady];
            for (int i = 0; i < steady; i++)
            {
                db[i] = time(client, base.resolve("/db"));
                fortunes[i] = time(client, base.resolve("/fortunes"));
            }
            double serverSteadyDb = serverMean(client, base, "/db", steady);
            double serverSteadyPair = serverSteadyDb + serverMean(client, base, "/fortunes", steady);
            double[] idle = new double[IDLE_SAMPLES];
            double serverIdleDb = 0;
            for (int i = 0; i < IDLE_SAMPLES; i++)
            {
                Thread.sleep(1000);
                double[] idleStart = serverSum(client, base);
                idle[i] = time(client, base.resolve("/db"));
                serverIdleDb += (serverSum(client, base)[0] - idleStart[0]) * 1000 / IDLE_SAMPLES;
            }
            return new Run((readyAt - launched) / 1_000_000, firstDb, firstFortunes, median(db), median(fortunes), median(idle), serverFirstPair, serverSteadyPair,
                serverSteadyDb, serverIdleDb);
        }
        finally
        {
            process.destroy(); // SIGTERM: graceful stop
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
                process.destroyForcibly().waitFor();
            Files.deleteIfExists(log);
        }
    }

    /**
     * JIT-compiles the client's own request path (HttpClient, HTTP/1.1, {@code ofByteArray}) against a JDK server in
     * this JVM, so that a "first request" figure is the server's first request, not this client's: without it the
     * client's interpreted first requests alone take about 0.7 ms against a warm server, three times a steady /db.
     */
    /** @return the median latency of a request after 1 s idle against that server: the client's and the OS's share */
    static double warmClient() throws Exception
    {
        // a raw-socket server that answers every request with one write: the JDK's HttpServer writes head and body
        // apart, and Nagle with delayed ACKs then costs 40 ms a request
        byte[] page = new byte[1200]; // about a /fortunes page
        Arrays.fill(page, (byte)'x');
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + page.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = Arrays.copyOf(head, head.length + page.length);
        System.arraycopy(page, 0, response, head.length, page.length);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()))
        {
            Thread answering = new Thread(() ->
            {
                try (Socket socket = server.accept())
                {
                    socket.setTcpNoDelay(true);
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    int matched = 0;
                    for (int b; (b = in.read()) >= 0; )
                    {
                        // a GET has no body: the end of the head ends the request
                        matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
                        if (matched == 4)
                        {
                            out.write(response);
                            matched = 0;
                        }
                    }
                }
                catch (IOException closed)
                {
                    // the client is done
                }
            }, "warm-client-server");
            answering.setDaemon(true);
            answering.start();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/db");
            for (int i = 0; i < 20_000; i++)
                time(client, uri);
            double[] idle = new double[IDLE_SAMPLES];
            for (int i = 0; i < IDLE_SAMPLES; i++)
            {
                Thread.sleep(1000);
                idle[i] = time(client, uri);
            }
            return median(idle);
        }
    }

    /**
     * @return {@code lyger_http_request_duration_seconds} sum and count from {@code /_lyger/metrics}: the time the
     * server spent in the application's requests, from the handler in front of the web applications to completion
     * (the connector's parsing and the transport left out; {@code /_lyger/} requests are not counted)
     */
    /** @return the server's mean time (ms) for {@code count} requests to {@code path}, back to back */
    static double serverMean(HttpClient client, URI base, String path, int count) throws Exception
    {
        double[] start = serverSum(client, base);
        for (int i = 0; i < count; i++)
            time(client, base.resolve(path));
        double[] end = serverSum(client, base);
        return (end[0] - start[0]) * 1000 / (end[1] - start[1]);
    }

    static double[] serverSum(HttpClient client, URI base) throws Exception
    {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/_lyger/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        double sum = Double.NaN;
        double count = Double.NaN;
        for (String line : response.body().split("\n"))
        {
            if (line.startsWith("lyger_http_request_duration_seconds_sum "))
                sum = Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            else if (line.startsWith("lyger_http_request_duration_seconds_count "))
                count = Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
        }
        return new double[]{sum, count};
    }

    /** @return the latency of one GET in ms; fails on a non-200 */
    static double time(HttpClient client, URI uri) throws Exception
    {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200)
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        return ms;
    }

    static double median(double[] values)
    {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
