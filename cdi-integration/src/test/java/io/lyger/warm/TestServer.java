package io.lyger.warm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.lyger.connector.LygerConnector;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real server for the tests, wired as the launcher wires it: LygerConnector, one WebAppContext, WarmStart. */
final class TestServer implements AutoCloseable
{
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    final Server server;
    final AbstractNetworkConnector connector;
    final WebAppContext webApp;
    final WarmStart warm;

    private TestServer(Server server, AbstractNetworkConnector connector, WebAppContext webApp, WarmStart warm)
    {
        this.server = server;
        this.connector = connector;
        this.webApp = webApp;
        this.warm = warm;
    }

    /** Deploys {@code war} at / on {@code port} (0 for any) and warms it up as {@code options} say. */
    static TestServer start(Path war, WarmOptions options, int port) throws Exception
    {
        return start(war, options, port, true);
    }

    /** @param lygerConnector the native connector (LygerConnector), or Jetty's ServerConnector */
    static TestServer start(Path war, WarmOptions options, int port, boolean lygerConnector) throws Exception
    {
        return start(war, options, port, lygerConnector, null);
    }

    /** @param trained the latency a training run reached, at which the JIT warm-up may stop (null: none) */
    static TestServer start(Path war, WarmOptions options, int port, boolean lygerConnector, TrainedLatency trained) throws Exception
    {
        Server server = new Server();
        AbstractNetworkConnector connector = lygerConnector ? new LygerConnector(server) : new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        WarmStart warm = new WarmStart(options);
        warm.setJitTarget(trained);
        WebAppContext webApp = new WebAppContext();
        webApp.setWar(war.toAbsolutePath().toString());
        webApp.setContextPath("/");
        webApp.setThrowUnavailableOnStartupException(true);
        warm.configure(webApp);
        ContextHandlerCollection contexts = new ContextHandlerCollection(webApp);
        server.setHandler(warm.wrap(contexts));
        warm.attach(server);
        try
        {
            server.start();
        }
        catch (Exception x)
        {
            server.stop();
            throw x;
        }
        TestServer started = new TestServer(server, connector, webApp, warm);
        warm.warmUp(started.uri());
        return started;
    }

    static Path sampleWar()
    {
        String property = System.getProperty("lyger.sample.war");
        Path war = property != null ? Path.of(property) : Path.of("target/test-wars/lyger-sample.war");
        assertTrue(Files.isRegularFile(war), "sample WAR missing at " + war.toAbsolutePath() + ": build with mvn verify from the root");
        return war;
    }

    static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /** @return the innermost cause of {@code failure} */
    static Throwable rootCause(Throwable failure)
    {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root)
            root = root.getCause();
        return root;
    }

    URI uri()
    {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException
    {
        return get(uri().resolve(pathAndQuery));
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException
    {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception
    {
        server.stop();
    }
}
