package io.lyger.connector;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transfer-Encoding: chunked in both directions, and close-delimited bodies on HTTP/1.0. */
class ChunkedIT
{
    private static final String CHUNKED_UPLOAD_WITH_TRAILER =
        "POST /sha256 HTTP/1.1\r\n" +
        "Host: localhost\r\n" +
        "Transfer-Encoding: chunked\r\n" +
        "Trailer: X-Checksum\r\n" +
        "\r\n" +
        "5\r\nhello\r\n" +
        "1;ext=value\r\n \r\n" +          // a chunk extension, to be ignored
        "A\r\nchunked wo\r\n" +
        "3\r\nrld\r\n" +
        "0\r\n" +
        "X-Checksum: abc123\r\n" +
        "\r\n";

    @BothConnectors
    void chunkedUploadWithTrailerIsReadCorrectly(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = client.send(CHUNKED_UPLOAD_WITH_TRAILER).read();
            assertEquals(200, response.status(), response.toString());
            assertEquals(sha256Line("hello chunked world".getBytes(StandardCharsets.US_ASCII)), response.bodyText());
            // The trailer is consumed as part of the request: the connection is usable for the next one.
            RawResponse next = client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertEquals("Hello, World!", next.bodyText());
        }
    }

    /** The servlet sees the trailer fields (Servlet 4+ getTrailerFields), as it does on Jetty. */
    @BothConnectors
    void chunkedUploadTrailerReachesServlet(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = client.send(CHUNKED_UPLOAD_WITH_TRAILER).read();
            assertEquals(200, response.status(), response.toString());
            assertEquals("x-checksum=abc123", response.header("X-Request-Trailers"), "trailer fields seen by the servlet: " + response);
        }
    }

    @BothConnectors
    void chunkedUploadThroughHttpClient(ConnectorKind kind) throws Exception
    {
        byte[] body = TestPattern.bytes(3 * 1024 * 1024 + 17);
        try (TestServer server = TestServer.start(kind))
        {
            HttpClient client = HttpClients.http11();
            // ofInputStream: unknown length, so the client sends it chunked.
            HttpRequest request = HttpRequest.newBuilder(server.uri("/sha256"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(sha256Line(body), response.body());
        }
    }

    @BothConnectors
    void unknownLengthResponseIsChunkedOnHttp11(ConnectorKind kind) throws Exception
    {
        int n = 200_000;
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = client.send("GET /bytes?n=" + n + "&chunked=true HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertEquals(200, response.status(), response.toString());
            assertTrue(response.chunked(), "expected Transfer-Encoding: chunked: " + response);
            assertNull(response.header("Content-Length"), response.toString());
            assertArrayEquals(TestPattern.bytes(n), response.body());
            // Chunked framing keeps the connection persistent.
            RawResponse next = client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertEquals("Hello, World!", next.bodyText());
        }
    }

    @BothConnectors
    void knownLengthResponseIsNotChunked(ConnectorKind kind) throws Exception
    {
        int n = 200_000;
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = client.send("GET /bytes?n=" + n + " HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertEquals(200, response.status(), response.toString());
            assertFalse(response.chunked(), response.toString());
            assertEquals(String.valueOf(n), response.header("Content-Length"));
            assertArrayEquals(TestPattern.bytes(n), response.body());
        }
    }

    @BothConnectors
    void unknownLengthResponseOnHttp10EndsWithClose(ConnectorKind kind) throws Exception
    {
        int n = 200_000;
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = client.send("GET /bytes?n=" + n + "&chunked=true HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertEquals(200, response.status(), response.toString());
            assertNull(response.header("Transfer-Encoding"), "no chunked encoding on HTTP/1.0: " + response);
            assertNull(response.header("Content-Length"), response.toString());
            // RawClient read the body to EOF: the close is what delimited it.
            assertArrayEquals(TestPattern.bytes(n), response.body());
            assertTrue(client.awaitClosed(1_000));
        }
    }

    @BothConnectors
    void chunkedEchoBothWays(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            StringBuilder request = new StringBuilder("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 20; i++)
            {
                String piece = "piece " + i + " " + "y".repeat(i * 37) + ";";
                expected.append(piece);
                request.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
            }
            request.append("0\r\n\r\n");
            RawResponse response = client.send(request.toString()).read();
            assertEquals(200, response.status(), response.toString());
            assertEquals(expected.toString(), response.bodyText());
        }
    }

    static String sha256Line(byte[] body)
    {
        return HexFormat.of().formatHex(Sha256Servlet.sha256().digest(body)) + " " + body.length;
    }
}
