package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.lyger.warm.ReservedPathHandler;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** stop() is graceful: a request in flight when it is called still completes with 200. */
class GracefulStopIT
{
    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void inFlightRequestCompletesDuringStop(ConnectorKind kind) throws Exception
    {
        LygerServer server = Lyger.server()
            .war(TestSupport.sampleWar())
            .host("127.0.0.1")
            .port(0)
            .connector(kind)
            .stopAtShutdown(false)
            .start()
            .awaitReady();
        int port = server.port();
        try
        {
            CompletableFuture<HttpResponse<String>> slow = TestSupport.CLIENT.sendAsync(
                HttpRequest.newBuilder(server.uri().resolve("/slow?ms=1500")).build(), HttpResponse.BodyHandlers.ofString());

            // Stop only once the request is inside the web application.
            ReservedPathHandler graceful = server.jetty().getDescendant(ReservedPathHandler.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (graceful.getCurrentRequestCount() == 0)
            {
                assertFalse(slow.isDone(), "the slow request ended before stop(): " + (slow.isDone() ? slow.join().statusCode() : ""));
                assertTrue(System.nanoTime() - deadline < 0, "the slow request never reached the server");
                Thread.sleep(5);
            }

            server.stop();

            HttpResponse<String> response = slow.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("slept 1500 ms\n", response.body());
            assertFalse(server.isRunning());
            assertThrows(IOException.class, () ->
            {
                try (Socket socket = new Socket())
                {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                }
            }, "nothing listens after stop()");
        }
        finally
        {
            server.stop();
        }
    }
}
