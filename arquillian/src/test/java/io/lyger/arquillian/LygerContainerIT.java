package io.lyger.arquillian;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.example.loader.LoaderServlet;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The container driven directly through Arquillian's DeployableContainer API, as Arquillian drives it. */
class LygerContainerIT
{
    private final HttpClient client = HttpClient.newHttpClient();
    private LygerContainer container;

    @WebServlet("/ping")
    public static class Ping extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("pong " + request.getContextPath());
        }
    }

    /** Fails its start: the deployment must fail with it. */
    @WebServlet(urlPatterns = "/broken", loadOnStartup = 1)
    public static class Broken extends HttpServlet
    {
        @Override
        public void init() throws ServletException
        {
            throw new ServletException("no configuration for Broken");
        }
    }

    /** Counts the warm-up's requests (they carry X-Lyger-Warmup) apart from the others. */
    @WebServlet("/count")
    public static class Count extends HttpServlet
    {
        private final java.util.concurrent.atomic.AtomicInteger warmup = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            if (request.getHeader("X-Lyger-Warmup") != null)
                warmup.incrementAndGet();
            else
                response.getWriter().print("warm-up requests: " + warmup.get());
        }
    }

    LygerContainer start(String connector) throws Exception
    {
        return start(connector, false);
    }

    LygerContainer start(String connector, boolean warmup) throws Exception
    {
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setConnector(connector);
        configuration.setWarmup(warmup);
        configuration.setWarmupBudget("0.5");
        return start(configuration);
    }

    LygerContainer start(LygerContainerConfiguration configuration) throws Exception
    {
        configuration.validate();
        container = new LygerContainer();
        container.setup(configuration);
        container.start();
        return container;
    }

    @AfterEach
    void stop() throws Exception
    {
        if (container != null)
            container.stop();
    }

    HttpResponse<String> get(HTTPContext http, String path) throws Exception
    {
        URI uri = URI.create("http://" + http.getHost() + ":" + http.getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void deploysAtTheArchiveNameAndUndeploys(String connector) throws Exception
    {
        start(connector);
        assertEquals(connector.equals("native"), container.server().isNativeConnector());
        WebArchive archive = ShrinkWrap.create(WebArchive.class, "shop.war").addClass(Ping.class);
        HTTPContext http = container.deploy(archive).getContext(HTTPContext.class);

        HttpResponse<String> response = get(http, "/shop/ping");
        assertEquals(200, response.statusCode());
        assertEquals("pong /shop", response.body());

        container.undeploy(archive);
        assertEquals(404, get(http, "/shop/ping").statusCode());
        // deployable again once undeployed
        container.deploy(archive);
        assertEquals(200, get(http, "/shop/ping").statusCode());
        container.undeploy(archive);
    }

    @Test
    void httpContextListsTheDeploymentsServlets() throws Exception
    {
        start("native");
        ProtocolMetaData metaData = container.deploy(ShrinkWrap.create(WebArchive.class, "listed.war").addClass(Ping.class));
        HTTPContext http = metaData.getContext(HTTPContext.class);
        assertEquals("127.0.0.1", http.getHost());
        assertEquals(container.server().port(), http.getPort());
        List<String> names = http.getServlets().stream().map(Servlet::getName).toList();
        assertTrue(names.contains(Ping.class.getName()), names.toString());
        assertTrue(names.contains("default"), names.toString());
        Servlet ping = http.getServletByName(Ping.class.getName());
        assertEquals("/listed", ping.getContextRoot());
        assertEquals(URI.create("http://127.0.0.1:" + http.getPort() + "/listed/"), ping.getBaseURI());
    }

    @Test
    void rootWarIsServedAtSlash() throws Exception
    {
        start("native");
        HTTPContext http = container.deploy(ShrinkWrap.create(WebArchive.class, "ROOT.war").addClass(Ping.class)).getContext(HTTPContext.class);
        HttpResponse<String> response = get(http, "/ping");
        assertEquals(200, response.statusCode());
        assertEquals("pong ", response.body());
    }

    @Test
    void failedDeploymentThrowsAndLeavesNothingDeployed() throws Exception
    {
        start("native");
        WebArchive archive = ShrinkWrap.create(WebArchive.class, "broken.war").addClasses(Ping.class, Broken.class);
        DeploymentException failure = assertThrows(DeploymentException.class, () -> container.deploy(archive));
        assertTrue(failure.getMessage().contains("/broken"), failure.getMessage());
        assertTrue(failure.getMessage().contains("no configuration for Broken"), failure.getMessage());
        assertFalse(container.server().deployments().stream().anyMatch(d -> d.contextPath().equals("/broken")));
        // the same name deploys once fixed
        container.deploy(ShrinkWrap.create(WebArchive.class, "broken.war").addClass(Ping.class));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void warmupReplaysTheDeploymentsRequestsOnlyWhenOn(boolean warmup) throws Exception
    {
        start("native", warmup);
        // the warm-up replays only what a deployment declares
        HTTPContext http = container.deploy(ShrinkWrap.create(WebArchive.class, "warm.war").addClass(Count.class)
            .addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset("request.1=GET /count\n"), "lyger-warmup.properties"))
            .getContext(HTTPContext.class);
        HttpResponse<String> response = get(http, "/warm/count");
        assertEquals(200, response.statusCode());
        if (warmup)
            assertTrue(!response.body().equals("warm-up requests: 0"), response.body());
        else
            assertEquals("warm-up requests: 0", response.body(), "a cold deployment sees only the test's requests");
    }

    /** classloaderBehavior (Jetty's adapter's name): JAVA_SPEC loads a class the test class path has from there. */
    @ParameterizedTest
    @ValueSource(strings = {"SERVLET_SPEC", "JAVA_SPEC"})
    void classloaderBehaviorDecidesWhichCopyOfAClassIsLoaded(String behavior) throws Exception
    {
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setClassloaderBehavior(behavior);
        start(configuration);
        HTTPContext http = container.deploy(ShrinkWrap.create(WebArchive.class, "loader.war").addClass(LoaderServlet.class)).getContext(HTTPContext.class);
        HttpResponse<String> response = get(http, "/loader/loader");
        assertEquals(200, response.statusCode());
        assertEquals(behavior.equals("SERVLET_SPEC"), response.body().equals("WebAppClassLoader"), response.body());
    }

    @Test
    void dumpServerAfterStartPrintsJettysComponentTree() throws Exception
    {
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setDumpServerAfterStart(true);
        PrintStream stderr = System.err;
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        System.setErr(new PrintStream(dump, true, StandardCharsets.UTF_8));
        try
        {
            start(configuration);
        }
        finally
        {
            System.setErr(stderr);
        }
        String printed = dump.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("oejs.Server@") && printed.contains("LygerConnector"), printed);
    }
}
