package io.lyger.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Persistent connections: HTTP/1.1 keeps them, HTTP/1.0 and Connection: close end them after the response. */
class KeepAliveIT
{
    @BothConnectors
    void severalRequestsOnOneConnection(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            for (int i = 0; i < 10; i++)
            {
                RawResponse response = client.send("GET /hello?id=" + i + " HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
                assertEquals(200, response.status(), response.toString());
                assertEquals("HTTP/1.1", response.version());
                assertEquals("Hello " + i, response.bodyText());
                assertFalse(response.hasConnectionToken("close"), response.toString());
            }
            // Still open: no EOF while idle, and one more request is served.
            assertFalse(client.awaitClosed(300), "server closed a keep-alive connection");
            RawResponse last = client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello").read();
            assertEquals(200, last.status());
            assertEquals("hello", last.bodyText());
        }
    }

    /**
     * A connection's requests share its Jetty-side objects, as with Jetty's HttpConnection: connection attributes
     * persist from one request to the next and the servlet layer's channel is reused; a new connection starts afresh.
     */
    @BothConnectors
    void requestsOnOneConnectionShareItsObjects(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind))
        {
            String channel;
            try (RawClient client = new RawClient(server.port()))
            {
                String[] first = client.send("GET /connection HTTP/1.1\r\nHost: localhost\r\n\r\n").read().bodyText().split(" ");
                assertEquals("1", first[0]);
                channel = first[1];
                for (int i = 2; i <= 5; i++)
                {
                    String[] next = client.send("GET /connection HTTP/1.1\r\nHost: localhost\r\n\r\n").read().bodyText().split(" ");
                    assertEquals(Integer.toString(i), next[0], "connection attribute lost between requests");
                    assertEquals(channel, next[1], "servlet channel not reused on the connection");
                }
                // pipelined: the next request comes from the engine as the previous one completes
                client.send("GET /connection HTTP/1.1\r\nHost: localhost\r\n\r\nGET /connection HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertEquals("6", client.read().bodyText().split(" ")[0]);
                assertEquals("7", client.read().bodyText().split(" ")[0]);
            }
            try (RawClient other = new RawClient(server.port()))
            {
                String[] fresh = other.send("GET /connection HTTP/1.1\r\nHost: localhost\r\n\r\n").read().bodyText().split(" ");
                assertEquals("1", fresh[0], "a new connection saw another connection's attributes");
            }
        }
    }

    /**
     * Each request of a connection has its own URI, whatever came before it on the connection (the native connector
     * parses its origin-form targets into one builder per connection): no query, path or authority carries over.
     */
    @BothConnectors
    void eachRequestOnAConnectionHasItsOwnUri(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            String first = client.send("GET /headers?a=1 HTTP/1.1\r\nHost: localhost\r\n\r\n").read().bodyText();
            assertTrue(first.contains("uri: /headers\n") && first.contains("query: a=1\n"), first);
            String second = client.send("GET /headers HTTP/1.1\r\nHost: localhost\r\n\r\n").read().bodyText();
            assertTrue(second.contains("uri: /headers\n") && second.contains("query: null\n"), second);
            String absolute = client.send("GET http://localhost/headers?b=2 HTTP/1.1\r\nHost: localhost\r\n\r\n").read().bodyText();
            assertTrue(absolute.contains("uri: /headers\n") && absolute.contains("query: b=2\n"), absolute);
            RawResponse other = client.send("GET /hello HTTP/1.1\r\nHost: otherhost:81\r\n\r\n").read();
            assertEquals("Hello, World!", other.bodyText(), other.toString());
            String last = client.send("GET /headers?c=3 HTTP/1.1\r\nHost: localhost\r\n\r\n").read().bodyText();
            assertTrue(last.contains("uri: /headers\n") && last.contains("query: c=3\n") && last.contains("Host: localhost\n"), last);
        }
    }

    @BothConnectors
    void http10WithoutKeepAliveCloses(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = client.send("GET /hello HTTP/1.0\r\n\r\n").read();
            assertEquals(200, response.status(), response.toString());
            assertEquals("Hello, World!", response.bodyText());
            assertFalse(response.hasConnectionToken("keep-alive"), response.toString());
            assertTrue(client.awaitClosed(5_000), "HTTP/1.0 connection without keep-alive not closed after the response");
        }
    }

    @BothConnectors
    void http10WithKeepAliveStaysOpen(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            for (int i = 0; i < 3; i++)
            {
                RawResponse response = client.send("GET /hello?id=" + i + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
                assertEquals(200, response.status(), response.toString());
                assertEquals("Hello " + i, response.bodyText());
                assertTrue(response.hasConnectionToken("keep-alive"), response.toString());
                assertTrue(response.header("Content-Length") != null, "HTTP/1.0 keep-alive response needs a Content-Length: " + response);
            }
            assertFalse(client.awaitClosed(300), "server closed an HTTP/1.0 keep-alive connection");
        }
    }

    @BothConnectors
    void requestConnectionCloseCloses(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse first = client.send("GET /hello?id=1 HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertEquals("Hello 1", first.bodyText());
            RawResponse response = client.send("GET /hello?id=2 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").read();
            assertEquals(200, response.status(), response.toString());
            assertEquals("Hello 2", response.bodyText());
            assertTrue(response.hasConnectionToken("close"), response.toString());
            assertTrue(client.awaitClosed(5_000), "connection not closed after a request with Connection: close");
        }
    }

    @BothConnectors
    void responseConnectionCloseCloses(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = client.send("GET /close HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertEquals(200, response.status(), response.toString());
            assertEquals("closing", response.bodyText());
            assertTrue(response.hasConnectionToken("close"), response.toString());
            assertNull(response.header("Transfer-Encoding"), response.toString());
            assertTrue(client.awaitClosed(5_000), "connection not closed after a response with Connection: close");
        }
    }
}
