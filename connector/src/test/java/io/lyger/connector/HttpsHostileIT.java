package io.lyger.connector;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input on an HTTPS port, on the native engine and on Jetty's TLS (the control): none may crash the server or
 * stall other clients. Plain HTTP and garbage instead of a ClientHello, a handshake that never ends, a TLS 1.2
 * renegotiation attempt, 2000 half-open handshakes while another client is served.
 */
class HttpsHostileIT extends TlsFixture
{
    private static void stillServes(Running r) throws Exception
    {
        HttpResponse<String> get = client().send(HttpRequest.newBuilder(URI.create("https://localhost:" + r.port() + "/tls")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void plainHttpAndGarbageOnTheTlsPortHarmNothing(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, null))
        {
            for (byte[] bad : new byte[][]{"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new byte[]{0x16, 3, 1, (byte)0xff, (byte)0xff, 9, 9, 9}})
            {
                try (Socket s = new Socket("127.0.0.1", r.port()))
                {
                    s.setSoTimeout(20_000);
                    s.getOutputStream().write(bad);
                    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertFalse(answer.contains("200 OK"), answer);
                }
            }
            stillServes(r);
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void aHandshakeThatNeverEndsIsClosed(boolean nativeTls) throws Exception
    {
        // the engine closes it at the header timeout (3 s), Jetty at the idle timeout (5 s)
        try (Running r = start(nativeTls, null, 5000);
             Socket silent = new Socket("127.0.0.1", r.port());
             Socket half = new Socket("127.0.0.1", r.port()))
        {
            half.getOutputStream().write(new byte[]{0x16, 3, 1, 2, 0, 1});
            for (Socket s : List.of(silent, half))
            {
                s.setSoTimeout(30_000);
                long t0 = System.nanoTime();
                assertEquals(-1, drain(s.getInputStream()));
                assertTrue(System.nanoTime() - t0 < 29_000_000_000L);
            }
            stillServes(r);
        }
    }

    /** Reads to the end (alerts included); -1 once closed. */
    private static int drain(InputStream in) throws IOException
    {
        try
        {
            while (in.read() >= 0)
            {
                // an alert, then the close
            }
            return -1;
        }
        catch (java.net.SocketException reset)
        {
            return -1;
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void renegotiationAttemptHarmsNothing(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, null))
        {
            // s_client's interactive "R" renegotiates (TLS 1.2); the engine refuses (no_renegotiation), JSSE allows it
            String out = run("R\n".getBytes(StandardCharsets.US_ASCII), 30, "openssl", "s_client", "-connect", "127.0.0.1:" + r.port(),
                "-servername", "localhost", "-tls1_2");
            assertTrue(out.contains("RENEGOTIATING"), out);
            stillServes(r);
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void twoThousandHalfOpenHandshakesDoNotStallOthers(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, null))
        {
            List<Socket> open = new ArrayList<>();
            try
            {
                for (int i = 0; i < 2000; i++)
                {
                    Socket s = new Socket("127.0.0.1", r.port());
                    open.add(s);
                    // half of them start a ClientHello and stop
                    if (i % 2 == 0)
                        s.getOutputStream().write(new byte[]{0x16, 3, 1, 2, 0, 1, 0, 1, (byte)0xfc, 3, 3});
                }
                stillServes(r);
            }
            finally
            {
                for (Socket s : open)
                    s.close();
            }
            stillServes(r);
        }
    }
}
