package io.lyger.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * bench/spring/run: the Spring Boot sample (spring-boot-sample/) on Lyger, through lyger-spring-boot-starter, against
 * the same application on Spring Boot's default Tomcat and on the stock Jetty starter (the sample's
 * {@code -Dsample.server=tomcat|jetty} builds), in one alternating run: each round starts each variant's executable
 * jar afresh (L T J L T J L T J) and measures
 * <ol>
 * <li>launch to ready: from the process start to the first 200 of {@code /actuator/health/readiness} (polled every
 * 10 ms; on Lyger readiness waits for its warm-up, on the others it follows the start);</li>
 * <li>the first {@code GET /db} after ready, on a new connection, against the steady state: the median of
 * {@value #STEADY_SAMPLES} such requests after the load runs;</li>
 * <li>{@code /json} and {@code /db} under wrk ({@value #CONNECTIONS} connections): req/s, p99 and server CPU per
 * request, after {@code --warmup} s (default {@value #WARM_SECONDS}) of unmeasured load each. A Spring application's
 * CPU per request keeps falling for 30 s or more of load while the JIT compiles it (measured on /json: about 460 µs in
 * the first 6 s, 250 µs after 15 s, 70 µs after 35 s, on Lyger and Tomcat alike): shorter warm-ups measure the JIT's
 * progress, not the servers.</li>
 * </ol>
 * Reports the medians per variant and the median of the per-round ratios Lyger/Tomcat and Lyger/Jetty, as the
 * "Spring Boot" section of bench/RESULTS.md (and bench/target/spring/RESULTS-spring.md).
 * <p>
 * Reuses the harness's {@link WrkRunner} (wrk with the Lua done() report), {@link ProcStats} (CPU from /proc),
 * {@link Stats} (medians) and {@link MachineInfo}.
 */
public final class SpringBench
{
    static final int CONNECTIONS = 64;
    static final int WARM_SECONDS = 30;
    static final int STEADY_SAMPLES = 50;
    static final List<String> JVM_FLAGS = List.of("-Xmx1g", "-XX:+UseG1GC");

    /** One build of the sample: its executable jar. */
    record Variant(String id, String title, Path jar)
    {
    }

    /** What one launch of one variant measured. */
    record Launch(double launchToReadyMs, double firstDbMs, double steadyDbMs, Map<String, Load> loads, double backgroundCores)
    {
    }

    /** One wrk run: req/s, p99 (ms), server CPU µs per request. */
    record Load(double requestsPerSecond, double p99Ms, double cpuMicrosPerRequest, long errors)
    {
    }

    private SpringBench()
    {
    }

    public static void main(String[] args) throws Exception
    {
        Path root = Path.of(".");
        int rounds = 3;
        int seconds = 8;
        int warmup = WARM_SECONDS;
        for (String arg : args)
        {
            if (arg.startsWith("--root="))
                root = Path.of(arg.substring(7));
            else if (arg.startsWith("--rounds="))
                rounds = Integer.parseInt(arg.substring(9));
            else if (arg.startsWith("--seconds="))
                seconds = Integer.parseInt(arg.substring(10));
            else if (arg.startsWith("--warmup="))
                warmup = Integer.parseInt(arg.substring(9));
            else
                throw new IllegalArgumentException("unknown option " + arg + " (--root=DIR --rounds=N --seconds=N --warmup=N)");
        }
        Path target = root.resolve("spring-boot-sample/target");
        List<Variant> variants = List.of(
            new Variant("lyger", "Lyger (spring-boot-starter-jetty + lyger-spring-boot-starter, native engine)",
                target.resolve("lyger-spring-boot-sample-0.1.0-SNAPSHOT.jar")),
            new Variant("tomcat", "Tomcat (Spring Boot's default, spring-boot-starter-tomcat)", target.resolve("spring-sample-tomcat.jar")),
            new Variant("jetty", "Jetty (the stock spring-boot-starter-jetty, Jetty 12.1.7)", target.resolve("spring-sample-jetty.jar")));
        for (Variant variant : variants)
        {
            if (!Files.isRegularFile(variant.jar()))
                throw new IllegalStateException("missing " + variant.jar() + ": run bench/spring/run, which builds it");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path work = root.resolve("bench/target/spring");
        Files.createDirectories(work);
        WrkRunner wrk = new WrkRunner(work);
        MachineInfo machine = MachineInfo.collect(java, root);
        Instant started = Instant.now();
        long t0 = System.nanoTime();

        Map<String, List<Launch>> launches = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++)
        {
            for (Variant variant : variants)
            {
                Launch launch = launch(java, variant, wrk, work, round, seconds, warmup);
                launches.computeIfAbsent(variant.id(), id -> new ArrayList<>()).add(launch);
                System.err.printf("bench/spring: round %d %-6s ready in %6.0f ms, first /db %6.2f ms, steady /db %5.2f ms, /json %8.0f req/s p99 %6.2f ms cpu %5.1f µs, /db %8.0f req/s p99 %6.2f ms cpu %5.1f µs, others %.2f cores%n",
                    round + 1, variant.id(), launch.launchToReadyMs(), launch.firstDbMs(), launch.steadyDbMs(),
                    launch.loads().get("json").requestsPerSecond(), launch.loads().get("json").p99Ms(), launch.loads().get("json").cpuMicrosPerRequest(),
                    launch.loads().get("db").requestsPerSecond(), launch.loads().get("db").p99Ms(), launch.loads().get("db").cpuMicrosPerRequest(),
                    launch.backgroundCores());
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        String section = SpringReport.render(machine, started, elapsed, rounds, seconds, warmup, variants, launches);
        Files.writeString(work.resolve("RESULTS-spring.md"), section);
        SpringReport.replaceSection(root.resolve("bench/RESULTS.md"), section);
        System.out.println(section);
    }

    private static Launch launch(Path java, Variant variant, WrkRunner wrk, Path work, int round, int seconds, int warmup) throws Exception
    {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", variant.jar().toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        Path log = work.resolve(variant.id() + "-round" + (round + 1) + ".log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try
        {
            awaitReady(process, port, log);
            double launchToReady = (System.nanoTime() - start) / 1e6;
            double firstDb = timedGet(port, "/db");
            String activeLine = Files.readAllLines(log).stream().filter(l -> l.contains("Lyger native engine not used")).findFirst().orElse(null);
            if (variant.id().equals("lyger") && activeLine != null)
                throw new IllegalStateException("Lyger's native engine did not serve: " + activeLine);

            Map<String, Load> loads = new LinkedHashMap<>();
            double background = 0;
            for (String path : List.of("json", "db"))
            {
                Scenario scenario = new Scenario(path + "-c" + CONNECTIONS, "/" + path, "/" + path, Scenario.Load.GET, CONNECTIONS, 0, true, List.of());
                String base = "http://127.0.0.1:" + port;
                wrk.run(scenario, base, warmup, variant.id() + "-round" + (round + 1) + "-" + path + "-warm");
                double cpuBefore = ProcStats.cpuSeconds(process.pid());
                double wrkBefore = ProcStats.childrenCpuSeconds();
                double busyBefore = ProcStats.machineBusySeconds();
                long t = System.nanoTime();
                WrkResult result = wrk.run(scenario, base, seconds, variant.id() + "-round" + (round + 1) + "-" + path);
                double wall = (System.nanoTime() - t) / 1e9;
                double cpu = ProcStats.cpuSeconds(process.pid()) - cpuBefore;
                double others = (ProcStats.machineBusySeconds() - busyBefore) - cpu - (ProcStats.childrenCpuSeconds() - wrkBefore);
                background = Math.max(background, others / wall);
                loads.put(path, new Load(result.requestsPerSecond(), result.p99Micros() / 1000, result.requests() == 0 ? Double.NaN : cpu * 1e6 / result.requests(),
                    result.errors()));
            }
            List<Double> steady = new ArrayList<>();
            for (int i = 0; i < STEADY_SAMPLES; i++)
                steady.add(timedGet(port, "/db"));
            return new Launch(launchToReady, firstDb, Stats.median(steady), loads, background);
        }
        finally
        {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS))
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitReady(Process process, int port, Path log) throws Exception
    {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() - deadline < 0)
        {
            if (!process.isAlive())
                throw new IllegalStateException("exited with " + process.exitValue() + " before ready, see " + log);
            try
            {
                if (status(port, "/actuator/health/readiness") == 200)
                    return;
            }
            catch (IOException x)
            {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("not ready within 5 minutes, see " + log);
    }

    /** @return the milliseconds from connecting to the last byte of the answer of one GET on a new connection */
    static double timedGet(int port, String path) throws IOException
    {
        long start = System.nanoTime();
        int status = status(port, path);
        double ms = (System.nanoTime() - start) / 1e6;
        if (status != 200)
            throw new IOException("GET " + path + " answered " + status);
        return ms;
    }

    /** One GET with Connection: close, read to the end: a client's first request, as curl sends it. */
    private static int status(int port, String path) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: lyger-bench\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String head = new String(all, 0, Math.min(all.length, 16), StandardCharsets.US_ASCII);
            if (!head.startsWith("HTTP/1.1 ") || head.length() < 12)
                throw new IOException("not an HTTP/1.1 answer: " + head);
            return Integer.parseInt(head.substring(9, 12));
        }
    }
}
