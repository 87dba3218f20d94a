package io.lyger.connector;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the native engine is available, LygerConnector must actually serve through it (not the fallback). */
class NativeEngineIT
{
    @Test
    void nativeEngineServesWhenAvailable() throws Exception
    {
        Assumptions.assumeTrue(NativeEngine.isAvailable(), () -> "native engine not available: " + NativeEngine.unavailableReason());
        try (TestServer server = TestServer.start(ConnectorKind.NATIVE))
        {
            LygerConnector connector = (LygerConnector)server.connector();
            assertTrue(connector.isNative(), "native engine is available but LygerConnector serves through the fallback: " + connector);
            try (RawClient client = new RawClient(server.port()))
            {
                RawResponse response = client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
                assertEquals(200, response.status());
                assertEquals("Hello, World!", response.bodyText());
            }
        }
    }
}
