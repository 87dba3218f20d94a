package io.lyger.connector;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP/1.1 pipelining: many requests in one write, responses in request order. */
class PipeliningIT
{
    private static final int REQUESTS = 100;

    @BothConnectors
    void hundredGetsInOneWrite(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < REQUESTS; i++)
                requests.append("GET /headers?i=").append(i).append(" HTTP/1.1\r\nHost: localhost\r\nX-Marker: m").append(i).append("\r\n\r\n");
            client.send(requests.toString());
            for (int i = 0; i < REQUESTS; i++)
            {
                RawResponse response = client.read();
                assertEquals(200, response.status(), "response " + i + ": " + response);
                String body = response.bodyText();
                assertTrue(body.contains("query: i=" + i + "\n"), "response " + i + " out of order: " + body);
                assertTrue(body.contains("X-Marker: m" + i + "\n"), "response " + i + " out of order: " + body);
            }
            assertFalse(client.awaitClosed(200), "connection closed after pipelined requests");
        }
    }

    @BothConnectors
    void pipelinedPostsWithBodies(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < 50; i++)
            {
                String body = "body-" + i + "-" + "x".repeat(i * 10);
                if (i % 2 == 0)
                {
                    requests.append("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: ").append(body.length()).append("\r\n\r\n").append(body);
                }
                else
                {
                    String hex = Integer.toHexString(body.length());
                    requests.append("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .append(hex).append("\r\n").append(body).append("\r\n0\r\n\r\n");
                }
                // A GET without a body between the POSTs.
                requests.append("GET /hello?id=g").append(i).append(" HTTP/1.1\r\nHost: localhost\r\n\r\n");
            }
            client.send(requests.toString().getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 50; i++)
            {
                RawResponse echo = client.read();
                assertEquals(200, echo.status(), echo.toString());
                assertEquals("body-" + i + "-" + "x".repeat(i * 10), echo.bodyText());
                RawResponse hello = client.read();
                assertEquals("Hello g" + i, hello.bodyText());
            }
        }
    }
}
