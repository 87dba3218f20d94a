package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lyger.warm.testapp.HangingServlet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The warm-up replays only what the application declared, and requests that reach no application code: an undeclared
 * {@code GET /logout} servlet is never called by it, nor a filter over a static file; a declared path is; a declared
 * request that hangs does not hold ready past the budget. On both connectors (the native one, Jetty's ServerConnector).
 */
class SafeWarmupIT
{
    /** Far below {@link HangingServlet#HANG_MILLIS} (120 s), far above the budget (4 s): holds on a loaded machine. */
    private static final long READY_WITHIN_MILLIS = 60_000;

    @TempDir
    Path dir;

    private Path webapp(String name, String descriptor) throws Exception
    {
        TestWebapp webapp = new TestWebapp()
            .jars(jar -> false) // no CDI: the servlets alone
            .classes("CountingServlet", "CountingFilter", "HangingServlet")
            .file("WEB-INF/web.xml", """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1" metadata-complete="true">
                  <servlet><servlet-name>counting</servlet-name><servlet-class>io.lyger.warm.testapp.CountingServlet</servlet-class></servlet>
                  <servlet><servlet-name>hanging</servlet-name><servlet-class>io.lyger.warm.testapp.HangingServlet</servlet-class></servlet>
                  <servlet-mapping><servlet-name>counting</servlet-name><url-pattern>/logout</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>counting</servlet-name><url-pattern>/declared</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>counting</servlet-name><url-pattern>/count</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>hanging</servlet-name><url-pattern>/hang</url-pattern></servlet-mapping>
                  <filter><filter-name>counting</filter-name><filter-class>io.lyger.warm.testapp.CountingFilter</filter-class></filter>
                  <filter-mapping><filter-name>counting</filter-name><url-pattern>/filtered/*</url-pattern></filter-mapping>
                </web-app>
                """)
            .file("index.html", "<html><body>static welcome</body></html>\n")
            .file("css/site.css", "body { color: black }\n")
            .file("filtered/page.html", "<html><body>behind a filter</body></html>\n");
        if (descriptor != null)
            webapp.file("WEB-INF/lyger-warmup.properties", descriptor);
        return webapp.build(dir.resolve(name));
    }

    @ParameterizedTest(name = "lygerConnector={0}")
    @ValueSource(booleans = {true, false})
    void withNothingDeclaredNoServletNorFilterIsCalledAndContainerOnlyRequestsAreSent(boolean lygerConnector) throws Exception
    {
        try (TestServer server = TestServer.start(webapp("none", null), WarmOptions.defaults().withJitBudget(Duration.ofMillis(1500)), 0, lygerConnector))
        {
            Map<String, Integer> calls = calls(server);
            assertEquals(Map.of(), calls, "the warm-up called application code");
            String metrics = server.get("/_lyger/metrics").body();
            assertTrue(SampleAppIT.number(metrics.replace("lyger_warmup_requests_total ", "\"warmup\":"), "warmup") > 0,
                "the container-only requests were sent: " + metrics);
            assertEquals(0, calls(server).getOrDefault("/logout", 0));
            // the static files are served as before
            assertEquals(200, server.get("/css/site.css").statusCode());
            assertEquals(Map.of("filter:/filtered/page.html", 1), callsAfter(server, "/filtered/page.html"));
        }
    }

    @ParameterizedTest(name = "lygerConnector={0}")
    @ValueSource(booleans = {true, false})
    void aDeclaredPathIsReplayedAndTheUndeclaredLogoutIsNot(boolean lygerConnector) throws Exception
    {
        try (TestServer server = TestServer.start(webapp("declared", "request.1=GET /declared\nrequest.1.weight=2\n"),
            WarmOptions.defaults().withJitBudget(Duration.ofMillis(1500)), 0, lygerConnector))
        {
            Map<String, Integer> calls = calls(server);
            assertTrue(calls.getOrDefault("/declared", 0) > 0, "the declared path was replayed: " + calls);
            assertEquals(0, calls.getOrDefault("/logout", 0), "the undeclared logout was called: " + calls);
            assertEquals(Map.of("/declared", calls.get("/declared")), calls, "nothing else of the application was called");
        }
    }

    @ParameterizedTest(name = "lygerConnector={0}")
    @ValueSource(booleans = {true, false})
    void aDeclaredRequestThatHangsDoesNotHoldReadyPastTheBudget(boolean lygerConnector) throws Exception
    {
        long start = System.nanoTime();
        try (TestServer server = TestServer.start(webapp("hang", "request.1=GET /hang\nrequest.2=GET /declared\n"),
            WarmOptions.defaults().withJitBudget(Duration.ofSeconds(4)), 0, lygerConnector))
        {
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < READY_WITHIN_MILLIS, "ready " + millis + " ms after the start, with a 4 s budget and a request hanging "
                + HangingServlet.HANG_MILLIS + " ms");
            assertEquals(200, server.get("/_lyger/health/ready").statusCode());
            Map<String, Integer> calls = calls(server);
            assertTrue(calls.getOrDefault("/hang", 0) > 0, "the hanging request was sent: " + calls);
            // abandoned after a quarter of the budget (1 s), and not sent again: the rest is the other requests'
            assertTrue(calls.getOrDefault("/declared", 0) > 0, "the other declared request was replayed: " + calls);
            assertEquals(0, calls.getOrDefault("/logout", 0), String.valueOf(calls));
        }
    }

    @org.junit.jupiter.api.Test
    void anInvalidDescriptorFailsTheDeploymentNamingTheFileAndKey() throws Exception
    {
        Path webapp = webapp("invalid", "request.1=GET /declared\nrequest.1.weight=lots\n");
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
            () -> TestServer.start(webapp, WarmOptions.defaults().withJitBudget(Duration.ofMillis(500)), 0).close());
        assertEquals("WEB-INF/lyger-warmup.properties: request.1.weight: must be a whole number from 1 to 100",
            TestServer.rootCause(failure).getMessage());
    }

    /** @return the application's counts of calls, per path */
    private static Map<String, Integer> calls(TestServer server) throws Exception
    {
        Map<String, Integer> calls = new LinkedHashMap<>();
        for (String line : server.get("/count").body().split("\n"))
        {
            if (!line.isBlank())
                calls.put(line.substring(0, line.lastIndexOf('=')), Integer.parseInt(line.substring(line.lastIndexOf('=') + 1)));
        }
        return calls;
    }

    private static Map<String, Integer> callsAfter(TestServer server, String path) throws Exception
    {
        assertEquals(200, server.get(path).statusCode(), path);
        return calls(server);
    }
}
