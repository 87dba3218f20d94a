package io.lyger.bench;

import java.util.Arrays;
import java.util.List;

/**
 * How the peers serve the scenarios ({@code --peer-app=}). {@link #WAR}, the default: every path from the very WAR
 * Lyger serves ({@link App}), deployed unchanged at {@link Side#SAMPLE_CONTEXT} the way each server deploys a WAR,
 * and nothing at their root but the static files: every target runs the same application, so a ratio compares
 * servers and nothing else (issue 17, fifth session). {@link #SERVLETS}, the way of the reports before it: the
 * sample's servlets that need no CDI registered in code at the peers' root (no WAR, no Weld listener, no
 * WebAppContext), the WAR only for its CDI and JPA endpoints; Lyger still serves the WAR, so its figures carry the
 * application's per-request cost and the peers' do not.
 */
public enum PeerApp
{
    WAR("war"),
    SERVLETS("servlets");

    private final String option;

    PeerApp(String option)
    {
        this.option = option;
    }

    /** @return the value of {@code --peer-app=} */
    public String option()
    {
        return option;
    }

    /** @return true when {@code side} serves {@code path} (query string aside) in a run of {@code app} */
    public boolean serves(Side side, App app, String path)
    {
        String bare = Side.withoutQuery(path);
        // the static-* files: every target serves them with its own default servlet (StaticFiles)
        if (bare.startsWith("/" + StaticFiles.CONTEXT + "/"))
            return true;
        if (!app.serves(bare))
            return false;
        // the old way: the root servlets, and the sample WAR for its CDI and JPA endpoints
        return !side.peer() || this == WAR || Side.PEER_PATHS.contains(bare) || Side.needsSampleWar(bare);
    }

    /** @return the context path {@code side} serves {@code path} under: the WAR's on a peer, else the root's */
    public String contextPath(Side side, String path)
    {
        if (!side.peer() || Side.withoutQuery(path).startsWith("/" + StaticFiles.CONTEXT + "/"))
            return "";
        return this == WAR || Side.needsSampleWar(path) ? Side.SAMPLE_CONTEXT : "";
    }

    /** @return true when the peers deploy the WAR in a run on {@code paths}: always with {@link #WAR} */
    public boolean peersDeployWar(List<String> paths)
    {
        return this == WAR || paths.stream().anyMatch(Side::needsSampleWar);
    }

    /** @return what the peers serve, for the report's prose */
    public String describe(App app)
    {
        return this == WAR
            ? "every path from the same " + app.option() + " WAR Lyger serves, deployed unchanged at "
                + Side.SAMPLE_CONTEXT + " the way each server deploys a WAR (`--peer-app=war`, the default): every target runs the same application"
            : "the sample's servlets that need no CDI (" + String.join(", ", Side.PEER_PATHS) + ") registered in code at their root"
                + " (no WAR, no Weld listener) and the CDI and JPA endpoints (" + String.join(", ", Side.SAMPLE_WAR_PATHS)
                + ") from the sample WAR at " + Side.SAMPLE_CONTEXT + " (`--peer-app=servlets`, the way of the reports before"
                + " issue 17's fifth session): Lyger serves " + app.description() + " at the root, so on the servlets' paths"
                + " its figures carry the application's per-request cost and the peers' do not";
    }

    /** @return the value named in {@code --peer-app=}; IllegalArgumentException naming the known ones */
    static PeerApp byOption(String value)
    {
        return Arrays.stream(values()).filter(p -> p.option.equals(value)).findFirst().orElseThrow(() ->
            new IllegalArgumentException("--peer-app: war or servlets, not " + value));
    }
}
