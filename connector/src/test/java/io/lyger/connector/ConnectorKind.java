package io.lyger.connector;

/**
 * Which connector a test runs against. NATIVE is the connector under test; JETTY is the control: a plain
 * {@link org.eclipse.jetty.server.ServerConnector} with the same {@link org.eclipse.jetty.server.HttpConfiguration}.
 * A behaviour that differs between the two is a bug in ours.
 */
public enum ConnectorKind
{
    /** {@code new LygerConnector(server, ...)}: the native engine, or its ServerConnector fallback. */
    NATIVE,
    /** {@code new ServerConnector(server, ...)}: Jetty's own HTTP/1.1, the control. */
    JETTY
}
