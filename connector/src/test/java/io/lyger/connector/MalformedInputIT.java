package io.lyger.connector;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed or oversized requests, each on its own raw socket while a well-behaved HttpClient loop runs beside it
 * ({@link BackgroundTraffic}: it must get correct 200s throughout). Every malformed request is answered with the
 * status below and its connection is then closed. The JETTY control answers exactly these statuses (checked against
 * Jetty 12.1.7), so each case asserts a single status; only the chunked body over the limit accepts two outcomes.
 */
class MalformedInputIT
{
    /** Jetty's default (and LygerConnector's) request header size: bounds the request line and the header section. */
    private static final int HEADER_LIMIT = TestServer.httpConfiguration().getRequestHeaderSize();

    @BothConnectors
    void badRequestLine(ConnectorKind kind) throws Exception
    {
        assertRejected(kind, Set.of(400),
            "GET /hello HTTP/1.1 trailing-garbage\r\nHost: localhost\r\n\r\n",
            "GET\r\nHost: localhost\r\n\r\n",
            "G\u0001T /hello HTTP/1.1\r\nHost: localhost\r\n\r\n",
            "GET /hel lo HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    @BothConnectors
    void badHeaderSyntax(ConnectorKind kind) throws Exception
    {
        assertRejected(kind, Set.of(400),
            "GET /hello HTTP/1.1\r\nHost: localhost\r\nBad Header: space in name\r\n\r\n",
            "GET /hello HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\n\r\n",
            "GET /hello HTTP/1.1\r\nHost: localhost\r\n: no-name\r\n\r\n");
    }

    @BothConnectors
    void missingHostOnHttp11(ConnectorKind kind) throws Exception
    {
        assertRejected(kind, Set.of(400), "GET /hello HTTP/1.1\r\nX-Other: x\r\n\r\n");
    }

    @BothConnectors
    void unsupportedVersion(ConnectorKind kind) throws Exception
    {
        // A well-formed version other than 1.0/1.1: 505 from the ABI's engine and from Jetty alike.
        assertRejected(kind, Set.of(505), "GET /hello HTTP/3.7\r\nHost: localhost\r\n\r\n");
    }

    @BothConnectors
    void contentLengthAndTransferEncoding(ConnectorKind kind) throws Exception
    {
        assertRejected(kind, Set.of(400), "POST /sha256 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n" +
            "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    }

    @BothConnectors
    void twoDifferentContentLengths(ConnectorKind kind) throws Exception
    {
        assertRejected(kind, Set.of(400), "POST /sha256 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
    }

    @BothConnectors
    void invalidContentLength(ConnectorKind kind) throws Exception
    {
        assertRejected(kind, Set.of(400),
            "POST /sha256 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5x\r\n\r\nhello",
            "POST /sha256 HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\nhello");
    }

    /**
     * Jetty notices a bad chunk size only while the servlet reads the body, after dispatch: its read fails, the
     * response is not committed yet, and Jetty answers 400 and closes. The engine rejects the framing the same way.
     */
    @BothConnectors
    void badChunkSize(ConnectorKind kind) throws Exception
    {
        assertRejected(kind, Set.of(400), "POST /sha256 HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nbroken\r\n0\r\n\r\n");
    }

    @BothConnectors
    void uriLongerThanHeaderLimit(ConnectorKind kind) throws Exception
    {
        assertRejected(kind, Set.of(414), "GET /hello?x=" + "a".repeat(HEADER_LIMIT + 1000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    @BothConnectors
    void headerSectionLargerThanLimit(ConnectorKind kind) throws Exception
    {
        StringBuilder request = new StringBuilder("GET /hello HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; request.length() < HEADER_LIMIT + 1000; i++)
            request.append("X-Filler-").append(i).append(": ").append("v".repeat(100)).append("\r\n");
        request.append("\r\n");
        assertRejected(kind, Set.of(431),
            request.toString(),
            // One header larger than the limit on its own.
            "GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(HEADER_LIMIT + 100) + "\r\n\r\n");
    }

    @BothConnectors
    void headersJustUnderLimitAreServed(ConnectorKind kind) throws Exception
    {
        // Control for the 431 above: a header section well within the limit is fine.
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            String request = "GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(HEADER_LIMIT - 1024) + "\r\n\r\n";
            RawResponse response = client.send(request).read();
            assertEquals(200, response.status(), response.toString());
        }
    }

    /** The body limit: LygerConnector.setMaxRequestBodySize for NATIVE, Jetty's SizeLimitHandler for JETTY. */
    @BothConnectors
    void contentLengthOverBodyLimit(ConnectorKind kind) throws Exception
    {
        int limit = 64 * 1024;
        try (TestServer server = TestServer.options(kind).maxRequestBodySize(limit).start();
             BackgroundTraffic traffic = new BackgroundTraffic(server))
        {
            traffic.awaitMore(3);
            try (RawClient client = new RawClient(server.port()))
            {
                // Only the head is sent: the answer must not depend on the body being uploaded.
                RawResponse response = client.send("POST /sha256 HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (limit + 1) + "\r\n\r\n").read();
                assertEquals(413, response.status(), "body over the limit, on " + server.connector() + ": " + response);
            }
            try (RawClient client = new RawClient(server.port()))
            {
                // At the limit: accepted.
                byte[] body = TestPattern.bytes(limit);
                client.send("POST /sha256 HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + limit + "\r\n\r\n").send(body);
                RawResponse response = client.read();
                assertEquals(200, response.status(), response.toString());
                assertEquals(ChunkedIT.sha256Line(body), response.bodyText());
            }
            traffic.awaitMore(3);
        }
    }

    /**
     * A chunked body that grows over the limit. The limit can only be noticed while reading, after the application
     * started: a 413 (the response is not committed yet here) or the connection closed without answer; never a 200.
     */
    @BothConnectors
    void chunkedBodyOverBodyLimit(ConnectorKind kind) throws Exception
    {
        int limit = 64 * 1024;
        try (TestServer server = TestServer.options(kind).maxRequestBodySize(limit).start();
             BackgroundTraffic traffic = new BackgroundTraffic(server);
             RawClient client = new RawClient(server.port()))
        {
            traffic.awaitMore(3);
            StringBuilder request = new StringBuilder("POST /sha256 HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "c".repeat(8 * 1024);
            for (int i = 0; i < 10; i++)
                request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            request.append("0\r\n\r\n");
            client.send(request.toString());
            if (client.poll(RawClient.READ_TIMEOUT_MS) > 0)
            {
                // Jetty answers 413 and, the rest of the body being already there, may keep the connection.
                RawResponse response = client.read();
                assertEquals(413, response.status(), "body over the limit, on " + server.connector() + ": " + response);
            }
            // else: closed without an answer, also acceptable
            traffic.awaitMore(3);
        }
    }

    /** Starts a server and the well-behaved client, sends each request on its own socket, checks each answer. */
    private static void assertRejected(ConnectorKind kind, Set<Integer> acceptable, String... requests) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             BackgroundTraffic traffic = new BackgroundTraffic(server))
        {
            traffic.awaitMore(3);
            for (String request : requests)
            {
                try (RawClient client = new RawClient(server.port()))
                {
                    client.send(request);
                    RawResponse response = client.read();
                    String shown = request.length() > 120 ? request.substring(0, 120) + "..." : request;
                    assertTrue(acceptable.contains(response.status()), "expected one of " + acceptable + " for " + shown.replace("\r\n", "\\r\\n") + " but got " + response);
                    assertNotEquals(200, response.status());
                    assertTrue(client.awaitClosed(5_000), "connection not closed after a " + response.status());
                }
                // Still serving the well-behaved client after the bad one.
                traffic.awaitMore(3);
            }
        }
    }
}
