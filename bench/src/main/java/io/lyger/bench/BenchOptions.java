package io.lyger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of the harness ({@code bench/run} passes its arguments through).
 * <pre>
 *   --smoke              one short run per target of /plaintext; output under bench/target/smoke
 *   --targets=ID,ID      the servers to measure, in this order per round (default all: lyger-native, lyger-jetty,
 *                        bare-jetty, tomcat, undertow); lyger-native is always measured (every ratio is against it)
 *   --jdk=PATH           JDK the servers run on (default: the one running the harness)
 *   --seconds=N          seconds per measured run (full: 4)
 *   --pairs=N            rounds per scenario, each running every target once (full: 3)
 *   --warmup=N           seconds of warm-up per server before the first scenario (full: 5)
 *   --only=ID,ID         run only these scenarios (ids as in the report); the report says it is partial
 *   --out=DIR            where RESULTS.md and results.png go (full: bench/, smoke: bench/target/smoke)
 *   --note=TEXT          a line added to the top of the report (e.g. "preliminary")
 *   --profile=ID|none    after the scenarios, a CPU profile of both servers under this scenario's load
 *                        (full: plaintext-c64; smoke and --https: none)
 *   --https              the HTTPS suite (issue 15): lyger-native-tls, jetty-tls, tomcat-tls and the https-*
 *                        scenarios; its section of RESULTS.md is replaced, the rest kept
 *   --tls-key=rsa|ec     the HTTPS targets' key: RSA 2048 (default) or EC P-256
 *   --pin                servers on CPU 0, wrk on the other CPUs (taskset), so that neither takes the other's
 *                        cores (issue 17 asks for the figures both shared and pinned)
 *   --app=sample|minimal the application every target serves (App): the sample WAR (default) or bench's minimal
 *                        WAR (no CDI; the scenarios on /db and /fortunes are left out)
 *   --peer-app=war|servlets  how the peers serve it (PeerApp): the same WAR deployed at /lyger-sample (default), or
 *                        the sample's servlets at their root and the WAR for /db and /fortunes only (earlier reports)
 * </pre>
 */
