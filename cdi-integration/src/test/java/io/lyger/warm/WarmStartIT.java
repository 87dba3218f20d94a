package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The warm start of the sample: beans before the first request, readiness, the reserved prefix, metrics. */
class WarmStartIT
{
    private static final Pattern NATIVE_BUFFER_BYTES = Pattern.compile("\nlyger_native_buffer_bytes\\{port=\"\\d+\"\\} (\\d+)\n");

    @Test
    void postConstructHasRunBeforeReadyWhenWarm() throws Exception
    {
        try (TestServer server = TestServer.start(TestServer.sampleWar(), WarmOptions.defaults().withJitBudget(Duration.ZERO), 0))
        {
            long readyAt = System.currentTimeMillis();
            assertEquals(200, server.get("/_lyger/health/ready").statusCode());
            String stats = server.get("/stats").body();
            long constructedAt = SampleAppIT.number(stats, "bootClockConstructedAt");
            assertTrue(constructedAt > 0 && constructedAt <= readyAt,
                "BootClock's @PostConstruct ran at " + constructedAt + ", the server was ready at " + readyAt + ": " + stats);
        }
    }

    @Test
    void postConstructWaitsForTheFirstRequestWhenCold() throws Exception
    {
        // The same application on a stock start: the bean is created by the first request that needs it. This is
        // what makes the warm test above meaningful.
        try (TestServer server = TestServer.start(TestServer.sampleWar(), WarmOptions.defaults().cold(), 0))
        {
            long firstRequestAt = System.currentTimeMillis();
            String stats = server.get("/stats").body();
            long constructedAt = SampleAppIT.number(stats, "bootClockConstructedAt");
            assertTrue(constructedAt >= firstRequestAt, "constructed at " + constructedAt + ", first request at " + firstRequestAt + ": " + stats);
        }
    }

