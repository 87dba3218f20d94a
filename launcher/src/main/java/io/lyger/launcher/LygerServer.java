package io.lyger.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.lyger.connector.LygerConnector;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started Lyger server (see {@link Lyger#server()}). {@link #stop()} is graceful: the server stops accepting,
 * lets in-flight requests complete within the stop timeout, then closes connections.
 */
public final class LygerServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(LygerServer.class);

    private final Server server;
    private final LygerConnector connector;
    private final List<Deployment> deployments;
    private final ConnectorKind requested;
    private final int port;

    LygerServer(Server server, LygerConnector connector, List<Deployment> deployments, ConnectorKind requested)
    {
        this.server = server;
        this.connector = connector;
        this.deployments = List.copyOf(deployments);
        this.requested = requested;
        this.port = connector.getLocalPort();
    }

    /** @return the TCP port listened on (the actual one when 0 was asked for). */
    public int port()
    {
        return port;
    }

    /** @return the host listened on, or null for all interfaces. */
    public String host()
    {
        return connector.getHost();
    }

    /** @return a URI for the server root reachable from this machine ({@code localhost} when listening on all interfaces). */
    public URI uri()
    {
        String host = host();
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]"))
            host = "localhost";
        else if (host.indexOf(':') >= 0 && !host.startsWith("["))
            host = "[" + host + "]";
        return URI.create("http://" + host + ":" + port + "/");
    }

    /** @return true when the native engine serves requests, false when Jetty's ServerConnector does. */
    public boolean isNativeConnector()
    {
        return connector.isNative();
    }

    /** @return the engine that was asked for ({@link #isNativeConnector()} tells the one that serves). */
    public ConnectorKind requestedConnector()
    {
        return requested;
    }

    /** @return the web applications served, with their context paths. */
    public List<Deployment> deployments()
    {
        return deployments;
    }

    /** @return the underlying Jetty server, for what this API does not cover. */
    public Server jetty()
    {
        return server;
    }

    /** @return true from a successful start until {@link #stop()}. */
    public boolean isRunning()
    {
        return server.isRunning();
    }

    /** {@link #awaitReady(Duration)} with 30 seconds. */
    public LygerServer awaitReady() throws InterruptedException, TimeoutException
    {
        return awaitReady(Duration.ofSeconds(30));
    }

    /**
     * Waits until the server is started and a TCP connection to it succeeds.
     *
     * @throws IllegalStateException if the server is stopped or failed
     * @throws TimeoutException if it is not ready within {@code timeout}
     */
    public LygerServer awaitReady(Duration timeout) throws InterruptedException, TimeoutException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        InetSocketAddress address = new InetSocketAddress(uri().getHost().replace("[", "").replace("]", ""), port);
        while (true)
        {
            if (server.isStopping() || server.isStopped() || server.isFailed())
                throw new IllegalStateException("the server is " + server.getState());
            if (server.isStarted())
            {
                try (Socket socket = new Socket())
                {
                    socket.connect(address, 1000);
                    return this;
                }
                catch (IOException notYet)
                {
                    // retry until the deadline
                }
            }
            if (System.nanoTime() - deadline > 0)
                throw new TimeoutException("server not ready on " + address + " after " + timeout);
            Thread.sleep(20);
        }
    }

    /** Blocks until the server has stopped (from {@link #stop()}, another thread, or a JVM shutdown). */
    public void join() throws InterruptedException
    {
        server.join();
    }

    /**
     * Stops gracefully: stops accepting, waits (up to the stop timeout) for requests in flight, then closes
     * connections and undeploys. Does nothing if already stopped.
     */
    public void stop()
    {
        try
        {
            server.stop();
        }
        catch (Exception x)
        {
            if (Lyger.rootCause(x) instanceof TimeoutException)
            {
                // Server.stop() has still closed the connections and undeployed: only the grace period ran out.
                LOG.warn("Graceful stop timed out after {} ms; requests still in flight were cut off", server.getStopTimeout());
                return;
            }
            if (x instanceof RuntimeException runtime)
                throw runtime;
            throw new IllegalStateException("stopping the server failed: " + Lyger.oneLine(x), x);
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close()
    {
        stop();
    }

    @Override
    public String toString()
    {
        return "LygerServer{" + uri() + ", " + (isNativeConnector() ? "native" : "jetty") + ", " + deployments + "}";
    }
}
