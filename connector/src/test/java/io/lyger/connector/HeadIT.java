package io.lyger.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Responses without a body: HEAD, 204 and 304. Each is followed, in the same write, by a pipelined GET: if any body
 * byte were sent, the next response would not parse.
 */
class HeadIT
{
    private static final String NEXT = "GET /hello?id=next HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @BothConnectors
    void headHasContentLengthButNoBody(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse get = client.send("GET /bytes?n=1000 HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertEquals("1000", get.header("Content-Length"));
            assertEquals(1000, get.body().length);

            RawResponse head = client.send("HEAD /bytes?n=1000 HTTP/1.1\r\nHost: localhost\r\n\r\n" + NEXT).read(true);
            assertEquals(200, head.status(), head.toString());
            assertEquals("1000", head.header("Content-Length"), "HEAD must announce the GET's Content-Length: " + head);
            assertNextIsServed(client);
        }
    }

    @BothConnectors
    void headOfImplicitLengthMatchesGet(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse get = client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertEquals("Hello, World!", get.bodyText());
            RawResponse head = client.send("HEAD /hello HTTP/1.1\r\nHost: localhost\r\n\r\n" + NEXT).read(true);
            assertEquals(200, head.status(), head.toString());
            if (get.header("Content-Length") != null)
                assertEquals(get.header("Content-Length"), head.header("Content-Length"), "GET " + get + " HEAD " + head);
            assertNextIsServed(client);
        }
    }

    @BothConnectors
    void headOfUnknownLengthHasNoBody(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse head = client.send("HEAD /bytes?n=100000&chunked=true HTTP/1.1\r\nHost: localhost\r\n\r\n" + NEXT).read(true);
            assertEquals(200, head.status(), head.toString());
            assertNextIsServed(client);
        }
    }

    @BothConnectors
    void noContent204HasNoBody(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = client.send("GET /status?code=204 HTTP/1.1\r\nHost: localhost\r\n\r\n" + NEXT).read();
            assertEquals(204, response.status(), response.toString());
            assertNull(response.header("Transfer-Encoding"), response.toString());
            String length = response.header("Content-Length");
            if (length != null)
                assertEquals("0", length, response.toString());
            assertNextIsServed(client);
        }
    }

    @BothConnectors
    void notModified304HasNoBody(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = client.send("GET /status?code=304 HTTP/1.1\r\nHost: localhost\r\n\r\n" + NEXT).read();
            assertEquals(304, response.status(), response.toString());
            assertNull(response.header("Transfer-Encoding"), response.toString());
            assertNextIsServed(client);
        }
    }

    @BothConnectors
    void otherStatusesKeepTheirBody(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            for (int code : new int[]{201, 404, 418, 500, 503})
            {
                RawResponse response = client.send("GET /status?code=" + code + " HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
                assertEquals(code, response.status(), response.toString());
                assertEquals("status " + code, response.bodyText());
            }
        }
    }

    private static void assertNextIsServed(RawClient client) throws Exception
    {
        RawResponse next = client.read();
        assertEquals(200, next.status(), next.toString());
        assertEquals("Hello next", next.bodyText(), "a body-less response leaked bytes into the next one: " + next);
    }
}
