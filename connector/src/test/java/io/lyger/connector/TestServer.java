package io.lyger.connector;

import java.net.URI;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.ee11.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded Jetty {@link Server} on 127.0.0.1, port 0, with one connector of the chosen {@link ConnectorKind} and an
 * ee11 servlet context holding the test servlets. Both kinds get the same {@link HttpConfiguration}.
 * <pre>
 * try (TestServer server = TestServer.start(kind)) { ... server.port() ... }
 * </pre>
 */
public final class TestServer implements AutoCloseable
{
    /** The graceful stop timeout given to {@link Server#setStopTimeout(long)}. */
    public static final long STOP_TIMEOUT_MS = 10_000;

    private final ConnectorKind kind;
    private final Server server;
    private final AbstractNetworkConnector connector;
    private final DisconnectServlet disconnectServlet = new DisconnectServlet();
    private final SlowServlet slowServlet = new SlowServlet();
    private final AsyncWriteServlet asyncWriteServlet = new AsyncWriteServlet();

    private TestServer(Options options) throws Exception
    {
        this.kind = options.kind;
        server = options.threads > 0 ? new Server(new QueuedThreadPool(options.threads)) : new Server();
        server.setStopTimeout(STOP_TIMEOUT_MS);

        HttpConfiguration config = httpConfiguration();
        connector = switch (kind)
        {
            case NATIVE ->
            {
                LygerConnector lyger = new LygerConnector(server, new HttpConnectionFactory(config));
                if (options.headerTimeoutMs > 0)
                    lyger.setHeaderTimeout(options.headerTimeoutMs);
                if (options.maxRequestBodySize >= 0)
                    lyger.setMaxRequestBodySize(options.maxRequestBodySize);
                yield lyger;
            }
            case JETTY -> new ServerConnector(server, new HttpConnectionFactory(config));
        };
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        if (options.idleTimeoutMs > 0)
            connector.setIdleTimeout(options.idleTimeoutMs);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(HelloServlet.class, "/hello");
        context.addServlet(ConnectionServlet.class, "/connection");
        context.addServlet(EchoServlet.class, "/echo");
        context.addServlet(Sha256Servlet.class, "/sha256");
        context.addServlet(BytesServlet.class, "/bytes");
        context.addServlet(HeadersServlet.class, "/headers");
        context.addServlet(StatusServlet.class, "/status");
        context.addServlet(new ServletHolder(slowServlet), "/slow");
        context.addServlet(new ServletHolder(disconnectServlet), "/disconnect");
        context.addServlet(CloseServlet.class, "/close");
        context.addServlet(TrailersServlet.class, "/trailers");
        context.addServlet(UnreadBodyServlet.class, "/unread");
        context.addServlet(UpgradeServlet.class, "/upgrade");
        if (options.webSockets)
        {
            JettyWebSocketServletContainerInitializer.configure(context, null);
            context.addServlet(EchoWebSocketServlet.class, "/ws");
            context.addServlet(IdleWebSocketServlet.class, "/ws-idle");
        }
        ServletHolder asyncWrite = new ServletHolder(asyncWriteServlet);
        asyncWrite.setAsyncSupported(true);
        context.addServlet(asyncWrite, "/async-write");

        Handler handler = context;
        // Jetty's ServerConnector has no request body limit of its own; SizeLimitHandler is its equivalent of
        // LygerConnector.setMaxRequestBodySize (413 for a Content-Length over the limit, a failed read for a
        // chunked body that grows over it).
        if (kind == ConnectorKind.JETTY && options.maxRequestBodySize >= 0)
            handler = new SizeLimitHandler(options.maxRequestBodySize, -1);
        if (handler != context)
            ((Handler.Wrapper)handler).setHandler(context);
        server.setHandler(handler);
        try
        {
            server.start();
        }
        catch (Throwable x)
        {
            server.stop();
            throw x;
        }
    }

    /** The one HttpConfiguration both connector kinds are built with: Jetty's defaults (8 KiB request header size). */
    public static HttpConfiguration httpConfiguration()
    {
        return new HttpConfiguration();
    }

    public static TestServer start(ConnectorKind kind) throws Exception
    {
        return options(kind).start();
    }

    public static Options options(ConnectorKind kind)
    {
        return new Options(kind);
    }

    public ConnectorKind kind()
    {
        return kind;
    }

    public Server server()
    {
        return server;
    }

    public AbstractNetworkConnector connector()
    {
        return connector;
    }

    public int port()
    {
        return connector.getLocalPort();
    }

    public URI uri(String pathAndQuery)
    {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public DisconnectServlet disconnectServlet()
    {
        return disconnectServlet;
    }

    public SlowServlet slowServlet()
    {
        return slowServlet;
    }

    public AsyncWriteServlet asyncWriteServlet()
    {
        return asyncWriteServlet;
    }

    /** Stops gracefully (the server's stop timeout applies); does nothing if already stopped. */
    @Override
    public void close() throws Exception
    {
        if (!server.isStopped())
            server.stop();
    }

    /** {@code /ws}: {@link EchoWebSocket} through Jetty's WebSocket servlet (see {@link Options#webSockets()}). */
    public static class EchoWebSocketServlet extends JettyWebSocketServlet
    {
        @Override
        protected void configure(JettyWebSocketServletFactory factory)
        {
            factory.register(EchoWebSocket.class);
        }
    }

    /** {@code /ws-idle}: {@link EchoWebSocket} with a WebSocket idle timeout of 500 ms. */
    public static class IdleWebSocketServlet extends JettyWebSocketServlet
    {
        @Override
        protected void configure(JettyWebSocketServletFactory factory)
        {
            factory.setIdleTimeout(java.time.Duration.ofMillis(500));
            factory.register(EchoWebSocket.class);
        }
    }

    /** What differs from the defaults, for the tests that need it. */
    public static final class Options
    {
        private final ConnectorKind kind;
        private long idleTimeoutMs = -1;
        private long headerTimeoutMs = -1;
        private long maxRequestBodySize = -1;
        private boolean webSockets;
        private int threads;

        private Options(ConnectorKind kind)
        {
            this.kind = kind;
        }

        /** The connector's idle timeout (both kinds). */
        public Options idleTimeout(long ms)
        {
            idleTimeoutMs = ms;
            return this;
        }

        /** {@link LygerConnector#setHeaderTimeout(long)}; NATIVE only, Jetty has no equivalent. */
        public Options headerTimeout(long ms)
        {
            headerTimeoutMs = ms;
            return this;
        }

        /** NATIVE: {@link LygerConnector#setMaxRequestBodySize(long)}; JETTY: a {@link SizeLimitHandler}. */
        public Options maxRequestBodySize(long bytes)
        {
            maxRequestBodySize = bytes;
            return this;
        }

        /** The most threads of the server's QueuedThreadPool (both kinds); Jetty's default (200) when not given. */
        public Options threads(int maxThreads)
        {
            threads = maxThreads;
            return this;
        }

        /** Jetty's WebSocket support in the context, with {@link EchoWebSocket} at {@code /ws}. */
        public Options webSockets()
        {
            webSockets = true;
            return this;
        }

        public TestServer start() throws Exception
        {
            return new TestServer(this);
        }
    }
}
