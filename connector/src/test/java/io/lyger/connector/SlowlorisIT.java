package io.lyger.connector;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that sends its request head one byte per second is disconnected. NATIVE: LygerConnector's header timeout
 * (1 s; the idle timeout stays at its 30 s default, so only the header timeout can act). JETTY has no header timeout:
 * its idle timeout does it, set to 700 ms because every received byte resets it and one arrives every 1,000 ms.
 */
class SlowlorisIT
{
    private static final int MAX_SECONDS = 8;

    @BothConnectors
    void oneHeaderBytePerSecondIsDisconnected(ConnectorKind kind) throws Exception
    {
        TestServer.Options options = TestServer.options(kind);
        if (kind == ConnectorKind.NATIVE)
            options.headerTimeout(1_000);
        else
            options.idleTimeout(700);
        try (TestServer server = options.start())
        {
            byte[] head = "GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Slow: abcdefghijklmnopqrstuvwxyz\r\n\r\n".getBytes();
            int sent = 0;
            boolean disconnected = false;
            try (RawClient client = new RawClient(server.port()))
            {
                while (sent < MAX_SECONDS && !disconnected)
                {
                    try
                    {
                        client.send(new byte[]{head[sent]});
                        sent++;
                    }
                    catch (IOException x)
                    {
                        disconnected = true; // reset by the server
                        break;
                    }
                    int ready = client.poll(1_000);
                    if (ready > 0)
                    {
                        // An answer before the head is complete can only be the timeout's 408.
                        RawResponse response = client.read();
                        assertEquals(408, response.status(), response.toString());
                        assertTrue(client.awaitClosed(2_000), "connection not closed after 408");
                        disconnected = true;
                    }
                    else if (ready < 0)
                    {
                        disconnected = true;
                    }
                }
            }
            assertTrue(disconnected, "a client sending one header byte per second was still connected after " + sent + " s");
            // Others are still served.
            try (RawClient client = new RawClient(server.port()))
            {
                assertEquals("Hello, World!", client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n").read().bodyText());
            }
        }
    }
}
