package io.lyger.launcher;

/** Which HTTP/1.1 engine accepts connections. */
public enum ConnectorKind
{
    /**
     * Lyger's native (Rust) engine through {@code LygerConnector}. When the native library cannot be loaded here,
     * the connector serves through Jetty's ServerConnector instead and says so in the log
     * ({@link LygerServer#isNativeConnector()} tells which is active).
     */
    NATIVE,
    /** Jetty's own ServerConnector (the LygerConnector with its fallback forced), for comparison. */
    JETTY
}
