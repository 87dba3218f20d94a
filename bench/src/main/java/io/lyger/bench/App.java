package io.lyger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The web application every target serves ({@code --app=}): the sample WAR (Weld with its per-request listener and
 * request context, JPA, sessions; every scenario's path), or bench's minimal WAR (bench/minimal-war: the sample's
 * four servlets that need no CDI and nothing else, the one bench/ab's {@code --war=minimal} serves), which leaves the
 * application's own per-request cost out of every target's figures alike. Lyger serves it at the root, the peers
 * (with {@link PeerApp#WAR}) at {@link Side#SAMPLE_CONTEXT}.
 */
public enum App
{
    SAMPLE("sample", "the sample WAR (lyger-sample.war: Weld servlet with its request listener and request context, JPA, sessions)"),
    MINIMAL("minimal", "bench's minimal WAR (bench/minimal-war: the four servlets without CDI, no Weld, JPA or sessions)");

    private final String option;
    private final String description;

    App(String option, String description)
    {
        this.option = option;
        this.description = description;
    }

    /** @return the value of {@code --app=} */
    public String option()
    {
        return option;
    }

    /** @return what it is, for the report */
    public String description()
    {
        return description;
    }

    /**
     * @return true when a run of this application has {@code path} (query string aside): the minimal WAR has no CDI
     * endpoint; the static files are every target's own, beside the application (StaticFiles)
     */
    public boolean serves(String path)
    {
        String bare = Side.withoutQuery(path);
        return this == SAMPLE || Side.PEER_PATHS.contains(bare) || bare.startsWith("/" + StaticFiles.CONTEXT + "/");
    }

    /**
     * @return the application's WAR: {@code lyger.bench.war} (the sample only), else bench's own copy made by its build
     * (war-sample/target comes and goes with other builds), else war-sample/target's; the minimal WAR exploded under
     * bench/target/war/minimal
     */
    Path war(Path root)
    {
        Path bench = root.resolve("bench");
        if (this == MINIMAL)
            return bench.resolve("target/war/minimal");
        if (System.getProperty("lyger.bench.war") != null)
            return Path.of(System.getProperty("lyger.bench.war"));
        return Files.isRegularFile(bench.resolve("target/war/lyger-sample.war")) ? bench.resolve("target/war/lyger-sample.war")
            : root.resolve("war-sample/target/lyger-sample.war");
    }

    /** @return the application named in {@code --app=}; IllegalArgumentException naming the known ones */
    static App byOption(String value)
    {
        return Arrays.stream(values()).filter(a -> a.option.equals(value)).findFirst().orElseThrow(() ->
            new IllegalArgumentException("--app: sample or minimal, not " + value));
    }
}