public record BenchOptions(boolean smoke, Path jdk, Path repoRoot, Path outDir, Path workDir, int seconds, int pairs,
                           int warmupSeconds, int scenarioWarmupSeconds, List<String> only, String note,
                           Path serverLib, Path war, String profile, List<Side> targets, Path peersLib, Suite suite,
                           String tlsKey, boolean pin, App app, PeerApp peerApp)
{
    /** Full mode: 16 scenarios × 3 pairs × 2 sides × 4 s, plus warm-ups, fits the 15 minutes with the build. */
    static final int FULL_SECONDS = 4;
    static final int FULL_PAIRS = 3;
    static final int FULL_WARMUP = 5;
    static final int FULL_SCENARIO_WARMUP = 1;

    public static BenchOptions parse(String... args)
    {
        boolean smoke = false;
        Path jdk = Path.of(System.getProperty("java.home"));
        Path root = null;
        Path out = null;
        Integer seconds = null;
        Integer pairs = null;
        Integer warmup = null;
        List<String> only = new ArrayList<>();
        String note = null;
        String profile = null;
        String targetList = null;
        Suite suite = Suite.HTTP;
        String tlsKey = "rsa";
        boolean pin = false;
        App app = App.SAMPLE;
        PeerApp peerApp = PeerApp.WAR;
        for (String arg : args)
        {
            if (arg.equals("--smoke"))
                smoke = true;
            else if (arg.equals("--https"))
                suite = Suite.HTTPS;
            else if (arg.startsWith("--tls-key="))
                tlsKey = value(arg);
            else if (arg.equals("--pin"))
                pin = true;
            else if (arg.startsWith("--jdk="))
                jdk = Path.of(value(arg));
            else if (arg.startsWith("--root="))
                root = Path.of(value(arg));
            else if (arg.startsWith("--out="))
                out = Path.of(value(arg));
            else if (arg.startsWith("--seconds="))
                seconds = Integer.parseInt(value(arg));
            else if (arg.startsWith("--pairs="))
                pairs = Integer.parseInt(value(arg));
            else if (arg.startsWith("--warmup="))
                warmup = Integer.parseInt(value(arg));
            else if (arg.startsWith("--only="))
                only.addAll(List.of(value(arg).split(",")));
            else if (arg.startsWith("--note="))
                note = value(arg);
            else if (arg.startsWith("--targets="))
                targetList = value(arg);
            else if (arg.startsWith("--profile="))
                profile = value(arg);
            else if (arg.startsWith("--app="))
                app = App.byOption(value(arg));
            else if (arg.startsWith("--peer-app="))
                peerApp = PeerApp.byOption(value(arg));
            else
                throw new IllegalArgumentException("unknown option " + arg
                    + " (known: --smoke --https --tls-key= --jdk= --seconds= --pairs= --warmup= --only= --out= --note= --profile= --targets= --root= --pin --app= --peer-app=)");
        }
        if (!tlsKey.equals("rsa") && !tlsKey.equals("ec"))
            throw new IllegalArgumentException("--tls-key: rsa or ec, not " + tlsKey);
        List<Side> targets = targetList == null ? suite.sides() : targets(targetList, suite);
        if (root == null)
            root = findRoot();
        Path bench = root.resolve("bench");
        if (out == null)
            out = System.getProperty("lyger.bench.out") != null ? Path.of(System.getProperty("lyger.bench.out"))
                : smoke ? bench.resolve(suite == Suite.HTTPS ? "target/smoke-https" : "target/smoke") : bench;
        Path serverLib = Path.of(System.getProperty("lyger.bench.serverLib", bench.resolve("target/server-lib").toString()));
        Path war = app.war(root);
        Path peersLib = Path.of(System.getProperty("lyger.bench.peersLib", bench.resolve("peers/target/lib").toString()));
        return new BenchOptions(smoke, jdk, root, out, smoke ? out.resolve("work") : bench.resolve("target/bench-work"),
            seconds != null ? seconds : smoke ? 2 : FULL_SECONDS,
            pairs != null ? pairs : smoke ? 1 : FULL_PAIRS,
            warmup != null ? warmup : smoke ? 1 : FULL_WARMUP,
            smoke ? 0 : FULL_SCENARIO_WARMUP, List.copyOf(only), note, serverLib, war,
            "none".equals(profile) || ((smoke || suite == Suite.HTTPS) && profile == null) ? null
                : profile != null ? profile : "plaintext-c64",
            List.copyOf(targets), peersLib, suite, tlsKey, pin, app, peerApp);
    }

    /** @return the command prefix that pins a server (CPU 0) with {@code --pin}; empty otherwise */
    List<String> serverPin()
    {
        return pin ? List.of("taskset", "-c", "0") : List.of();
    }

    /** @return the command prefix that pins wrk (CPUs 1 and up) with {@code --pin}; empty otherwise */
    List<String> wrkPin()
    {
        int cpus = Runtime.getRuntime().availableProcessors();
        return pin ? List.of("taskset", "-c", cpus > 2 ? "1-" + (cpus - 1) : "1") : List.of();
    }

    /**
     * @return the sides named in {@code --targets=}, in the order of {@link Side}, with the suite's subject
     * (lyger-native, or lyger-native-tls) always first; a target of the other suite is refused
     */
    static List<Side> targets(String list, Suite suite)
    {
        java.util.Set<Side> named = java.util.EnumSet.of(suite.subject());
        for (String id : list.split(","))
            if (!id.isBlank())
            {
                Side side = Side.byOption(id.strip());
                if (side.suite() != suite)
                    throw new IllegalArgumentException("--targets: " + side.option() + " is " + (side.tls() ? "" : "not ")
                        + "an HTTPS target" + (side.tls() ? " (add --https)" : " (drop --https)") + "; this run's: "
                        + String.join(",", suite.sides().stream().map(Side::option).toList()));
                named.add(side);
            }
        return List.copyOf(named);
    }

    /**
     * @return a peer's class path: bench/peers' classes and the jars its build copied to {@code peersLib()/<server>}
     * (that server's alone, see bench/peers/pom.xml)
     */
    public String peersClasspath(Side peer)
    {
        return peersLib.resolveSibling("classes") + java.io.File.pathSeparator + peersLib.resolve(peer.peerLib())
            + java.io.File.separator + "*";
    }

    /** @return the {@code java} executable of {@link #jdk()} */
    public Path java()
    {
        return jdk.resolve("bin/java");
    }

    /** @return true unless every scenario runs with the full mode's durations */
    public boolean partial()
    {
        return smoke || !only.isEmpty() || targets.size() < suite.sides().size() || seconds < FULL_SECONDS || pairs < FULL_PAIRS;
    }

    private static String value(String arg)
    {
        return arg.substring(arg.indexOf('=') + 1);
    }

    /** @return the repository root: the nearest directory up from the working directory that has bench/ and pom.xml */
    private static Path findRoot()
    {
        String property = System.getProperty("lyger.bench.root");
        if (property != null)
            return Path.of(property).toAbsolutePath();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("bench")))
                return dir;
        throw new IllegalStateException("cannot find the repository root (a directory with pom.xml and bench/) above "
            + Path.of("").toAbsolutePath() + "; pass --root=");
    }
}
