package io.lyger.bench;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark harness: starts every target (the sample WAR on both of Lyger's connectors, and the peers: bare Jetty,
 * Tomcat, Undertow), warms each, runs every scenario in rounds that run each target once in turn (A B C D E, repeated),
 * and writes the report and the chart. Run it through {@code bench/run}.
 */
public final class BenchMain
{
    /** Identical for every server (bin/lyger's flag plus heap and GC); Lyger's two sides differ only in {@code --connector}. */
    static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-XX:+UseG1GC");
    /** Extra {@code serve} options, identical for Lyger's two sides (thread counts are the launcher's defaults on both). */
    static final List<String> SERVE_ARGS = List.of();
    /** Pause between runs, so that one run's closing connections do not overlap the next. */
    static final Duration SETTLE = Duration.ofMillis(300);
    /** Rough per-run cost beyond wrk's own duration (process start, Lua init, settle, /proc reads). */
    static final double RUN_OVERHEAD_SECONDS = 0.7;
    /** Rough extra time per idle-scenario run to open and close the idle connections. */
    static final double IDLE_OVERHEAD_SECONDS = 3;
    static final double SERVER_START_SECONDS = 10;
    /** What deploying the sample WAR (Weld, EclipseLink, seeding H2) adds to a peer's start. */
    static final double SAMPLE_WAR_START_SECONDS = 8;
    /**
     * What a full run of Lyger's two sides may take, leaving the rest of issue 3's 15 minutes to a fresh clone's build
     * (under 1 min here); a run with more targets scales it.
     */
    static final Duration BUDGET = Duration.ofMinutes(13);

    private BenchMain()
    {
    }

