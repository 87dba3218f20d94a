package io.lyger.connector;

import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PoolExhaustionIT} over TLS: the native engine's TLS connections wait for the same SENT and CONTENT events,
 * so every pool thread blocked in a TLS write or read must not stall them either. Native TLS, and Jetty's TLS (the
 * fallback) as the control.
 */
class HttpsPoolExhaustionIT extends TlsFixture
{
    @ParameterizedTest(name = "nativeTls={0}")
    @ValueSource(booleans = {true, false})
    void slowDownloadsFromABlockingServlet(boolean nativeTls) throws Exception
    {
        try (Running server = start(nativeTls, null, 30_000, false, PoolExhaustionIT.THREADS))
        {
            SSLSocketFactory tls = sslContext().getSocketFactory();
            PoolExhaustionIT.runClients(() -> PoolExhaustionIT.download(connect(tls, server.port())));
        }
    }

    @ParameterizedTest(name = "nativeTls={0}")
    @ValueSource(booleans = {true, false})
    void slowUploadsToABlockingServlet(boolean nativeTls) throws Exception
    {
        try (Running server = start(nativeTls, null, 30_000, false, PoolExhaustionIT.THREADS))
        {
            SSLSocketFactory tls = sslContext().getSocketFactory();
            PoolExhaustionIT.runClients(() -> PoolExhaustionIT.upload(connect(tls, server.port())));
        }
    }

    private static Socket connect(SSLSocketFactory tls, int port) throws Exception
    {
        Socket plain = PoolExhaustionIT.connect(port);
        SSLSocket socket = (SSLSocket)tls.createSocket(plain, "localhost", port, true);
        socket.startHandshake();
        return socket;
    }
}
