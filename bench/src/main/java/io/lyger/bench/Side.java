package io.lyger.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The servers a run measures, in the order each round runs them: Lyger on its native engine (A), Lyger with Jetty's
 * ServerConnector (B, issue 3's baseline), and the peers users would pick instead (issue 17), each a main class of
 * bench/peers serving the sample's own PlaintextServlet and JsonServlet with its default settings.
 */
public enum Side
{
    NATIVE("lyger-native", "Lyger native", "native", null),
    JETTY("lyger-jetty", "Lyger --connector=jetty", "jetty", null),
    BARE_JETTY("bare-jetty", "bare Jetty 12.1", null, "io.lyger.bench.peers.BareJettyPeer"),
    TOMCAT("tomcat", "Tomcat 11", null, "io.lyger.bench.peers.TomcatPeer"),
    UNDERTOW("undertow", "Undertow 2.3", null, "io.lyger.bench.peers.UndertowPeer");

    /**
     * What the peers serve (bench/peers' PeerServlets.MAPPINGS): the sample's servlets that need no CDI. Scenarios on
     * other paths (/db, /fortunes) run on Lyger's sides only.
     */
    static final List<String> PEER_PATHS = List.of("/plaintext", "/json", "/bytes", "/sha256");

    private final String id;
    private final String label;
    private final String connector;
    private final String peerMain;

    Side(String id, String label, String connector, String peerMain)
    {
        this.id = id;
        this.label = label;
        this.connector = connector;
        this.peerMain = peerMain;
    }

    /** @return the name in {@code --targets=}, in file names and in the report */
    public String option()
    {
        return id;
    }

    /** @return the name in the report's headings and the chart's legend */
    public String label()
    {
        return label;
    }

    /** @return the launcher's {@code --connector=} value (Lyger's sides only) */
    public String connector()
    {
        return connector;
    }

    /** @return true for a server other than Lyger (the "best peer" of a ratio is one of these) */
    public boolean peer()
    {
        return peerMain != null;
    }

    /** @return the peer's main class in bench/peers (null for Lyger's sides) */
    public String peerMain()
    {
        return peerMain;
    }

    /** @return true when this target serves {@code path} (query string ignored) */
    public boolean serves(String path)
    {
        int query = path.indexOf('?');
        return !peer() || PEER_PATHS.contains(query < 0 ? path : path.substring(0, query));
    }

    /** @return the peers among {@code sides} */
    public static List<Side> peers(List<Side> sides)
    {
        return sides.stream().filter(Side::peer).toList();
    }

    /** @return the side named {@code id} in {@code --targets=}; IllegalArgumentException naming the known ones */
    public static Side byOption(String id)
    {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElseThrow(() ->
            new IllegalArgumentException("--targets: unknown target " + id + " (known: "
                + String.join(",", Arrays.stream(values()).map(Side::option).toList()) + ")"));
    }
}
