package io.lyger.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** 64 concurrent keep-alive clients x 1,000 requests each: every response correct, none lost. */
class LoadIT
{
    private static final int CLIENTS = 64;
    private static final int REQUESTS = 1_000;

    @BothConnectors
    void concurrentKeepAliveClients(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind))
        {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try
            {
                List<Future<Integer>> results = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++)
                {
                    int clientId = c;
                    results.add(pool.submit(() -> runClient(server.port(), clientId)));
                }
                int total = 0;
                for (Future<Integer> result : results)
                    total += result.get(60, TimeUnit.SECONDS);
                assertEquals(CLIENTS * REQUESTS, total);
            }
            finally
            {
                pool.shutdownNow();
            }
        }
    }

    /** One client: a keep-alive connection, every 10th request a POST with a body; returns how many were correct. */
    private static int runClient(int port, int clientId) throws Exception
    {
        int ok = 0;
        try (RawClient client = new RawClient(port))
        {
            for (int i = 0; i < REQUESTS; i++)
            {
                String marker = clientId + "-" + i;
                RawResponse response;
                String expected;
                if (i % 10 == 9)
                {
                    expected = "payload " + marker;
                    response = client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + expected.length() + "\r\n\r\n" + expected).read();
                }
                else
                {
                    expected = "Hello " + marker;
                    response = client.send("GET /hello?id=" + marker + " HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
                }
                assertEquals(200, response.status(), "client " + clientId + " request " + i + ": " + response);
                assertEquals(expected, response.bodyText(), "client " + clientId + " request " + i);
                ok++;
            }
        }
        return ok;
    }
}
