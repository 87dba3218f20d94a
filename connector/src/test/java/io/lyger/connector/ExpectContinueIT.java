package io.lyger.connector;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expect: 100-continue: the server asks for the body (when the application reads it) before it is sent. */
class ExpectContinueIT
{
    @BothConnectors
    void bodySentAfter100Continue(ConnectorKind kind) throws Exception
    {
        byte[] body = "the body, sent only after 100 Continue".getBytes(StandardCharsets.US_ASCII);
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            client.send("POST /sha256 HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n");
            // Nothing of the body is sent until the interim response arrives (RawClient times out after 10 s).
            RawResponse interim = client.read();
            assertEquals(100, interim.status(), "expected 100 Continue first: " + interim);
            assertEquals("HTTP/1.1", interim.version());
            client.send(body);
            RawResponse response = client.read();
            assertEquals(200, response.status(), response.toString());
            assertEquals(ChunkedIT.sha256Line(body), response.bodyText());
            // The connection goes on normally.
            assertEquals("Hello, World!", client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n").read().bodyText());
        }
    }

    @BothConnectors
    void chunkedBodySentAfter100Continue(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n");
            RawResponse interim = client.read();
            assertEquals(100, interim.status(), "expected 100 Continue first: " + interim);
            client.send("6\r\nchunk1\r\n6\r\nchunk2\r\n0\r\n\r\n");
            RawResponse response = client.read();
            assertEquals(200, response.status(), response.toString());
            assertEquals("chunk1chunk2", response.bodyText());
        }
    }

    @BothConnectors
    void httpClientExpectContinue(ConnectorKind kind) throws Exception
    {
        byte[] body = TestPattern.bytes(100_000);
        try (TestServer server = TestServer.start(kind))
        {
            HttpClient client = HttpClients.http11();
            HttpRequest request = HttpRequest.newBuilder(server.uri("/sha256"))
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(ChunkedIT.sha256Line(body), response.body());
        }
    }
}
