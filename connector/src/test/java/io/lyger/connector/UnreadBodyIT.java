package io.lyger.connector;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A response sent while the request body is still to come, and never read by the servlet (sendError before the
 * body). The server either keeps the connection, skipping the body when it arrives, or closes it and then says so
 * with {@code Connection: close} (RFC 9112 §9.6): a connection the response left persistent must serve the next
 * request. The native engine discards a body of up to 1 MiB (native-connector README); Jetty keeps or closes
 * depending on whether the body is there when it looks.
 */
class UnreadBodyIT
{
    private static final String NEXT = "GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n";

    /**
     * @param late what the client sends after the error response, before the next request
     */
    private static void errorBeforeTheBody(ConnectorKind kind, String head, String late) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse error = client.send(head).read();
            assertEquals(409, error.status(), error.toString());
            if (error.hasConnectionToken("close"))
            {
                assertTrue(kind == ConnectorKind.JETTY, "the native engine discards a small body: " + error);
                assertTrue(client.awaitClosed(5_000), "announced, not closed");
                return;
            }
            Thread.sleep(300);
            RawResponse next = client.send(late + NEXT).read();
            assertEquals(200, next.status(), next.toString());
            assertEquals("Hello, World!", next.bodyText());
            assertFalse(client.awaitClosed(300), "closed after the next request");
        }
    }

    @BothConnectors
    void lateContentLengthBodyIsSkippedOrTheCloseAnnounced(ConnectorKind kind) throws Exception
    {
        errorBeforeTheBody(kind, "POST /unread HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n\r\n", "late");
    }

    @BothConnectors
    void partlyArrivedBodyIsSkippedOrTheCloseAnnounced(ConnectorKind kind) throws Exception
    {
        errorBeforeTheBody(kind, "POST /unread HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nearly", "-late");
    }

    @BothConnectors
    void lateChunkedBodyIsSkippedOrTheCloseAnnounced(ConnectorKind kind) throws Exception
    {
        errorBeforeTheBody(kind, "POST /unread HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nea",
            "rl\r\n4\r\nlate\r\n0\r\nX-Trailer: 1\r\n\r\n");
    }

    /** A body too large to wait for (4 MiB, none of it sent): the response announces the close. */
    @BothConnectors
    void largeUnreadBodyAnnouncesTheClose(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse error = client.send("POST /unread HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (4 << 20) + "\r\n\r\n").read();
            assertEquals(409, error.status(), error.toString());
            assertTrue(error.hasConnectionToken("close"), error.toString());
            assertTrue(client.awaitClosed(5_000), "announced, not closed");
        }
    }

    /** The whole body was there, pipelined with the next request: skipped, and the next request served at once. */
    @BothConnectors
    void arrivedBodyIsSkipped(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            byte[] body = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            client.send("POST /unread HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n" + new String(body, StandardCharsets.US_ASCII) + NEXT);
            RawResponse error = client.read();
            assertEquals(409, error.status(), error.toString());
            assertFalse(error.hasConnectionToken("close"), error.toString());
            assertEquals("Hello, World!", client.read().bodyText());
        }
    }
}
