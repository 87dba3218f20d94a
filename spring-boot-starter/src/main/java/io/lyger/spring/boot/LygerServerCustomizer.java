package io.lyger.spring.boot;

import java.util.Collection;

import io.lyger.connector.LygerConnector;
import io.lyger.connector.NativeEngine;
import io.lyger.connector.StaticFileRegionsListener;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.springframework.boot.jetty.JettyServerCustomizer;

/**
 * Replaces the plain-HTTP {@link ServerConnector} Spring Boot created (and its customizers configured) by a
 * {@link LygerConnector} with the same host, port, connection factories (so the same {@code HttpConfiguration}:
 * header sizes, forwarded headers, ...), idle timeout, accept queue, executor, scheduler and buffer pool.
 * A TLS connector ({@code server.ssl.*}, SSL bundles) becomes a LygerConnector too, with Spring's
 * {@link SslConnectionFactory} before its {@link HttpConnectionFactory}, as LygerConnector takes HTTPS: the native
 * engine terminates TLS where it can ({@link NativeEngine#tlsUnavailableReason()} is null), and until then the
 * connector serves HTTPS through Jetty's TLS with one line saying why.
 */
public class LygerServerCustomizer implements JettyServerCustomizer
{
    private final LygerProperties properties;

    public LygerServerCustomizer(LygerProperties properties)
    {
        this.properties = properties;
    }

    @Override
    public void customize(Server server)
    {
        boolean forceFallback = properties.getConnector() == LygerProperties.Connector.JETTY;
        checkRequireNative(forceFallback);
        Connector[] connectors = server.getConnectors();
        for (int i = 0; i < connectors.length; i++)
        {
            if (!(connectors[i] instanceof ServerConnector connector))
                continue;
            checkCarriedOver(server);
            if (!forceFallback)
                checkNativeCanServe(connector);
            if (properties.isRequireNative() && connector.getConnectionFactory(SslConnectionFactory.class) != null && NativeEngine.tlsUnavailableReason() != null)
                throw new LygerStartException("lyger.require-native=true but Lyger's native engine cannot serve server.ssl: " + NativeEngine.tlsUnavailableReason(),
                    "Remove lyger.require-native to serve HTTPS through Jetty's TLS, or remove server.ssl.");
            connectors[i] = lygerConnector(server, connector, forceFallback);
        }
        server.setConnectors(connectors);
        // Jetty's DefaultServlet (server.servlet.register-default-servlet) sends files with sendfile(2) on the engine
        if (properties.isFileRegions())
            StaticFileRegionsListener.installOn(server);
    }

    private void checkRequireNative(boolean forceFallback)
    {
        if (!properties.isRequireNative())
            return;
        if (forceFallback)
            throw new LygerStartException("lyger.require-native=true contradicts lyger.connector=jetty",
                "Remove one of lyger.require-native and lyger.connector.");
        String reason = NativeEngine.unavailableReason();
        if (reason != null)
            throw new LygerStartException("lyger.require-native=true but Lyger's native engine does not load here: " + reason,
                "Run on Linux x86-64 with lyger-native-connector on the class path, or remove lyger.require-native.");
    }

    /**
     * Fails on protocols only Jetty's ServerConnector speaks (the fallback does: it gets every connection factory):
     * HTTP/2 (h2c in clear, ALPN and h2 over TLS). TLS itself is LygerConnector's to take.
     */
    private static void checkNativeCanServe(ServerConnector connector)
    {
        for (ConnectionFactory factory : connector.getConnectionFactories())
        {
            if (factory instanceof HttpConnectionFactory || factory instanceof SslConnectionFactory)
                continue;
            String protocol = factory.getProtocol();
            boolean http2 = protocol.equals("h2c") || protocol.equals("h2") || protocol.equals("alpn");
            throw UnsupportedSetting.forNative(http2 ? "server.http2.enabled=true" : "the " + protocol + " protocol=on");
        }
    }

    /** Fails on a limit Spring set on its ServerConnector, which neither the engine nor the fallback would get. */
    private static void checkCarriedOver(Server server)
    {
        Collection<NetworkConnectionLimit> limits = server.getBeans(NetworkConnectionLimit.class);
        if (!limits.isEmpty())
            throw UnsupportedSetting.forLygerConnector("server.jetty.max-connections=" + limits.iterator().next().getMaxNetworkConnectionCount(), null);
    }

    private LygerConnector lygerConnector(Server server, ServerConnector connector, boolean forceFallback)
    {
        LygerConnector lyger = new LygerConnector(server, connector.getExecutor(), connector.getScheduler(), connector.getByteBufferPool(),
            connector.getConnectionFactories().toArray(ConnectionFactory[]::new));
        lyger.setHost(connector.getHost());
        lyger.setPort(connector.getPort());
        lyger.setIdleTimeout(connector.getIdleTimeout());
        lyger.setName(connector.getName());
        lyger.setAcceptQueueSize(properties.getAcceptQueueSize());
        lyger.setPollers(properties.getPollers());
        lyger.setHeaderTimeout(properties.getHeaderTimeout().toMillis());
        lyger.setMaxRequestBodySize(properties.getMaxRequestBodySize() == null ? -1 : properties.getMaxRequestBodySize().toBytes());
        lyger.setForceFallback(forceFallback);
        // The Server owns its thread pool: not yet started here, the connector would otherwise manage it too.
        lyger.unmanage(lyger.getExecutor());
        return lyger;
    }
}
