package io.lyger.connector;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: the inputs on which the native engine was more lenient than Jetty's HttpParser, each sent over a raw
 * socket to both connectors, which must give the same answer: the status (or none), whether anything after the bad
 * part is answered, and the connection closed at once. Each vector names the RFC clause that sides with Jetty. The
 * timeouts are set far beyond the client's read timeout, so an answer that waited for one of them fails.
 */
class StrictnessIT
{
    /** No status line: the connection closes without an answer. */
    private static final int NO_ANSWER = 0;
    private static final String CHUNKED = "POST /sha256 HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n";
    private static final String NEXT = "GET /status?code=223 HTTP/1.1\r\nHost: localhost\r\n\r\n";

    /**
     * One malformed input: what is sent, whether the client then half-closes, the expected status, the clause, and
     * whether Jetty may close without that answer (its connection does so when the EOF comes in the same read as the
     * bytes, although its parser answers 400 "Early EOF"; RFC 9112 8 allows either).
     */
    private record Vector(String clause, String request, boolean fin, int status, boolean jettyMayNotAnswer)
    {
        static Vector of(String clause, String request, int status)
        {
            return new Vector(clause, request, false, status, false);
        }

        static Vector withFin(String clause, String request, int status)
        {
            return new Vector(clause, request, true, status, false);
        }

        @Override
        public String toString()
        {
            String shown = request.length() > 100 ? request.substring(0, 100) + "..." : request;
            return clause + ": " + shown.replace("\r", "\\r").replace("\n", "\\n") + (fin ? " +FIN" : "");
        }
    }

    @BothConnectors
    void malformedTrailerSections(ConnectorKind kind) throws Exception
    {
        String clause = "RFC 9112 7.1.2 and 5.1, trailer field lines";
        assertAnswers(kind, List.of(
            Vector.of(clause, CHUNKED + "5\r\nhello\r\n0\r\nGET /status?code=224 HTTP/1.1\r\n\r\n" + NEXT, 400),
            Vector.of(clause, CHUNKED + "5\r\nhello\r\n0\r\nNoColon\r\n\r\n" + NEXT, 400),
            Vector.of(clause, CHUNKED + "5\r\nhello\r\n0\r\nBad Name: v\r\n\r\n" + NEXT, 400),
            Vector.of(clause, CHUNKED + "5\r\nhello\r\n0\r\nName : v\r\n\r\n" + NEXT, 400),
            Vector.of(clause, CHUNKED + "5\r\nhello\r\n0\r\nName: a\u0001b\r\n\r\n" + NEXT, 400)));
    }

    /** Jetty counts a trailer section against requestHeaderSize and answers 400 beyond it. */
    @BothConnectors
    void trailerSectionOverTheHeadLimit(ConnectorKind kind) throws Exception
    {
        int limit = TestServer.httpConfiguration().getRequestHeaderSize();
        assertAnswers(kind, List.of(Vector.of("RFC 9112 7.1.2 (limits are the server's), Jetty's requestHeaderSize",
            CHUNKED + "5\r\nhello\r\n0\r\nX-Big: " + "t".repeat(limit) + "\r\n\r\n" + NEXT, 400)));
        assertServed(kind, CHUNKED + "5\r\nhello\r\n0\r\nX-Big: " + "t".repeat(limit - 100) + "\r\n\r\n");
    }

    @BothConnectors
    void lastChunkWithoutFinalCrlf(ConnectorKind kind) throws Exception
    {
        assertAnswers(kind, List.of(Vector.of("RFC 9112 7.1, chunked-body ends with CRLF", CHUNKED + "5\r\nhello\r\n0\r\n" + NEXT, 400)));
    }

