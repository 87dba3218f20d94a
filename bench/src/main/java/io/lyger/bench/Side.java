package io.lyger.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The servers a run measures, in the order each round runs them: Lyger on its native engine (A), Lyger with Jetty's
 * ServerConnector (B, issue 3's baseline), and the peers users would pick instead (issue 17), each a main class of
 * bench/peers with its default settings, deploying the same WAR unchanged at {@link #SAMPLE_CONTEXT} (or, with
 * {@code --peer-app=servlets}, serving the sample's servlets at its root and the WAR for /db and /fortunes only):
 * which target serves which path where is {@link PeerApp}'s.
 * <p>
 * The HTTPS suite (issue 15) has its own three: the sample WAR behind an HTTPS {@code LygerConnector} (bench's
 * {@code io.lyger.bench.server.HttpsBenchServer}), terminated by the native engine or, forced, by Jetty's
 * SslConnectionFactory, and Tomcat's NIO connector with JSSE.
 */
public enum Side
{
    NATIVE("lyger-native", "Lyger native", "native", null, null, false),
    JETTY("lyger-jetty", "Lyger --connector=jetty", "jetty", null, null, false),
    BARE_JETTY("bare-jetty", "bare Jetty 12.1", null, "io.lyger.bench.peers.BareJettyPeer", "jetty", false),
    TOMCAT("tomcat", "Tomcat 11", null, "io.lyger.bench.peers.TomcatPeer", "tomcat", false),
    UNDERTOW("undertow", "Undertow 2.3", null, "io.lyger.bench.peers.UndertowPeer", "undertow", false),
    NATIVE_TLS("lyger-native-tls", "Lyger, native TLS", "native", null, null, true),
    JETTY_TLS("jetty-tls", "Lyger, Jetty's TLS (fallback forced)", "jetty", null, null, true),
    TOMCAT_TLS("tomcat-tls", "Tomcat 11 NIO + JSSE", null, "io.lyger.bench.peers.TomcatPeer", "tomcat", true);

    /** The main class of Lyger's HTTPS targets (bench's own; it runs on the launcher's class path). */
    static final String HTTPS_SERVER_MAIN = "io.lyger.bench.server.HttpsBenchServer";

    /**
     * The sample's servlets that need no CDI (all the minimal WAR has): what the peers serve at their root with
     * {@code --peer-app=servlets} (bench/peers' PeerServlets.MAPPINGS); /static/ files are served by all (StaticFiles).
     */
    static final List<String> PEER_PATHS = List.of("/plaintext", "/json", "/bytes", "/sha256");

    /**
     * The sample WAR's endpoints that need its CDI and JPA: the peers serve them from the sample WAR itself, deployed
     * unchanged at {@link #SAMPLE_CONTEXT} (with {@code --peer-app=servlets}, when a run has a scenario on one of them).
     */
    static final List<String> SAMPLE_WAR_PATHS = List.of("/db", "/queries", "/updates", "/fortunes");

    /**
     * Where the peers deploy the WAR, the sample or the minimal one (bench/peers' PeerServlets.SAMPLE_CONTEXT); Lyger
     * serves it at the root.
     */
    static final String SAMPLE_CONTEXT = "/lyger-sample";

    private final String id;
    private final String label;
    private final String connector;
    private final String peerMain;
    private final String peerLib;
    private final boolean tls;

    Side(String id, String label, String connector, String peerMain, String peerLib, boolean tls)
    {
        this.id = id;
        this.label = label;
        this.connector = connector;
        this.peerMain = peerMain;
        this.peerLib = peerLib;
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

    /**
     * @return the directory under bench/peers/target/lib holding this peer's class path (its server's jars only; null
     * for Lyger's sides)
     */
    public String peerLib()
    {
        return peerLib;
    }

    /** @return true when {@code path} is served by the sample WAR's CDI and JPA (a peer must deploy the WAR) */
    public static boolean needsSampleWar(String path)
    {
        return SAMPLE_WAR_PATHS.contains(withoutQuery(path));
    }

    static String withoutQuery(String path)
    {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
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
