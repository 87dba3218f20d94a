package io.lyger.spring.boot;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.lyger.connector.LygerConnector;
import io.lyger.spring.boot.sample.GreetingController;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.lyger.spring.boot.StartFailures.assertStartFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The starter on a machine where the native engine loads: a Spring Boot application with no Lyger code is served by
 * LygerConnector's native engine, configured by the standard server.* properties and lyger.*.
 */
@ExtendWith(OutputCaptureExtension.class)
class LygerStarterIT
{
    @Test
    void nativeEngineServesControllerAndServlet(CapturedOutput output) throws Exception
    {
        try (RunningApp app = RunningApp.start("server.address=127.0.0.1", "lyger.require-native=true"))
        {
            LygerConnector connector = app.connector();
            assertTrue(connector.isNative(), "the native engine serves");
            assertEquals("127.0.0.1", connector.getHost(), "server.address");
            assertTrue(output.getOut().contains("Lyger native HTTP/1.1 engine listening on 127.0.0.1:" + app.port()), output.getOut());

            HttpResponse<String> hello = app.get("/hello");
            assertEquals(200, hello.statusCode());
            assertEquals("Hello from Spring", hello.body());
            HttpResponse<String> plain = app.get("/plain");
            assertEquals(200, plain.statusCode());
            assertEquals("plain servlet", plain.body());
        }
    }

    @Test
    void serverAndLygerPropertiesReachTheConnector() throws Exception
    {
        try (RunningApp app = RunningApp.start(
            "server.max-http-request-header-size=2KB",
            "server.jetty.connection-idle-timeout=7s",
            "server.jetty.threads.max=42",
            "lyger.pollers=3",
            "lyger.header-timeout=5s",
            "lyger.max-request-body-size=1KB",
            "lyger.accept-queue-size=64"))
        {
            LygerConnector connector = app.connector();
            assertTrue(connector.isNative());
            assertEquals(2048, connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().getRequestHeaderSize());
            assertEquals(7000, connector.getIdleTimeout());
            assertEquals(42, ((QueuedThreadPool)app.server().getThreadPool()).getMaxThreads());
            assertSame(app.server().getThreadPool(), connector.getExecutor(), "requests run on Spring's configured pool");
            assertEquals(3, connector.getPollers());
            assertEquals(5000, connector.getHeaderTimeout());
            assertEquals(1024, connector.getMaxRequestBodySize());
            assertEquals(64, connector.getAcceptQueueSize());

            HttpResponse<String> small = app.get("/hello");
            assertEquals(200, small.statusCode());
            HttpResponse<String> big = RunningApp.CLIENT.send(HttpRequest.newBuilder(app.uri("/hello"))
                .header("X-Big", "x".repeat(4096)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(431, big.statusCode(), "above server.max-http-request-header-size");

            HttpResponse<String> smallBody = RunningApp.CLIENT.send(HttpRequest.newBuilder(app.uri("/length"))
                .POST(HttpRequest.BodyPublishers.ofString("y".repeat(1000))).header("Content-Type", "application/octet-stream").build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals("1000", smallBody.body());
            HttpResponse<String> bigBody = RunningApp.CLIENT.send(HttpRequest.newBuilder(app.uri("/length"))
                .POST(HttpRequest.BodyPublishers.ofString("y".repeat(4096))).header("Content-Type", "application/octet-stream").build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(413, bigBody.statusCode(), "above lyger.max-request-body-size");
        }
    }

    @Test
    void jettyConnectorWhenAsked(CapturedOutput output) throws Exception
    {
        try (RunningApp app = RunningApp.start("lyger.connector=jetty"))
        {
            assertFalse(app.connector().isNative());
            assertTrue(output.getOut().contains("fallback forced by configuration"), output.getOut());
            assertEquals("Hello from Spring", app.get("/hello").body());
            assertEquals("plain servlet", app.get("/plain").body());
        }
    }

    @Test
    void settingsOnlyServerConnectorHasFailTheStartInOneLine(CapturedOutput output)
    {
        String line = assertStartFails("server.jetty.threads.selectors=2", "server.jetty.threads.selectors=2");
        assertTrue(output.getOut().contains(line), "Spring's failure report shows the line: " + output.getOut());
        assertStartFails("server.jetty.max-connections=10", "server.jetty.max-connections=10");
        assertStartFails("server.jetty.max-connections=10", "server.jetty.max-connections=10", "lyger.connector=jetty");
        assertStartFails("server.http2.enabled=true", "server.http2.enabled=true");
    }

    @Test
    void h2cIsServedByJettysConnectorWhenAsked() throws Exception
    {
        try (RunningApp app = RunningApp.start("server.http2.enabled=true", "lyger.connector=jetty"))
        {
            assertFalse(app.connector().isNative());
            assertEquals("Hello from Spring", app.get("/hello").body());
        }
    }

    @Test
    void forwardedHeadersReachTheApplication() throws Exception
    {
        try (RunningApp app = RunningApp.start("server.forward-headers-strategy=native"))
        {
            assertTrue(app.connector().isNative());
            HttpResponse<String> response = RunningApp.CLIENT.send(HttpRequest.newBuilder(app.uri("/whoami"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.9").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("https 203.0.113.9", response.body());
        }
    }

    @Test
    void requireNativeContradictsJettyConnector()
    {
        assertStartFails("lyger.require-native", "lyger.require-native=true", "lyger.connector=jetty");
    }

    @Test
    void badLygerValueFailsTheStart()
    {
        Throwable failure = assertThrows(Throwable.class, () -> RunningApp.start("lyger.connector=fast").close());
        Throwable cause = failure;
        while (cause != null && !String.valueOf(cause.getMessage()).contains("'lyger.connector'"))
            cause = cause.getCause();
        assertNotNull(cause, "Spring's binding failure names lyger.connector: " + failure);
    }

    @Test
    void gracefulShutdownLetsARequestInFlightFinish() throws Exception
    {
        RunningApp app = RunningApp.start("server.shutdown=graceful", "spring.lifecycle.timeout-per-shutdown-phase=60s");
        try
        {
            LygerConnector connector = app.connector();
            assertTrue(connector.isNative());
            CompletableFuture<HttpResponse<String>> inFlight = RunningApp.CLIENT.sendAsync(
                HttpRequest.newBuilder(app.uri("/slow?ms=3000")).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(GreetingController.SLOW_STARTED.await(60, TimeUnit.SECONDS), "the slow request reached the controller");
            assertEquals(1, connector.getRequestsInFlight(), "the slow request is in flight");

            app.close();

            HttpResponse<String> response = inFlight.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("slow done", response.body());
        }
        finally
        {
            app.close();
        }
    }
}
