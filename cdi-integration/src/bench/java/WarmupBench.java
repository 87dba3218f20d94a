import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The client polls over one kept-alive connection, which the first measured request reuses, so the client's own
 * first-use costs are paid before the measurement. Run by {@code cdi-integration/warmup-bench}; a single-file
 * program (JDK only).
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

        Map<String, List<Run>> results = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++)
        {
            for (String mode : List.of("lyger", "stock"))
            {
                Run run = boot(lyger, war, port, mode, steady);
                System.err.printf(Locale.ROOT, "%s run %d: ready %d ms, first /db %.2f ms, first /fortunes %.2f ms, median /db %.3f ms, /fortunes %.3f ms%n",
                    mode, i + 1, run.readyMs, run.firstDb, run.firstFortunes, run.medianDb, run.medianFortunes);
                results.computeIfAbsent(mode, m -> new ArrayList<>()).add(run);
            }
        }
        System.out.printf("Medians over %d runs of each (steady state: median of %d requests per path after %d unmeasured ones).%n%n", runs, steady, steady * 2);
        System.out.println("| start | JVM launch to ready | first /db | steady /db | first/steady | first /fortunes | steady /fortunes | first/steady |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<Run>> entry : results.entrySet())
        {
            List<Run> list = entry.getValue();
            double ready = median(list.stream().mapToDouble(r -> r.readyMs).toArray());
            double firstDb = median(list.stream().mapToDouble(r -> r.firstDb).toArray());
            double medianDb = median(list.stream().mapToDouble(r -> r.medianDb).toArray());
            double firstFortunes = median(list.stream().mapToDouble(r -> r.firstFortunes).toArray());
            double medianFortunes = median(list.stream().mapToDouble(r -> r.medianFortunes).toArray());
            System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.2f ms | %.3f ms | %.1f× | %.2f ms | %.3f ms | %.1f× |%n",
                entry.getKey().equals("lyger") ? "Lyger (warm, native connector)" : "stock (--no-warmup --connector=jetty)",
                ready, firstDb, medianDb, firstDb / medianDb, firstFortunes, medianFortunes, firstFortunes / medianFortunes);
        }
    }

    record Run(long readyMs, double firstDb, double firstFortunes, double medianDb, double medianFortunes)
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
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(base.resolve("/_lyger/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
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
            double firstDb = time(client, base.resolve("/db"));
            double firstFortunes = time(client, base.resolve("/fortunes"));
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
            return new Run((readyAt - launched) / 1_000_000, firstDb, firstFortunes, median(db), median(fortunes));
        }
        finally
        {
            process.destroy(); // SIGTERM: graceful stop
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
                process.destroyForcibly().waitFor();
            Files.deleteIfExists(log);
        }
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