    @Test
    void readyAnswers503DuringWarmupThen200() throws Exception
    {
        int port = TestServer.freePort();
        URI ready = URI.create("http://127.0.0.1:" + port + "/_lyger/health/ready");
        URI live = URI.create("http://127.0.0.1:" + port + "/_lyger/health/live");
        CompletableFuture<TestServer> starting = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return TestServer.start(TestServer.sampleWar(), WarmOptions.defaults().withJitBudget(Duration.ofSeconds(3)), port);
            }
            catch (Exception x)
            {
                throw new IllegalStateException(x);
            }
        });
        List<Integer> statuses = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        boolean liveSeen = false;
        try
        {
            while (System.nanoTime() < deadline)
            {
                try
                {
                    int status = TestServer.get(ready).statusCode();
                    if (statuses.isEmpty() || statuses.get(statuses.size() - 1) != status)
                        statuses.add(status);
                    if (status == 503 && !liveSeen)
                        liveSeen = TestServer.get(live).statusCode() == 200;
                    if (status == 200)
                        break;
                }
                catch (java.io.IOException notListeningYet)
                {
                    if (starting.isDone())
                        break;
                }
                Thread.sleep(10);
            }
            TestServer server = starting.get(60, TimeUnit.SECONDS);
            try (server)
            {
                assertEquals(List.of(503, 200), statuses, "ready answered, in order");
                assertTrue(liveSeen, "live answers 200 while warming up");
                assertEquals(200, TestServer.get(ready).statusCode());
                assertEquals("ready\n", TestServer.get(ready).body());
            }
        }
        finally
        {
            if (!starting.isDone())
                starting.cancel(true);
        }
    }

    @Test
    void reservedPrefixAndMetrics() throws Exception
    {
        try (TestServer server = TestServer.start(TestServer.sampleWar(), WarmOptions.defaults().withJitBudget(Duration.ofMillis(500)), 0))
        {
            HttpResponse<String> unknown = server.get("/_lyger/nothing");
            assertEquals(404, unknown.statusCode());
            assertEquals("not found\n", unknown.body(), "answered by Lyger, not the web application");
            for (int i = 0; i < 3; i++)
                assertEquals(200, server.get("/plaintext").statusCode());
            assertEquals(404, server.get("/no-such-page").statusCode());

            // a request is counted when it completes, which can be just after its response reached the client
            HttpResponse<String> metrics = server.get("/_lyger/metrics");
            for (int i = 0; i < 500 && !metrics.body().contains("lyger_http_request_duration_seconds_count 4\n"); i++)
            {
                Thread.sleep(20);
                metrics = server.get("/_lyger/metrics");
            }
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            String text = metrics.body();
            // warm-up requests are counted apart: only this test's requests are in the totals
            assertEquals(3, SampleAppIT.number(text.replace("lyger_http_requests_total{status=\"2xx\"} ", "\"2xx\":"), "2xx"), text);
            assertEquals(1, SampleAppIT.number(text.replace("lyger_http_requests_total{status=\"4xx\"} ", "\"4xx\":"), "4xx"), text);
            assertTrue(text.contains("lyger_http_request_duration_seconds_bucket{le=\"+Inf\"} 4\n"), text);
            assertTrue(text.contains("lyger_http_request_duration_seconds_bucket{le=\"0.0005\"} "), text);
            assertTrue(text.contains("\nlyger_ready 1\n"), text);
            assertTrue(text.matches("(?s).*\njvm_threads_live [1-9]\\d*\n.*"), text);
            assertTrue(text.matches("(?s).*\njvm_memory_heap_used_after_gc_bytes \\d+\n.*"), text);
            // the native engine serves; this client's keep-alive connection is open, and this request is in flight
            assertTrue(text.matches("(?s).*\nlyger_connector_native\\{port=\"\\d+\"\\} 1\n.*"), text);
            assertTrue(text.matches("(?s).*\nlyger_native_connections\\{port=\"\\d+\"\\} [1-9]\\d*\n.*"), text);
            assertTrue(text.matches("(?s).*\nlyger_requests_in_flight\\{port=\"\\d+\"\\} [1-9]\\d*\n.*"), text);
            if (!text.contains("\nlyger_warmup_requests_total 0\n") && !text.matches("(?s).*\nlyger_warmup_requests_total [1-9]\\d*\n.*"))
                fail("no warm-up counter: " + text);

            // the engine's buffers: this request's connection holds its input buffer; a partial request head of 5 KB
            // holds a grown one (8 KiB) on each of these connections until they close
            assertTrue(text.contains("# TYPE lyger_native_buffer_bytes gauge\n"), text);
            long before = nativeBufferBytes(text);
            assertTrue(before > 0, text);
            int partials = 32;
            long held = partials * 8192L;
            byte[] head = ("GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + "p".repeat(5000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            List<Socket> sockets = new ArrayList<>();
            long rose;
            try
            {
                for (int i = 0; i < partials; i++)
                {
                    Socket socket = new Socket("127.0.0.1", server.connector.getLocalPort());
                    sockets.add(socket);
                    socket.getOutputStream().write(head);
                }
                // half of it as the margin for other connections' buffers changing meanwhile (those of the warm-up)
                rose = awaitNativeBufferBytes(server, bytes -> bytes >= before + held / 2);
                assertTrue(rose >= before + held / 2, "from " + before + " to " + rose + " with " + partials + " partial heads");
            }
            finally
            {
                for (Socket socket : sockets)
                    socket.close();
            }
            long after = awaitNativeBufferBytes(server, bytes -> bytes <= rose - held / 2);
            assertTrue(after <= rose - held / 2, "from " + rose + " to " + after + " once the partial heads' connections closed");
        }
    }

    private static long nativeBufferBytes(String metrics)
    {
        Matcher matcher = NATIVE_BUFFER_BYTES.matcher(metrics);
        assertTrue(matcher.find(), "no lyger_native_buffer_bytes: " + metrics);
        return Long.parseLong(matcher.group(1));
    }

    /** Reads the metrics until {@code until} holds for the engine's buffer bytes, or 10 s passed; returns the last value. */
    private static long awaitNativeBufferBytes(TestServer server, LongPredicate until) throws Exception
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true)
        {
            long bytes = nativeBufferBytes(server.get("/_lyger/metrics").body());
            if (until.test(bytes) || System.nanoTime() > deadline)
                return bytes;
            Thread.sleep(20);
        }
    }
}
