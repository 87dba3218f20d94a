package io.lyger.connector;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server.stop() with a stop timeout lets in-flight requests finish, and stops accepting connections at once. */
class GracefulStopIT
{
    private static final int IN_FLIGHT = 4;
    private static final int SLOW_MS = 1_500;

    @BothConnectors
    void inFlightRequestsCompleteAndNewConnectionsAreRefused(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind))
        {
            int port = server.port();
            HttpClient client = HttpClients.http11();
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++)
            {
                HttpRequest request = HttpRequest.newBuilder(server.uri("/slow?ms=" + SLOW_MS)).timeout(Duration.ofSeconds(20)).build();
                responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            // Wait until every request is inside the servlet.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.slowServlet().started() < IN_FLIGHT && System.nanoTime() < deadline)
                Thread.sleep(5);
            assertEquals(IN_FLIGHT, server.slowServlet().started(), "requests not in flight");

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() ->
            {
                try
                {
                    server.server().stop();
                }
                catch (Exception x)
                {
                    throw new RuntimeException(x);
                }
            });

            // While the stop waits for the requests, the listening socket is already closed.
            Thread.sleep(300);
            assertTrue(!stopped.isDone(), "stop() returned before the in-flight requests completed");
            assertThrows(ConnectException.class, () -> connect(port), "a new connection was accepted during the graceful stop");

            for (int i = 0; i < IN_FLIGHT; i++)
            {
                HttpResponse<String> response = responses.get(i).get(15, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), "in-flight request " + i);
                assertEquals("slept " + SLOW_MS, response.body(), "in-flight request " + i);
            }
            stopped.get(TestServer.STOP_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
            assertTrue(server.server().isStopped());
            assertThrows(ConnectException.class, () -> connect(port), "a new connection was accepted after stop");
        }
    }

    private static void connect(int port) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
    }
}
