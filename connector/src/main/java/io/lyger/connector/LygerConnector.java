package io.lyger.connector;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.lyger.connector.internal.NativeEndPoint;
import io.lyger.connector.internal.NativeServer;
import io.lyger.connector.internal.NativeTlsConfig;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ProxyConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.annotation.Name;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.util.thread.ThreadPoolBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drop-in replacement for Jetty's {@link ServerConnector}: HTTP/1.1 is accepted, parsed and framed by Lyger's
 * native (Rust) engine, and each request enters Jetty's {@code HttpChannel} through an {@code HttpStream}, so the
 * whole Handler tree (webapps, filters, sessions, async) runs unchanged.
 * <p>
 * The {@link HttpConfiguration} of the {@link HttpConnectionFactory} given (or a default one) applies as on
 * {@code ServerConnector}; its {@code requestHeaderSize} bounds the whole request head (request line and header
 * section together), counted as Jetty's {@code HttpParser} counts it.
 * <p>
 * PROXY protocol (v1 and v2, as HAProxy's {@code send-proxy}/{@code send-proxy-v2} send it) the Jetty way: a
 * {@link ProxyConnectionFactory} first among the factories (or {@link #setProxyProtocol(boolean)}); the native engine
 * reads the header with the same semantics, and requests see the client's address it carries.
 * <p>
 * HTTPS the Jetty way: give an {@link SslConnectionFactory} (over a configured {@code SslContextFactory.Server}) before
 * the {@link HttpConnectionFactory}, exactly as to a ServerConnector. The native engine terminates TLS when it can;
 * otherwise the fallback below serves HTTPS through Jetty's own SslConnectionFactory.
 * <p>
 * If the native library cannot be loaded here, {@link #doStart()} logs one line saying why and serves the same
 * host and port through an internal {@link ServerConnector} instead; {@link #isNative()} tells which is active.
 */
public class LygerConnector extends AbstractNetworkConnector
{
    private static final Logger LOG = LoggerFactory.getLogger(LygerConnector.class);

    private int acceptQueueSize = 1024;
    private long headerTimeout = 10_000;
    private long maxRequestBodySize = -1;
    private int pollers = -1;
    private boolean forceFallback;

    private volatile NativeServer nativeServer;
    /** The pool thread the native engine's reserve poller holds (ReservePoller), while started. */
    private ThreadPoolBudget.Lease reserveLease;
    /** The TLS configuration the engine serves HTTPS with, read from the SslConnectionFactory at open; null for HTTP. */
    private volatile NativeTlsConfig nativeTls;
    private volatile ServerConnector fallback;
    /**
     * Requests in flight on the native engine (an upgraded connection counts until it closes). A counter, not
     * AbstractConnector's set of EndPoints, which cost a map node per request: graceful stop only needs to know when
     * this reaches 0 (exact: one atomic integer), and the EndPoints to shorten the idle timeout of are found through
     * the engine's channels ({@link NativeServer#shortenIdleTimeouts}).
     */
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    /** Set while a graceful stop waits for {@link #requestsInFlight} to reach 0. */
    private volatile Graceful.Shutdown requestsShutdown;

    public LygerConnector(@Name("server") Server server)
    {
        this(server, new HttpConnectionFactory());
    }

    public LygerConnector(@Name("server") Server server, @Name("config") HttpConfiguration config)
    {
        this(server, new HttpConnectionFactory(config));
    }

    public LygerConnector(@Name("server") Server server, @Name("factories") ConnectionFactory... factories)
    {
        this(server, null, null, null, factories);
    }

    public LygerConnector(@Name("server") Server server,
                          @Name("executor") Executor executor,
                          @Name("scheduler") Scheduler scheduler,
                          @Name("bufferPool") ByteBufferPool bufferPool,
                          @Name("factories") ConnectionFactory... factories)
    {
        super(server, executor, scheduler, bufferPool, 0, factories.length == 0 ? new ConnectionFactory[]{new HttpConnectionFactory()} : factories);
        setIdleTimeout(30_000);
    }

    /** @return true while the native engine serves this connector, false when the fallback ServerConnector does. */
    public boolean isNative()
    {
        return nativeServer != null;
    }

    /** @return connections the native engine holds open now (idle keep-alive ones included), or -1 when it does not serve. */
    public int getNativeConnections()
    {
        NativeServer server = nativeServer;
        return server == null ? -1 : server.connections();
    }

    /**
     * @return bytes the native engine holds in its connections' buffers now (input buffers, response heads, batched
     * pipelined responses; not the response bodies Jetty holds), or -1 when it does not serve
     */
    public long getNativeBufferBytes()
    {
        NativeServer server = nativeServer;
        return server == null ? -1 : server.bufferBytes();
    }

    /**
     * @return requests in flight on the native engine (one EndPoint per request), or, when the fallback serves, the
     * connections Jetty's ServerConnector holds open (it counts connections, not requests)
     */
    public int getRequestsInFlight()
    {
        ServerConnector connector = fallback;
        return connector != null ? connector.getConnectedEndPoints().size() : requestsInFlight.get();
    }

    /** @return the HttpConfiguration requests are handled with. */
    public HttpConfiguration getHttpConfiguration()
    {
        HttpConnectionFactory factory = getConnectionFactory(HttpConnectionFactory.class);
        return factory == null ? new HttpConfiguration() : factory.getHttpConfiguration();
    }

    public int getAcceptQueueSize()
    {
        return acceptQueueSize;
    }

    public void setAcceptQueueSize(int acceptQueueSize)
    {
        this.acceptQueueSize = acceptQueueSize;
    }

    /** @return ms a client has to send a whole request head once it started it (slowloris protection). */
    public long getHeaderTimeout()
    {
        return headerTimeout;
    }

    public void setHeaderTimeout(long headerTimeoutMs)
    {
        this.headerTimeout = headerTimeoutMs;
    }

    /** @return the largest request body accepted in bytes (413 above it), or -1 for no limit. */
    public long getMaxRequestBodySize()
    {
        return maxRequestBodySize;
    }

    public void setMaxRequestBodySize(long maxRequestBodySize)
    {
        this.maxRequestBodySize = maxRequestBodySize;
    }

    /** @return the most threads that wait in the native event loop at once; -1 uses the system property
     * {@code lyger.pollers}, else one per core, at least 2. */
    public int getPollers()
    {
        return pollers;
    }

    public void setPollers(int pollers)
    {
        this.pollers = pollers;
    }

    /**
     * Reads a PROXY protocol header (v1 or v2) at the start of every connection, as Jetty's {@link ProxyConnectionFactory}
     * does (it adds one first among the factories, or removes it): requests see the client's and local addresses the
     * header carries. A connection that starts with neither PROXY signature is served as plain HTTP, as Jetty serves
     * it; a malformed or too long header closes the connection.
     */
    public void setProxyProtocol(boolean proxyProtocol)
    {
        ProxyConnectionFactory proxy = getProxyConnectionFactory();
        if (proxyProtocol && proxy == null)
            addFirstConnectionFactory(new ProxyConnectionFactory());
        else if (!proxyProtocol && proxy != null)
        {
            removeConnectionFactory(proxy.getProtocol());
            setDefaultProtocol(getConnectionFactories().iterator().next().getProtocol());
        }
    }

    /** @return whether connections start with a PROXY protocol header ({@link #setProxyProtocol(boolean)}). */
    public boolean isProxyProtocol()
    {
        return getProxyConnectionFactory() != null;
    }

    /** @return the {@link ProxyConnectionFactory} connections start with (the default protocol's), or null. */
    public ProxyConnectionFactory getProxyConnectionFactory()
    {
        String first = getDefaultProtocol();
        return first != null && getConnectionFactory(first) instanceof ProxyConnectionFactory proxy ? proxy : null;
    }

    /** Serve through the internal ServerConnector even when the native engine is available (for comparison). */
    public void setForceFallback(boolean forceFallback)
    {
        this.forceFallback = forceFallback;
    }

    @Override
    public void open() throws IOException
    {
        if (isOpen())
            return;
        String reason = forceFallback ? "fallback forced by configuration"
            : getConnectionFactory(SslConnectionFactory.class) != null ? NativeEngine.tlsUnavailableReason()
            : NativeEngine.unavailableReason();
        SslConnectionFactory ssl = getConnectionFactory(SslConnectionFactory.class);
        if (reason == null)
        {
            // an option the engine cannot honour fails the start here, with one line naming it
            nativeTls = ssl == null ? null : NativeTlsConfig.from(ssl.getSslContextFactory(), List.of(alpnId(ssl.getNextProtocol())));
            NativeServer server = new NativeServer(this);
            server.open();
            nativeServer = server;
            if (ssl == null)
                LOG.info("Lyger native HTTP/1.1 engine listening on {}:{} ({} binding)", hostForLog(), getLocalPort(), NativeEngine.binding());
            else
                LOG.info("Lyger native TLS engine listening on {}:{} (rustls, {}; {} binding)", hostForLog(), getLocalPort(), nativeTls.summary(), NativeEngine.binding());
        }
        else
        {
            ServerConnector connector = new ServerConnector(getServer(), getExecutor(), getScheduler(), getByteBufferPool(),
                -1, -1, getConnectionFactories().toArray(ConnectionFactory[]::new));
            connector.setHost(getHost());
            connector.setPort(getPort());
            connector.setIdleTimeout(getIdleTimeout());
            connector.setAcceptQueueSize(acceptQueueSize);
            connector.setName(getName());
            // This connector owns the executor, scheduler and buffer pool it shares with its fallback: opened while
            // the Server starts (before its thread pool has), the fallback would otherwise take them for its own and
            // stop the Server's thread pool when it stops (a warm-up connector closed under --open-when-ready; two
            // connectors, as HTTP beside HTTPS, then hang the stop for its timeout).
            connector.unmanage(getExecutor());
            connector.unmanage(getScheduler());
            connector.unmanage(getByteBufferPool());
            connector.open();
            fallback = connector;
            LOG.warn("Lyger native engine not used ({}); serving {}through Jetty's ServerConnector on {}:{}{}", reason,
                ssl == null ? "" : "HTTPS with Jetty's TLS ", hostForLog(), getLocalPort(), fallbackGaps());
        }
        super.open();
    }

    @Override
    protected void doStart() throws Exception
    {
        open();
        ServerConnector connector = fallback;
        if (connector != null)
            addBean(connector, true);
        super.doStart();
        NativeServer server = nativeServer;
        if (server != null)
        {
            // the reserve poller's thread, counted as Jetty's selectors are: too few threads fail the start here
            reserveLease = ThreadPoolBudget.leaseFrom(getExecutor(), this, 1);
            server.start();
        }
    }

    @Override
    public boolean isOpen()
    {
        return nativeServer != null || fallback != null;
    }

    @Override
    public CompletableFuture<Void> shutdown()
    {
        NativeServer server = nativeServer;
        ServerConnector connector = fallback;
        if (connector != null)
            return CompletableFuture.allOf(connector.shutdown(), super.shutdown());
        if (server == null)
            return super.shutdown();
        server.stopAccepting();
        Graceful.Shutdown requests = new Graceful.Shutdown(this)
        {
            @Override
            public boolean isShutdownDone()
            {
                return requestsInFlight.get() == 0;
            }
        };
        requestsShutdown = requests;
        CompletableFuture<Void> done = CompletableFuture.allOf(requests.shutdown(), super.shutdown());
        // as AbstractConnector does for the EndPoints it holds (here only upgraded ones): requests in flight get
        // the shorter idle timeout too
        if (getShutdownIdleTimeout() >= 0)
            server.shortenIdleTimeouts(getShutdownIdleTimeout());
        return done;
    }

    @Override
    public boolean isShutdown()
    {
        Graceful.Shutdown requests = requestsShutdown;
        return super.isShutdown() && (requests == null || requests.isShutdown());
    }

    @Override
    protected void doStop() throws Exception
    {
        // The engine first: its pollers block in the native poll, not in Java, so an executor this connector
        // manages (one not yet started when it was given, as under Spring Boot) would otherwise wait out its stop
        // timeout for threads that ignore its interrupts.
        NativeServer server = nativeServer;
        nativeServer = null;
        if (server != null)
            server.stop();
        ThreadPoolBudget.Lease lease = reserveLease;
        reserveLease = null;
        if (lease != null)
            lease.close();
        requestsShutdown = null;
        requestsInFlight.set(0);
        super.doStop();
        ServerConnector connector = fallback;
        fallback = null;
        if (connector != null)
            removeBean(connector);
    }

    @Override
    public void close()
    {
        NativeServer server = nativeServer;
        if (server != null)
            server.stopAccepting();
        ServerConnector connector = fallback;
        if (connector != null)
            connector.close();
        super.close();
    }

    @Override
    public int getLocalPort()
    {
        NativeServer server = nativeServer;
        if (server != null)
            return server.getLocalPort();
        ServerConnector connector = fallback;
        if (connector != null)
            return connector.getLocalPort();
        return -1;
    }

    @Override
    public Object getTransport()
    {
        NativeServer server = nativeServer;
        if (server != null)
            return server;
        ServerConnector connector = fallback;
        return connector == null ? null : connector.getTransport();
    }

    @Override
    protected void accept(int acceptorID)
    {
        // No acceptor threads: the native engine accepts inside its event loop.
        throw new UnsupportedOperationException();
    }

    /** @return the TLS configuration the native engine serves HTTPS with, or null (plain HTTP, or the fallback serves). */
    public NativeTlsConfig nativeTls()
    {
        return nativeTls;
    }

    /** Called by the native server when a request starts using a connection; counts for graceful shutdown. */
    public void onRequestBegin(NativeEndPoint endPoint)
    {
        requestsInFlight.incrementAndGet();
    }

    /** Called by the native server when a request has ended (or an upgraded connection closed). */
    public void onRequestEnd(NativeEndPoint endPoint)
    {
        if (requestsInFlight.decrementAndGet() == 0)
        {
            Graceful.Shutdown requests = requestsShutdown;
            if (requests != null)
                requests.check();
        }
    }

    /**
     * Called when a request's connection was upgraded (WebSocket): it stays in flight until it closes
     * ({@link #onUpgradedClosed}), and is held as AbstractConnector holds its EndPoints (a few per upgrade, not per
     * request), so that a graceful stop shortens its idle timeout and dumps show it.
     */
    public void onUpgraded(NativeEndPoint endPoint)
    {
        onEndPointOpened(endPoint);
    }

    /** Called when an upgraded connection closed: its request ends. */
    public void onUpgradedClosed(NativeEndPoint endPoint)
    {
        onEndPointClosed(endPoint);
        onRequestEnd(endPoint);
    }

    /** @return the compliance mode requests are checked with. */
    public HttpCompliance getHttpCompliance()
    {
        return getHttpConfiguration().getHttpCompliance();
    }

    /**
     * @return the ALPN id (RFC 7301's IANA registry, lower case: {@code http/1.1}) of a Jetty protocol name: the
     * SslConnectionFactory's next protocol is a connection factory's name ({@code HTTP/1.1}), which clients never offer
     */
    static String alpnId(String protocol)
    {
        return protocol.toLowerCase(Locale.ROOT);
    }

    /** Names the limits only the native engine enforces, when they are set: the fallback line must not hide them. */
    private String fallbackGaps()
    {
        StringBuilder gaps = new StringBuilder();
        if (maxRequestBodySize >= 0)
            gaps.append("maxRequestBodySize=").append(maxRequestBodySize);
        if (headerTimeout > 0 && headerTimeout < getIdleTimeout())
            gaps.append(gaps.length() > 0 ? ", " : "").append("headerTimeout=").append(headerTimeout).append("ms");
        return gaps.length() == 0 ? "" : " (not enforced there, use Jetty's SizeLimitHandler and idle timeout: " + gaps + ")";
    }

    private String hostForLog()
    {
        return getHost() == null ? "0.0.0.0" : getHost();
    }

    @Override
    public String toString()
    {
        return String.format("%s@%x{%s, %s:%d}", getClass().getSimpleName(), hashCode(),
            isNative() ? "native" : fallback != null ? "fallback" : "not open", hostForLog(), getLocalPort() <= 0 ? getPort() : getLocalPort());
    }
}
