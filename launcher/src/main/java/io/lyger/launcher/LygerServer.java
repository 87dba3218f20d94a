package io.lyger.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.lyger.connector.LygerConnector;
import io.lyger.launcher.container.JmxSupport;
import io.lyger.warm.WarmOptions;
import io.lyger.warm.WarmStart;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
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
    private final LygerConnector httpsConnector;
    private final List<Deployment> deployments;
    private final ConnectorKind requested;
    private final int port;
    private final ContextHandlerCollection contexts;
    private final WarmOptions warm;

    LygerServer(Server server, LygerConnector connector, LygerConnector httpsConnector, List<Deployment> deployments,
                ConnectorKind requested, ContextHandlerCollection contexts, WarmOptions warm)
    {
        this.server = server;
        this.connector = connector;
        this.httpsConnector = httpsConnector;
        this.deployments = new CopyOnWriteArrayList<>(deployments);
        this.requested = requested;
        this.port = connector.getLocalPort();
        this.contexts = contexts;
        this.warm = warm;
    }

    /** @return the TCP port listened on (the actual one when 0 was asked for). */
    public int port()
    {
        return port;
    }

    /** @return the TCP port of the HTTPS listener (see {@link Lyger.Builder#https}), or -1 when there is none. */
    public int httpsPort()
    {
        return httpsConnector == null ? -1 : httpsConnector.getLocalPort();
    }

    /** @return an {@code https} URI for the server root reachable from this machine, or null without an HTTPS listener. */
    public URI httpsUri()
    {
        return httpsConnector == null ? null : URI.create("https://" + uri().getRawAuthority().replaceFirst(":\\d+$", "") + ":" + httpsPort() + "/");
    }

    /**
     * @return true when the native engine terminates TLS on the HTTPS listener, false when Jetty's SslConnectionFactory
     * does (the engine has no TLS here, or Jetty's connector was asked for) or there is no HTTPS listener
     */
    public boolean isNativeTls()
    {
        return httpsConnector != null && httpsConnector.isNative();
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
        return List.copyOf(deployments);
    }

    /**
     * Deploys a web application on the running server, configured as those given to {@link Lyger#server()} are (CDI,
     * warm-up as the server's options say), after {@code customizer} has had a look at its {@code WebAppContext}
     * (for what this API does not cover: a login service, attributes, configurations). Returns once it has started.
     *
     * @param war a WAR file or an exploded WAR directory
     * @param contextPath where to serve it; no other web application of this server may be there
     * @return the started web application
     * @throws LygerStartException if the WAR is missing or corrupt or its deployment fails (nothing is left deployed)
     */
    public synchronized WebAppContext deploy(Path war, String contextPath, Consumer<WebAppContext> customizer)
    {
        Deployment deployment = new Deployment(war, Deployment.normalizeContextPath(contextPath));
        if (deployments.stream().anyMatch(d -> d.contextPath().equals(deployment.contextPath())))
            throw new IllegalArgumentException("a web application is already served at " + deployment.contextPath());
        Lyger.Builder.checkWar(war);
        WebAppContext webApp = Lyger.newWebApp(deployment, server);
        WarmStart warmStart = new WarmStart(warm);
        warmStart.configure(webApp);
        customizer.accept(webApp);
        // Added to a started collection, the context is not started (nor stopped) with it: start it here, then let
        // the collection manage it so that stopping the server stops it.
        contexts.addHandler(webApp);
        try
        {
            webApp.start();
            Throwable unavailable = webApp.getUnavailableException();
            if (unavailable != null)
                throw unavailable;
        }
        catch (Throwable failure)
        {
            contexts.removeHandler(webApp);
            LygerStartException exception = new LygerStartException(LygerStartException.Reason.DEPLOYMENT_FAILED,
                "cannot deploy " + war + " at " + deployment.contextPath() + ": " + Lyger.oneLine(Lyger.rootCause(failure)), failure);
            try
            {
                webApp.stop();
            }
            catch (Throwable x)
            {
                exception.addSuppressed(x);
            }
            throw exception;
        }
        contexts.manage(webApp);
        deployments.add(deployment);
        warmStart.warmUp(uri());
        return webApp;
    }

    /**
     * Stops the web application served at {@code contextPath} and removes it from the server (its requests in flight
     * are cut off: the server's graceful stop does not apply).
     *
     * @return false if no web application is served there
     */
    public synchronized boolean undeploy(String contextPath)
    {
        String path = Deployment.normalizeContextPath(contextPath);
        WebAppContext webApp = contexts.getDescendants(WebAppContext.class).stream()
            .filter(w -> path.equals(w.getContextPath())).findFirst().orElse(null);
        deployments.removeIf(d -> d.contextPath().equals(path));
        if (webApp == null)
            return false;
        contexts.removeHandler(webApp);
        try
        {
            webApp.stop();
        }
        catch (Exception x)
        {
            throw new IllegalStateException("undeploying " + path + " failed: " + Lyger.oneLine(x), x);
        }
        return true;
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
        finally
        {
            JmxSupport.uninstall(server);
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
        return "LygerServer{" + uri() + ", " + (isNativeConnector() ? "native" : "jetty")
            + (httpsConnector == null ? "" : ", " + httpsUri() + " " + (isNativeTls() ? "native TLS" : "Jetty's TLS")) + ", " + deployments + "}";
    }
}