    public static void main(String[] args) throws Exception
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.parse(args);
        }
        catch (IllegalArgumentException | IllegalStateException e)
        {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchRun run = run(options);
        if (!run.allServed())
        {
            System.err.println("bench: FAILED: not every server served every scenario (see " + options.outDir().resolve("RESULTS.md") + ")");
            System.exit(1);
        }
    }

    /** Runs the benchmark and writes RESULTS.md and results.png to {@link BenchOptions#outDir()}. */
    public static BenchRun run(BenchOptions options) throws IOException, InterruptedException
    {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<Scenario> scenarios = selectScenarios(options);
        Duration estimate = estimate(options, scenarios);
        log("%d scenario(s), %d target(s) %s, %d round(s) of %d s runs, %d s warm-up per server: estimated %d min %02d s",
            scenarios.stream().filter(Scenario::available).count(), options.targets().size(),
            options.targets().stream().map(Side::option).toList(), options.pairs(), options.seconds(),
            options.warmupSeconds(), estimate.toMinutes(), estimate.toSecondsPart());
        Duration budget = BUDGET.multipliedBy(options.targets().size()).dividedBy(2);
        if (!options.smoke() && estimate.compareTo(budget) > 0)
            log("WARNING: the estimate exceeds the %d min budget of a full run (issue 3: 15 min end to end with the "
                + "build for Lyger's two sides, scaled here by the number of targets)", budget.toMinutes());
        String classpath = serverClasspath(options);
        MachineInfo machine = MachineInfo.collect(options.java(), options.repoRoot());
        Files.createDirectories(options.workDir());
        LoadRunner wrk = new LoadRunner(options.workDir(), options.wrkPin());
        Suite suite = options.suite();
        BenchKeystore keystore = suite == Suite.HTTPS
            ? BenchKeystore.create(options.jdk(), options.workDir().resolve("tls"), options.tlsKey()) : null;

        // only runs with a static-* scenario write the files and serve them
        Path staticRoot = scenarios.stream().anyMatch(s -> s.path().startsWith("/" + StaticFiles.CONTEXT + "/"))
            ? StaticFiles.root(options.workDir()) : null;
        // what every target must answer as lyger-native does before anything is measured (the smoke run checks every
        // path of the full run), and whether the peers deploy the WAR (always, unless --peer-app=servlets)
        List<SampleWarCheck.Probe> probes = checkProbes(options, scenarios);
        boolean peersDeployWar = options.peerApp().peersDeployWar(probes.stream().map(SampleWarCheck.Probe::path).toList());
        // the peers' JIT warm-up on the WAR's CDI and JPA endpoints (Lyger's replays them before it reports ready)
        List<String> samplePaths = options.smoke() ? List.of()
            : scenarios.stream().map(Scenario::path).filter(Side::needsSampleWar).distinct().toList();
        Map<Side, ServerProcess.Active> active = new EnumMap<>(Side.class);
        Map<Side, List<String>> lines = new EnumMap<>(Side.class);
        Map<Side, String> checks = new EnumMap<>(Side.class);
        List<ScenarioResult> results = new ArrayList<>();
        List<CpuProfile.Result> profiles = new ArrayList<>();
        boolean peakPerRun = true;
        Map<Side, ServerProcess> servers = new EnumMap<>(Side.class);
        // Ctrl+C on bench/run must not leave two server JVMs behind.
        Thread stopServers = new Thread(() -> List.copyOf(servers.values()).forEach(ServerProcess::close), "bench-stop-servers");
        Runtime.getRuntime().addShutdownHook(stopServers);
        try
        {
            for (Side side : options.targets())
            {
                ServerProcess server = ServerProcess.start(side, options.serverPin(), options.java(), JVM_FLAGS,
                    side.peer() ? peersClasspath(options, side) : side.tls() ? httpsServerClasspath(options, classpath) : classpath,
                    options.war(), SERVE_ARGS, options.workDir(), Duration.ofSeconds(120), keystore, staticRoot,
                    options.peerApp(), peersDeployWar);
                servers.put(side, server);
                active.put(side, server.activeConnector());
                lines.put(side, server.connectorLogLines());
                HttpResponse<String> answer = server.get("/plaintext");
                checks.put(side, answer.statusCode() + " \"" + answer.body().strip() + "\"");
                log("%s server pid %d on %s: %s; GET /plaintext -> %s", side.option(), server.pid(), server.baseUrl("/plaintext"),
                    describe(active.get(side)), checks.get(side));
            }
            if (!probes.isEmpty())
            {
                Map<Side, String> answers = SampleWarCheck.check(probes, servers, suite.subject());
                answers.forEach((side, answer) -> checks.merge(side, answer, (a, b) -> a + "; " + b));
                answers.forEach((side, answer) -> log("%s: %s", side.option(), answer));
            }
            if (active.get(suite.subject()) != ServerProcess.Active.NATIVE)
                log("WARNING: %s is NOT served by the native engine (%s): ratios are not meaningful",
                    suite.subject().option(), describe(active.get(suite.subject())));

            for (Side side : options.targets())
            {
                Scenario plaintext = Scenarios.smoke().get(0);
                Scenario json = new Scenario("warmup-json", "", "/json", Scenario.Load.GET, 64, 0, true, List.of());
                int half = Math.max(1, options.warmupSeconds() / 2);
                wrk.run(plaintext, servers.get(side).baseUrl(plaintext.path()), half, "warmup-" + side.option() + "-plaintext");
                if (!options.smoke())
                    wrk.run(json, servers.get(side).baseUrl(json.path()), Math.max(1, options.warmupSeconds() - half),
                        "warmup-" + side.option() + "-json");
                // the peers on the WAR's CDI and JPA endpoints too: Lyger's own JIT warm-up replays them before it
                // reports ready (the WAR's lyger-warmup.properties), the peers have none (the smoke run only checks them)
                if (side.peer())
                    for (String path : samplePaths)
                        wrk.run(new Scenario("warmup" + path.replace('/', '-'), "", path, Scenario.Load.GET, 64, 0, true, List.of()),
                            servers.get(side).baseUrl(path), options.warmupSeconds(), "warmup-" + side.option() + path.replace('/', '-'));
            }

            for (Scenario scenario : scenarios)
            {
                if (!scenario.available())
                {
                    results.add(ScenarioResult.notRun(scenario, "not yet in the sample"));
                    continue;
                }
                try
                {
                    ScenarioResult result = runScenario(options, wrk, servers, scenario);
                    peakPerRun &= result.allRuns().stream().allMatch(RunResult::peakPerRun);
                    results.add(result);
                }
                catch (IOException e)
                {
                    log("%s: FAILED: %s", scenario.id(), e.getMessage());
                    results.add(ScenarioResult.notRun(scenario, "failed: " + firstLine(e.getMessage())));
                    for (ServerProcess server : servers.values())
                        if (!server.isAlive())
                            throw new IOException(server.side().option() + " server died; log tail:\n" + server.tail(40), e);
                }
            }
            if (options.profile() != null)
                profiles.addAll(profile(options, wrk, servers));
        }
        finally
        {
            servers.values().forEach(ServerProcess::close);
            Runtime.getRuntime().removeShutdownHook(stopServers);
        }

        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        BenchRun run = new BenchRun(options, machine, JVM_FLAGS, SERVE_ARGS, active, lines, checks, results, started,
            elapsed, estimate, peakPerRun);
        Files.createDirectories(options.outDir());
        Path report = options.outDir().resolve("RESULTS.md");
        String existing = Files.isRegularFile(report) ? Files.readString(report) : "";
        String profileSection = profiles.isEmpty() ? "" : CpuProfile.markdown(options.profile(), profileSeconds(options), profiles);
        if (suite == Suite.HTTPS)
        {
            // The HTTPS section alone is replaced: the HTTP report and chart stay as the last HTTP run left them.
            Files.writeString(report, HttpsReport.splice(existing, HttpsReport.render(run, keystore) + profileSection));
            log("done in %d min %02d s: %s (section \"%s\")", elapsed.toMinutes(), elapsed.toSecondsPart(), report,
                HttpsReport.TITLE);
            System.out.println();
            System.out.println(HttpsReport.table(run, Metric.THROUGHPUT));
            return run;
        }
        Path chart = options.outDir().resolve("results.png");
        // The HTTP run rewrites the report but keeps the sections other runs own: the last HTTPS run's
        // (bench/run --https), bench/profile's CPU split, bench/startup/run's and bench/spring/run's.
        Files.writeString(report, MarkdownReport.render(run) + profileSection + HttpsReport.section(existing)
            + ResultsSections.sections(existing, "## CPU split", "## Start-up", SpringReport.HEADING));
        ResultsChart.write(run, chart);
        log("done in %d min %02d s: %s, %s", elapsed.toMinutes(), elapsed.toSecondsPart(), report, chart);
        System.out.println();
        System.out.println(MarkdownReport.table(run));
        return run;
    }

    private static ScenarioResult runScenario(BenchOptions options, LoadRunner wrk, Map<Side, ServerProcess> servers,
                                              Scenario scenario) throws IOException, InterruptedException
    {
        if (options.scenarioWarmupSeconds() > 0 && scenario.idleConnections() == 0)
            for (Side side : targets(options, scenario))
                wrk.run(scenario, servers.get(side).baseUrl(scenario.path()), options.scenarioWarmupSeconds(),
                    scenario.id() + "-warmup-" + side.option());
        Map<Side, List<RunResult>> runs = new EnumMap<>(Side.class);
        for (int pair = 0; pair < options.pairs(); pair++)
        {
            for (Side side : targets(options, scenario))
            {
                RunResult run = measure(options, wrk, servers.get(side), scenario, pair);
                runs.computeIfAbsent(side, s -> new ArrayList<>()).add(run);
                log("%-22s %-12s round %d: %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  cpu %.3f s/10k  peak RSS %5.0f MiB  cores: server %.2f wrk %.2f others %.2f%s%s",
                    scenario.id(), side.option(), pair + 1, run.requestsPerSecond(), Metric.P50.of(run), Metric.P99.of(run),
                    Metric.P999.of(run), run.cpuSecondsPer10k(), Metric.PEAK_RSS.of(run), run.serverCores(),
                    run.wrkCpuSeconds() / run.seconds(), run.otherCores(),
                    run.wrk().errors() > 0 ? "  ERRORS " + run.wrk().errors() : "",
                    scenario.idleConnections() > 0 ? "  idle held " + run.idleHeld() + " failed " + run.idleFailed()
                        + " closed " + run.idleClosed() + ", growth while opening: RSS " + run.idleRssGrowthKib()
                        + " KiB, live heap " + run.idleHeapGrowthKib() + " KiB" : "");
            }
        }
        return new ScenarioResult(scenario, runs, null);
    }

    /**
     * @return what every target must answer as lyger-native does before the run ({@link SampleWarCheck}): the selected
     * scenarios' paths, and in the smoke run those of the full run of the suite (the ones the application has), so that
     * {@code mvn verify} checks every peer's deployment of the WAR on every path
     */
    static List<SampleWarCheck.Probe> checkProbes(BenchOptions options, List<Scenario> scenarios)
    {
        List<Scenario> checked = options.smoke()
            ? options.suite().scenarios().stream().filter(s -> s.available() && options.app().serves(s.path())).toList()
            : scenarios;
        return SampleWarCheck.probes(checked);
    }

    /** @return the targets that serve the scenario's path: every one, unless the peers' root servlets lack it */
    static List<Side> targets(BenchOptions options, Scenario scenario)
    {
        return options.targets().stream().filter(side -> options.peerApp().serves(side, options.app(), scenario.path())).toList();
    }

    /** One more run of the profiled scenario per Lyger side, under JFR and perf (CpuProfile); the peers are not profiled. */
    private static List<CpuProfile.Result> profile(BenchOptions options, LoadRunner wrk, Map<Side, ServerProcess> servers)
        throws InterruptedException
    {
        Scenario scenario = options.suite().scenarios().stream().filter(s -> s.id().equals(options.profile())).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("--profile matches no scenario: " + options.profile()));
        List<CpuProfile.Result> results = new ArrayList<>();
        for (Side side : options.targets())
        {
            if (side.peer())
                continue;
            ServerProcess server = servers.get(side);
            try
            {
                CpuProfile.Result result = CpuProfile.record(options.jdk(), server, options.workDir(),
                    () -> wrk.run(scenario, server.baseUrl(scenario.path()), profileSeconds(options), "profile-" + side.option()));
                results.add(result);
                log("profile %s under %s: %d Java samples, top layer %s", side.option(), scenario.id(), result.samples(),
                    result.layers().keySet().stream().findFirst().orElse("-"));
            }
            catch (IOException e)
            {
                log("profile %s: FAILED: %s", side.option(), firstLine(e.getMessage()));
            }
        }
        return results;
    }

    /** Long enough for a few thousand samples: the measured runs are short. */
    static int profileSeconds(BenchOptions options)
    {
        return Math.max(10, options.seconds());
    }

    private static RunResult measure(BenchOptions options, LoadRunner wrk, ServerProcess server, Scenario scenario, int pair)
        throws IOException, InterruptedException
    {
        IdleConnections idle = null;
        try
        {
            long heapBefore = scenario.idleConnections() > 0 ? HeapProbe.liveHeapKib(options.jdk(), server.pid()) : -1;
            long rssBefore = ProcStats.rssKib(server.pid());
            if (scenario.idleConnections() > 0)
                idle = IdleConnections.open(server.port(), server.baseUrl(scenario.path()).replaceFirst("http://[^/]+", "") + scenario.path(),
                    scenario.idleConnections(), Duration.ofSeconds(60));
            Thread.sleep(SETTLE.toMillis());
            long heapAfter = idle == null || heapBefore < 0 ? -1 : HeapProbe.liveHeapKib(options.jdk(), server.pid());
            long idleGrowth = idle == null ? 0 : ProcStats.rssKib(server.pid()) - rssBefore;
            long heapGrowth = heapAfter < 0 ? -1 : heapAfter - heapBefore;
            boolean reset = ProcStats.resetPeak(server.pid());
            double cpuBefore = ProcStats.cpuSeconds(server.pid());
            double wrkBefore = ProcStats.childrenCpuSeconds();
            double selfBefore = ProcStats.selfCpuSeconds();
            double machineBefore = ProcStats.machineBusySeconds();
            long t0 = System.nanoTime();
            WrkResult result = wrk.run(scenario, server.baseUrl(scenario.path()), options.seconds(),
                scenario.id() + "-" + server.side().option() + "-" + (pair + 1));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = ProcStats.cpuSeconds(server.pid()) - cpuBefore;
            double wrkCpu = ProcStats.childrenCpuSeconds() - wrkBefore;
            double other = ProcStats.machineBusySeconds() - machineBefore - cpu - wrkCpu
                - (ProcStats.selfCpuSeconds() - selfBefore);
            long peak = ProcStats.peakRssKib(server.pid());
            int held = idle == null ? 0 : idle.held();
            int failed = idle == null ? 0 : idle.failed();
            int closed = idle == null ? 0 : idle.closedByServer();
            return new RunResult(server.side(), pair, result, cpu, peak, reset, held, failed, closed, wrkCpu, other, seconds,
                idleGrowth, heapGrowth);
        }
        finally
        {
            if (idle != null)
                idle.close();
        }
    }

    /**
     * @return the scenarios of the run: the suite's (or the smoke run's), those of {@code --only}, without the ones
     * the application does not have (the minimal WAR has no /db or /fortunes)
     */
    static List<Scenario> selectScenarios(BenchOptions options)
    {
        List<Scenario> all = options.suite().scenarios().stream().filter(s -> options.app().serves(s.path())).toList();
        if (options.smoke())
            return options.suite() == Suite.HTTPS ? Scenarios.httpsSmoke() : Scenarios.smoke();
        if (options.only().isEmpty())
            return all;
        List<Scenario> selected = all.stream().filter(s -> options.only().contains(s.id())).toList();
        if (selected.isEmpty())
            throw new IllegalArgumentException("--only matches no scenario of this suite" + (options.app() == App.SAMPLE
                ? "" : " that the " + options.app().option() + " WAR has") + "; ids: " + all.stream().map(Scenario::id).toList());
        return selected;
    }

    /** @return how long the run should take, from the options (the budget printed before and reported after). */
    static Duration estimate(BenchOptions options, List<Scenario> scenarios)
    {
        int targets = options.targets().size();
        int profiled = (int)options.targets().stream().filter(side -> !side.peer()).count();
        List<String> paths = checkProbes(options, scenarios).stream().map(SampleWarCheck.Probe::path).toList();
        int peersWithTheWar = options.peerApp().peersDeployWar(paths) ? targets - profiled : 0;
        int warPaths = options.smoke() ? 0 : (int)paths.stream().filter(Side::needsSampleWar).count();
        double seconds = targets * SERVER_START_SECONDS + peersWithTheWar * SAMPLE_WAR_START_SECONDS
            + targets * (options.warmupSeconds() + RUN_OVERHEAD_SECONDS * 2)
            + peersWithTheWar * warPaths * (options.warmupSeconds() + RUN_OVERHEAD_SECONDS)
            + (options.profile() == null ? 0 : profiled * (profileSeconds(options) + 3));
        for (Scenario s : scenarios)
        {
            if (!s.available())
                continue;
            if (s.idleConnections() == 0)
                seconds += targets(options, s).size() * (options.scenarioWarmupSeconds() + RUN_OVERHEAD_SECONDS);
            seconds += (double)targets(options, s).size() * options.pairs() * (options.seconds() + RUN_OVERHEAD_SECONDS
                + (s.idleConnections() > 0 ? IDLE_OVERHEAD_SECONDS : 0));
        }
        return Duration.ofSeconds(Math.round(seconds));
    }

    /** @return the launcher's runtime class path: bench/target/server-lib (built by this module) or launcher/target */
    static String serverClasspath(BenchOptions options) throws IOException
    {
        if (Files.isDirectory(options.serverLib()))
            return options.serverLib() + File.separator + "*";
        Path launcherTarget = options.repoRoot().resolve("launcher/target");
        if (Files.isDirectory(launcherTarget.resolve("lib")))
        {
            try (Stream<Path> jars = Files.list(launcherTarget))
            {
                String jar = jars.map(Path::toString)
                    .filter(p -> p.matches(".*/lyger-launcher-[^/]*\\.jar") && !p.endsWith("-sources.jar") && !p.endsWith("-tests.jar"))
                    .findFirst().orElseThrow(() -> new IOException("no lyger-launcher jar in " + launcherTarget));
                return jar + File.pathSeparator + launcherTarget.resolve("lib") + File.separator + "*";
            }
        }
        throw new IOException("no server class path: build first (mvn -DskipTests install), looked for "
            + options.serverLib() + " and " + launcherTarget.resolve("lib"));
    }

    /** @return the HTTPS targets' class path: bench's own classes (HttpsBenchServer) before the launcher's */
    static String httpsServerClasspath(BenchOptions options, String launcherClasspath) throws IOException
    {
        Path classes = options.repoRoot().resolve("bench/target/classes");
        if (!Files.isDirectory(classes.resolve("io/lyger/bench/server")))
            throw new IOException("no " + classes + "/io/lyger/bench/server: build bench first (mvn -pl bench -am package)");
        return classes + File.pathSeparator + launcherClasspath;
    }

    /** @return bench/peers' class path; IOException saying how to build it when it is missing */
    static String peersClasspath(BenchOptions options, Side peer) throws IOException
    {
        if (!Files.isDirectory(options.peersLib().resolve(peer.peerLib())))
            throw new IOException("no class path for " + peer.option() + ": build bench/peers first (bench/run does, or "
                + "mvn -B -DskipTests -pl bench -am package), looked for " + options.peersLib().resolve(peer.peerLib()));
        return options.peersClasspath(peer);
    }

    static String describe(ServerProcess.Active active)
    {
        return switch (active)
        {
            case NATIVE -> "native engine serving";
            case SERVER_CONNECTOR -> "Jetty ServerConnector serving";
            case UNKNOWN -> "connector not named in the log";
            case PEER -> "peer serving";
        };
    }

    private static String firstLine(String message)
    {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    static void log(String format, Object... args)
    {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
        System.out.flush();
    }
}
