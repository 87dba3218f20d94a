package io.lyger.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Header lines and targets that repeat, or differ by one byte in the middle, arrive exactly as sent: the native
 * decoder reuses fields and targets it decoded before (DecodeCache), and a near miss must never be taken for a hit.
 */
class RepeatedHeadersIT
{
    @BothConnectors
    void nearlyEqualHeadersAndTargetsAreNotConfused(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            for (int round = 0; round < 3; round++)
            {
                for (int i = 0; i < 10; i++)
                {
                    // same length, same first and last 8 bytes: only the middle differs
                    String token = "abcdefgh-" + i + "-stuvwxyz";
                    String query = "aaaaaaaa" + i + "zzzzzzzz";
                    RawResponse response = client.send("GET /headers?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "X-Token: " + token + "\r\nUser-Agent: repeated-headers-it\r\nAccept: */*\r\n\r\n").read();
                    assertEquals(200, response.status(), response.toString());
                    String body = response.bodyText();
                    assertTrue(body.contains("query: " + query + "\n"), body);
                    assertTrue(body.contains("X-Token: " + token + "\n"), body);
                    assertTrue(body.contains("User-Agent: repeated-headers-it\n"), body);
                }
            }
            // the same value under another name, and a name whose value changes, on the same connection
            RawResponse swapped = client.send("GET /headers HTTP/1.1\r\nHost: localhost\r\nX-Other: abcdefgh-1-stuvwxyz\r\n"
                + "X-Token: abcdefgh-1-stuvwxyy\r\n\r\n").read();
            String body = swapped.bodyText();
            assertTrue(body.contains("X-Other: abcdefgh-1-stuvwxyz\n"), body);
            assertTrue(body.contains("X-Token: abcdefgh-1-stuvwxyy\n"), body);
        }
    }
}
