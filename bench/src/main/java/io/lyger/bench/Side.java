package io.lyger.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The servers a run measures, in the order each round runs them: Lyger on its native engine (A), Lyger with Jetty's
 * ServerConnector (B, issue 3's baseline), and the peers users would pick instead (issue 17), each a main class of
 * bench/peers serving the sample's own PlaintextServlet and JsonServlet with its default settings.
 * <p>
 * The HTTPS suite (issue 15) has its own three: the sample WAR behind an HTTPS {@code LygerConnector} (bench's
 * {@code io.lyger.bench.server.HttpsBenchServer}), terminated by the native engine or, forced, by Jetty's
 * SslConnectionFactory, and Tomcat's NIO connector with JSSE.
 */
public enum Side
{
    NATIVE("lyger-native", "Lyger native", "native", null, false),
    JETTY("lyger-jetty", "Lyger --connector=jetty", "jetty", null, false),
    BARE_JETTY("bare-jetty", "bare Jetty 12.1", null, "io.lyger.bench.peers.BareJettyPeer", false),
    TOMCAT("tomcat", "Tomcat 11", null, "io.lyger.bench.peers.TomcatPeer", false),
    UNDERTOW("undertow", "Undertow 2.3", null, "io.lyger.bench.peers.UndertowPeer", false),
    NATIVE_TLS("lyger-native-tls", "Lyger, native TLS", "native", null, true),
    JETTY_TLS("jetty-tls", "Lyger, Jetty's TLS (fallback forced)", "jetty", null, true),
    TOMCAT_TLS("tomcat-tls", "Tomcat 11 NIO + JSSE", null, "io.lyger.bench.peers.TomcatPeer", true);

    /** The main class of Lyger's HTTPS targets (bench's own; it runs on the launcher's class path). */
    static final String HTTPS_SERVER_MAIN = "io.lyger.bench.server.HttpsBenchServer";

    /**
     * What the peers serve (bench/peers' PeerServlets.MAPPINGS): the sample's servlets that need no CDI. Scenarios on
     * other paths (/db, /fortunes) run on Lyger's sides only; /static/ files are served by all (StaticFiles).
     */
    static final List<String> PEER_PATHS = List.of("/plaintext", "/json", "/bytes", "/sha256");

    private final String id;
    private final String label;
    private final String connector;
    private final String peerMain;
    private final boolean tls;

    Side(String id, String label, String connector, String peerMain, boolean tls)
    {
        this.id = id;
        this.label = label;
        this.connector = connector;
        this.peerMain = peerMain;
        this.tls = tls;
    }

    /** @return true for the HTTPS suite's targets: they are measured over an HTTPS port */
    public boolean tls()
    {
        return tls;
    }

    /** @return the suite this target belongs to */
    public Suite suite()
    {
        return tls ? Suite.HTTPS : Suite.HTTP;
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
        String bare = query < 0 ? path : path.substring(0, query);
        // the static-* files: every peer serves them with its own default servlet (StaticFiles)
        return !peer() || PEER_PATHS.contains(bare) || bare.startsWith("/" + StaticFiles.CONTEXT + "/");
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