    @BothConnectors
    void headSizeLimitIsForTheWholeHead(ConnectorKind kind) throws Exception
    {
        int limit = TestServer.httpConfiguration().getRequestHeaderSize();
        String clause = "Jetty's requestHeaderSize (RFC 9112 3 and 5 leave the limits to the server; 431 is RFC 6585 5)";
        String pre = "GET /hello HTTP/1.1\r\nHost: localhost\r\nX: ";
        StringBuilder many = new StringBuilder("GET /hello HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 300; i++)
            many.append("X-").append(i).append(": y\r\n");
        many.append("\r\n");
        assertAnswers(kind, List.of(
            Vector.of(clause, "GET /hello?" + "a".repeat(6000) + " HTTP/1.1\r\nHost: localhost\r\nX: " + "b".repeat(6000) + "\r\n\r\n", 431),
            Vector.of(clause, pre + "v".repeat(limit + 1 - pre.length() - 4) + "\r\n\r\n", 431),
            Vector.of("RFC 9112 3 (414, RFC 9110 15.5.15)", "GET /hello?" + "a".repeat(limit + 100) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 414)));
        assertServed(kind, pre + "v".repeat(limit - pre.length() - 4) + "\r\n\r\n", many.toString());
    }

    @BothConnectors
    void invalidHostValues(ConnectorKind kind) throws Exception
    {
        String clause = "RFC 9110 7.2, Host = uri-host [ \":\" port ]";
        assertAnswers(kind, List.of("u:p@x", "x:abc", "a b", "x/y", "x:99999999").stream()
            .map(host -> Vector.of(clause, "GET /hello HTTP/1.1\r\nHost: " + host + "\r\n\r\n", 400))
            .toList());
    }

    @BothConnectors
    void targetNotInAnAllowedForm(ConnectorKind kind) throws Exception
    {
        assertAnswers(kind, List.of(Vector.of("RFC 9112 3.2, request-target forms", "GET plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n", 400)));
    }

    /** Rejected by Java (NativeHttpStream), not by the engine: the same 400 and close. */
    @BothConnectors
    void authorityNotTheHost(ConnectorKind kind) throws Exception
    {
        assertAnswers(kind, List.of(Vector.of("RFC 9112 3.2.2, absolute-form authority and Host",
            "GET http://other/hello HTTP/1.1\r\nHost: localhost\r\n\r\n" + NEXT, 400)));
    }

    @BothConnectors
    void chunkExtensions(ConnectorKind kind) throws Exception
    {
        String clause = "RFC 9112 7.1.1, chunk-ext grammar";
        assertAnswers(kind, List.of("5;a:b=1", "5;=x", "5;", "5;a=b c").stream()
            .map(size -> Vector.of(clause, CHUNKED + size + "\r\nhello\r\n0\r\n\r\n" + NEXT, 400))
            .toList());
        assertServed(kind, CHUNKED + "5 ; a = \"q s\" ;b\r\nhello\r\n0\r\n\r\n");
    }

    @BothConnectors
    void bareCr(ConnectorKind kind) throws Exception
    {
        String clause = "RFC 9112 2.2, bare CR";
        assertAnswers(kind, List.of(
            Vector.of(clause, "GET /hello HTTP/1.1\rHost: localhost\r\r", 400),
            Vector.of(clause, "GET /hello HTTP/1.1\r\nHost: localhost\rX: y\r\n\r\n", 400)));
    }

    @BothConnectors
    void halfClosedClients(ConnectorKind kind) throws Exception
    {
        assertAnswers(kind, List.of(
            Vector.withFin("RFC 9112 9.6, half-close after a request", "GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n", 200),
            new Vector("RFC 9112 8, incomplete request then the end of the connection", "GET /hello HTTP/1.1\r\nHost: loc", true, 400, true),
            Vector.withFin("RFC 9112 6.3 item 5, body cut by the end of the connection",
                "POST /sha256 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nhello", 400),
            Vector.withFin("RFC 9110 10.1.1, 100-continue then the end of the connection",
                "POST /sha256 HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n", 400)));
    }

    /** Sends each vector on its own connection; its answer must be the expected status, then the end of the connection. */
    private static void assertAnswers(ConnectorKind kind, List<Vector> vectors) throws Exception
    {
        try (TestServer server = TestServer.options(kind).idleTimeout(120_000).headerTimeout(120_000).start())
        {
            for (Vector vector : vectors)
            {
                try (RawClient client = new RawClient(server.port()))
                {
                    client.send(vector.request());
                    if (vector.fin())
                        client.socket().shutdownOutput();
                    int status = NO_ANSWER;
                    if (client.poll(RawClient.READ_TIMEOUT_MS) > 0)
                    {
                        RawResponse response = client.read();
                        if (response.status() == 100)
                            response = client.read();
                        status = response.status();
                        if (status >= 400)
                            assertFalse(response.bodyText().isEmpty(), "an error without a body, " + vector + " on " + kind);
                    }
                    if (!(vector.jettyMayNotAnswer() && kind == ConnectorKind.JETTY && status == NO_ANSWER))
                        assertEquals(vector.status(), status, vector + " on " + kind);
                    assertTrue(client.awaitClosed(RawClient.READ_TIMEOUT_MS), "still open after the answer: " + vector + " on " + kind);
                }
            }
        }
    }

    /** Controls: each request is served (200) on its own connection. */
    private static void assertServed(ConnectorKind kind, String... requests) throws Exception
    {
        try (TestServer server = TestServer.start(kind))
        {
            for (String request : requests)
            {
                try (RawClient client = new RawClient(server.port()))
                {
                    RawResponse response = client.send(request).read();
                    assertEquals(200, response.status(), request.substring(0, Math.min(80, request.length())) + " on " + kind);
                }
            }
        }
    }
}
