package io.lyger.connector;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A client that goes away in the middle of its request body: the application's read fails with an IOException. */
class ClientDisconnectIT
{
    private static final int LENGTH = 100_000;

    @BothConnectors
    void closeInTheMiddleOfContentLengthBody(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind))
        {
            try (RawClient client = new RawClient(server.port()))
            {
                client.send("POST /disconnect HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + LENGTH + "\r\n\r\n");
                client.send(TestPattern.bytes(LENGTH / 2));
                awaitServletStarted(server);
            }
            Object outcome = server.disconnectServlet().outcome().get(10, TimeUnit.SECONDS);
            assertInstanceOf(IOException.class, outcome, "the servlet read the body without error: " + outcome);
        }
    }

    @BothConnectors
    void resetInTheMiddleOfContentLengthBody(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind))
        {
            try (RawClient client = new RawClient(server.port()))
            {
                client.send("POST /disconnect HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + LENGTH + "\r\n\r\n");
                client.send(TestPattern.bytes(LENGTH / 2));
                awaitServletStarted(server);
                client.socket().setSoLinger(true, 0); // close() sends RST instead of FIN
            }
            Object outcome = server.disconnectServlet().outcome().get(10, TimeUnit.SECONDS);
            assertInstanceOf(IOException.class, outcome, "the servlet read the body without error: " + outcome);
        }
    }

    @BothConnectors
    void closeInTheMiddleOfChunkedBody(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind))
        {
            try (RawClient client = new RawClient(server.port()))
            {
                client.send("POST /disconnect HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
                client.send("1000\r\n" + "d".repeat(0x1000) + "\r\n1000\r\n" + "d".repeat(0x800));
                awaitServletStarted(server);
            }
            Object outcome = server.disconnectServlet().outcome().get(10, TimeUnit.SECONDS);
            assertInstanceOf(IOException.class, outcome, "the servlet read the body without error: " + outcome);
        }
    }

    /** Waits until the request is in the servlet, so that the disconnect hits an application that is reading. */
    private static void awaitServletStarted(TestServer server) throws Exception
    {
        server.disconnectServlet().started().get(10, TimeUnit.SECONDS);
    }
}
