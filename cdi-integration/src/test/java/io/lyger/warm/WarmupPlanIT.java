package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small exploded web application (built here: Weld's jars from the sample WAR, the classes of
 * {@code io.lyger.warm.testapp}) with a warm-up descriptor and a bean that cannot be created.
 */
class WarmupPlanIT
{
    @TempDir
    Path dir;

    @Test
    void withServletGetsOnlyTheDeclaredNonGetIsReplayedAndABrokenBeanIsReportedNotFatal() throws Exception
    {
        Path webapp = testWebapp(dir.resolve("testapp"), String.join("\n",
            "servlet-gets=true",
            "request.1=POST /declared",
            "request.1.body=declared-body",
            "request.1.content-type=text/plain",
            "exclude=/excluded",
            ""));
        try (TestServer server = TestServer.start(webapp, WarmOptions.defaults().withJitBudget(Duration.ofMillis(1500)), 0))
        {
            String seen = server.get("/seen").body();
            List<String> lines = List.of(seen.split("\n"));
            assertEquals("good=hello", lines.get(0), "CDI injects servlets; the good bean works: " + seen);
            List<String> requests = lines.subList(1, lines.size());
            // GETs on the exact mappings (servlet-gets), the declared POST, and nothing else: not the wildcard mapping,
            // not the excluded path, no other method
            assertEquals(List.of("GET /exact", "GET /declared", "POST /declared declared-body"), // (and GET /seen, not recorded)
               
                requests.stream().sorted((a, b) -> order(a) - order(b)).toList(), seen);

            Map<String, Object> report = CdiReport.read(server.webApp);
            assertTrue(report != null, "the agent ran in the web application");
            @SuppressWarnings("unchecked")
            List<String> failures = (List<String>)report.get("failures");
            assertEquals(1, failures.size(), failures.toString());
            assertTrue(failures.get(0).startsWith("io.lyger.warm.testapp.BrokenBean (@ApplicationScoped): "), failures.get(0));
            assertTrue(failures.get(0).contains("IllegalStateException: no license key configured"), failures.get(0));
            assertTrue((Integer)report.get("created") >= 1, report.toString());
            assertEquals(200, server.get("/_lyger/health/ready").statusCode(), "the deployment went on");
        }
    }

    private static int order(String request)
    {
        return request.startsWith("GET /exact") ? 0 : request.startsWith("GET /declared") ? 1 : 2;
    }

    /** Builds an exploded WAR: Weld and the CDI API from the sample WAR, the testapp classes, web.xml, the descriptor. */
    static Path testWebapp(Path root, String descriptor) throws IOException
    {
        return new TestWebapp()
            .classes("RecordingServlet", "SeenServlet", "GoodBean", "BrokenBean")
            .file("WEB-INF/lyger-warmup.properties", descriptor)
            .file("WEB-INF/web.xml", """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1" metadata-complete="true">
                  <servlet><servlet-name>recording</servlet-name><servlet-class>io.lyger.warm.testapp.RecordingServlet</servlet-class></servlet>
                  <servlet><servlet-name>seen</servlet-name><servlet-class>io.lyger.warm.testapp.SeenServlet</servlet-class></servlet>
                  <servlet-mapping><servlet-name>recording</servlet-name><url-pattern>/exact</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>recording</servlet-name><url-pattern>/declared</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>recording</servlet-name><url-pattern>/excluded</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>recording</servlet-name><url-pattern>/wild/*</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>recording</servlet-name><url-pattern>*.do</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>seen</servlet-name><url-pattern>/seen</url-pattern></servlet-mapping>
                </web-app>
                """)
            .build(root);
    }
}
