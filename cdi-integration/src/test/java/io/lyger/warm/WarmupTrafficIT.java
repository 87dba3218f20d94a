package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the JIT warm-up's requests look like to the server, and where they are counted: the first warm-up sends
 * requests with {@value JitWarmup#HEADER} and without it (so that the server's check for it is compiled both ways),
 * and neither kind shows in the public request metrics; they look like clients' requests (headers, new connections); a later warm-up (here: of a redeployed web application, while
 * clients are served) sends only requests with the header.
 */
class WarmupTrafficIT
{
    @TempDir
    Path dir;

    @Test
    void theFirstWarmupSendsUnmarkedRequestsTooAndNoneIsCountedAsAClientRequest() throws Exception
    {
        Path webapp = new TestWebapp()
            .classes("HeadersServlet")
            .servlets("/exact", "HeadersServlet", "/report", "HeadersServlet")
            .file("WEB-INF/lyger-warmup.properties", "request.1=GET /exact\ncontainer-requests=false\n") // /exact sees every warm-up request
            .build(dir.resolve("headers"));
        try (TestServer server = TestServer.start(webapp, WarmOptions.defaults().withJitBudget(Duration.ofMillis(1500)), 0))
        {
            List<String> seen = report(server);
            long marked = seen.stream().filter(line -> line.startsWith("marker=1 ")).count();
            long unmarked = seen.stream().filter(line -> line.startsWith("marker=- ")).count();
            assertTrue(marked > 0 && unmarked > 0, "the warm-up sent " + marked + " requests with its header, " + unmarked + " without");
            assertEquals(seen.size(), marked + unmarked, String.join("\n", seen));
            // every other request goes without the header
            assertTrue(Math.abs(marked - unmarked) <= seen.size() / 10 + 2, marked + " with the header, " + unmarked + " without");

            // shaped as clients' requests: most GETs without Content-Length (as curl, browsers, wrk send them), some
            // with "Content-Length: 0" (as JDK 17's HttpClient), with an Accept and a User-Agent or bare (Host only);
            // some come on connections of their own
            assertTrue(seen.stream().anyMatch(line -> line.contains(" content-length=- ")), String.join("\n", seen));
            assertTrue(seen.stream().anyMatch(line -> line.contains(" content-length=0 ")), String.join("\n", seen));
            assertTrue(seen.stream().anyMatch(line -> line.contains(" accept=*/* ") && !line.contains(" user-agent=- ")), String.join("\n", seen));
            assertTrue(seen.stream().anyMatch(line -> line.contains(" accept=text/html,")), String.join("\n", seen));
            assertTrue(seen.stream().anyMatch(line -> line.contains(" accept=- user-agent=- ")), String.join("\n", seen));
            long connections = seen.stream().map(line -> line.substring(line.indexOf(" port="))).distinct().count();
            assertTrue(connections >= seen.size() / WarmupClient.ONE_SHOT_ONE_IN / 2, connections + " connections for " + seen.size() + " requests");

            // all of them are warm-up requests; the one client request is /report
            String metrics = metricsOnceCounted(server, seen.size(), 1);
            assertEquals(seen.size(), SampleAppIT.number(metrics.replace("lyger_warmup_requests_total ", "\"warmup\":"), "warmup"), metrics);
            assertEquals(1, SampleAppIT.number(metrics.replace("lyger_http_requests_total{status=\"2xx\"} ", "\"2xx\":"), "2xx"), metrics);
            assertTrue(metrics.contains("\nlyger_http_request_duration_seconds_count 1\n"), metrics);

            // a later warm-up (a redeployment, while clients are served): requests with the header only, none counted
            // as a client's
            server.warm.redeployed(server.webApp, server.uri());
            List<String> later = report(server);
            List<String> added = later.subList(seen.size(), later.size());
            assertTrue(!added.isEmpty(), "the second warm-up sent requests");
            assertTrue(added.stream().allMatch(line -> line.startsWith("marker=1 ")), String.join("\n", added));
            metrics = metricsOnceCounted(server, later.size(), 2);
            assertEquals(later.size(), SampleAppIT.number(metrics.replace("lyger_warmup_requests_total ", "\"warmup\":"), "warmup"), metrics);
            assertEquals(2, SampleAppIT.number(metrics.replace("lyger_http_requests_total{status=\"2xx\"} ", "\"2xx\":"), "2xx"), metrics);
        }
    }

    /** @return what /report lists: one line per request /exact served */
    private static List<String> report(TestServer server) throws IOException, InterruptedException
    {
        String body = server.get("/report").body();
        return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }

    /**
     * @return /_lyger/metrics once it counts {@code warmup} warm-up requests and {@code clients} client requests (a
     * request is counted when it completes, which can be just after its response reached the client)
     */
    private static String metricsOnceCounted(TestServer server, long warmup, long clients) throws Exception
    {
        String metrics = server.get("/_lyger/metrics").body();
        for (int i = 0; i < 500 && !(metrics.contains("\nlyger_warmup_requests_total " + warmup + "\n")
            && metrics.contains("\nlyger_http_request_duration_seconds_count " + clients + "\n")); i++)
        {
            Thread.sleep(20);
            metrics = server.get("/_lyger/metrics").body();
        }
        return metrics;
    }
}
