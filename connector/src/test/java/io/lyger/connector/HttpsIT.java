package io.lyger.connector;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS the Jetty way ({@code new LygerConnector(server, new SslConnectionFactory(...), new HttpConnectionFactory(httpsConfig))})
 * served by the native engine's TLS, with Jetty's own TLS (the forced fallback) as the control: java.net.http,
 * pipelining over an SSLSocket, openssl s_client (protocols, ALPN, resumption, client certificates), servlet
 * attributes as SecureRequestCustomizer gives them, and hostile input. Keys and certificates are made by keytool and
 * openssl for each run.
 */
class HttpsIT extends TlsFixture
{
    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void getAndChunkedPostWithJavaHttpClient(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, null))
        {
            HttpClient client = client();
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + r.port() + "/tls")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            String body = get.body();
            assertTrue(body.contains("secure=true\n"), body);
            assertTrue(body.contains("scheme=https\n"), body);
            assertTrue(body.contains("cipher=TLS_"), body);
            assertTrue(body.matches("(?s).*keysize=(128|256)\n.*"), body);
            assertTrue(body.contains("sessionid=true\n"), body);
            assertTrue(body.contains("client=none\n"), body);
            assertEquals("max-age=3600", get.headers().firstValue("Strict-Transport-Security").orElse(null));
            byte[] payload = new byte[300_000];
            for (int i = 0; i < payload.length; i++)
                payload[i] = (byte)(i * 31);
            // an InputStream publisher has no length: the body goes chunked
            HttpResponse<byte[]> post = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + r.port() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, post.statusCode());
            assertTrue(java.util.Arrays.equals(payload, post.body()), "echoed body differs");
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void pipeliningOverTls(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, null))
        {
            SSLContext context = sslContext();
            try (SSLSocket socket = (SSLSocket)context.getSocketFactory().createSocket("localhost", r.port()))
            {
                socket.setSoTimeout(20_000);
                StringBuilder requests = new StringBuilder();
                for (int i = 0; i < 20; i++)
                    requests.append("GET /tls?i=").append(i).append(" HTTP/1.1\r\nHost: localhost\r\n\r\n");
                requests.append("GET /tls HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
                String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertEquals(21, all.split("HTTP/1.1 200 OK", -1).length - 1, all);
            }
        }
    }

    /** A load balancer passing TLS through (HAProxy {@code mode tcp} with {@code send-proxy}): PROXY first, then TLS. */
    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void proxyProtocolHeaderBeforeTheHandshake(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, null, 30_000, true); Socket plain = new Socket("127.0.0.1", r.port()))
        {
            plain.getOutputStream().write("PROXY TCP4 192.0.2.7 198.51.100.9 40123 443\r\n".getBytes(StandardCharsets.US_ASCII));
            try (SSLSocket socket = (SSLSocket)sslContext().getSocketFactory().createSocket(plain, "localhost", r.port(), true))
            {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write("GET /address HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(response.startsWith("HTTP/1.1 200"), response);
                assertTrue(response.endsWith("remote=192.0.2.7:40123 local=198.51.100.9:443"), response);
            }
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void opensslProtocolsAlpnAndResumption(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, null))
        {
            String connect = "127.0.0.1:" + r.port();
            byte[] get = "GET /tls HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            String tls12 = run(get, 30, "openssl", "s_client", "-connect", connect, "-servername", "localhost", "-tls1_2", "-alpn", "http/1.1", "-ign_eof");
            assertTrue(tls12.contains("Protocol  : TLSv1.2") || tls12.contains("Protocol: TLSv1.2"), tls12);
            // the engine answers ALPN with http/1.1; Jetty only with an ALPNServerConnectionFactory (not configured here)
            if (nativeTls)
                assertTrue(tls12.contains("ALPN protocol: http/1.1"), tls12);
            assertTrue(tls12.contains("HTTP/1.1 200 OK"), tls12);
            String tls13 = run(get, 30, "openssl", "s_client", "-connect", connect, "-servername", "localhost", "-tls1_3", "-alpn", "http/1.1", "-ign_eof");
            assertTrue(tls13.contains("TLSv1.3"), tls13);
            assertTrue(tls13.contains("HTTP/1.1 200 OK"), tls13);
            // SNI picks the certificate by name (Jetty's key manager, the control, serves CN=localhost here: not compared)
            String other = run(get, 30, "openssl", "s_client", "-connect", connect, "-servername", "other.test", "-ign_eof");
            if (nativeTls)
                assertTrue(other.contains("CN = other.test") || other.contains("CN=other.test"), other);
            if (nativeTls)
            {
                String rsa = run(get, 30, "openssl", "s_client", "-connect", connect, "-servername", "rsa.test", "-ign_eof");
                assertTrue(rsa.contains("CN = rsa.test") || rsa.contains("CN=rsa.test"), rsa);
                assertTrue(rsa.contains("Server public key is 2048 bit"), rsa);
            }
            // TLS 1.2 resumption from a saved session
            Path session = dir.resolve("session-" + nativeTls);
            run(get, 30, "openssl", "s_client", "-connect", connect, "-servername", "localhost", "-tls1_2", "-sess_out", session.toString(), "-ign_eof");
            String resumed = run(get, 30, "openssl", "s_client", "-connect", connect, "-servername", "localhost", "-tls1_2", "-sess_in", session.toString(), "-ign_eof");
            // (JSSE, the control, did not resume openssl's saved TLS 1.2 session here: not compared)
            if (nativeTls)
                assertTrue(resumed.contains("Reused, TLSv1.2"), resumed);
            assertTrue(resumed.contains("HTTP/1.1 200 OK"), resumed);
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void clientCertificatesNeeded(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, "need"))
        {
            String connect = "127.0.0.1:" + r.port();
            byte[] get = "GET /tls HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            String trusted = run(get, 30, "openssl", "s_client", "-connect", connect, "-servername", "localhost", "-cert", clientCert.toString(),
                "-key", clientKey.toString(), "-ign_eof");
            assertTrue(trusted.contains("HTTP/1.1 200 OK"), trusted);
            assertTrue(trusted.contains("client=CN=client"), trusted);
            String stranger = run(get, 30, "openssl", "s_client", "-connect", connect, "-servername", "localhost", "-cert", strangerCert.toString(),
                "-key", strangerKey.toString(), "-ign_eof");
            assertFalse(stranger.contains("HTTP/1.1 200 OK"), stranger);
            String none = run(get, 30, "openssl", "s_client", "-connect", connect, "-servername", "localhost", "-ign_eof");
            assertFalse(none.contains("HTTP/1.1 200 OK"), none);
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void clientCertificatesWanted(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, "want"))
        {
            String connect = "127.0.0.1:" + r.port();
            byte[] get = "GET /tls HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            String none = run(get, 30, "openssl", "s_client", "-connect", connect, "-servername", "localhost", "-ign_eof");
            assertTrue(none.contains("HTTP/1.1 200 OK"), none);
            assertTrue(none.contains("client=none"), none);
            String trusted = run(get, 30, "openssl", "s_client", "-connect", connect, "-servername", "localhost", "-cert", clientCert.toString(),
                "-key", clientKey.toString(), "-ign_eof");
            assertTrue(trusted.contains("client=CN=client"), trusted);
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void curlNegotiatesHttp11(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, null))
        {
            String out = run(null, 30, "curl", "-v", "--http1.1", "--cacert", dir.resolve("server.pem").toString(),
                "--resolve", "localhost:" + r.port() + ":127.0.0.1", "https://localhost:" + r.port() + "/tls");
            assertTrue(out.contains("secure=true"), out);
            assertTrue(out.contains("ALPN: offers http/1.1"), out);
            // the engine answers ALPN; Jetty's TLS without an ALPNServerConnectionFactory does not
            if (nativeTls)
                assertTrue(out.contains("ALPN: server accepted http/1.1"), out);
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void webSocketOverTls(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, null))
        {
            java.util.concurrent.CompletableFuture<String> echoed = new java.util.concurrent.CompletableFuture<>();
            java.net.http.WebSocket ws = client().newWebSocketBuilder()
                .buildAsync(URI.create("wss://localhost:" + r.port() + "/ws"), new java.net.http.WebSocket.Listener()
                {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last)
                    {
                        echoed.complete(data.toString());
                        return null;
                    }
                }).get(20, TimeUnit.SECONDS);
            ws.sendText("hello over tls", true).get(20, TimeUnit.SECONDS);
            assertEquals("hello over tls", echoed.get(20, TimeUnit.SECONDS));
            ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void sniHostCheckRefusesAHostTheCertificateDoesNotName() throws Exception
    {
        // native only: Jetty's key manager, the control, serves the localhost certificate for SNI other.test
        try (Running r = start(true, null))
        {
            byte[] get = "GET /tls HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            String out = run(get, 30, "openssl", "s_client", "-connect", "127.0.0.1:" + r.port(), "-servername", "other.test", "-ign_eof");
            assertTrue(out.contains("HTTP/1.1 400 "), out);
            assertTrue(out.contains("Invalid SNI"), out);
        }
    }

    @Test
    void anOptionTheEngineCannotHonourFailsTheStart() throws Exception
    {
        Server server = new Server();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.toString());
        ssl.setKeyStorePassword(PASSWORD);
        ssl.setIncludeCipherSuites("TLS_RSA_WITH_AES_128_CBC_SHA");
        LygerConnector connector = new LygerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory());
        connector.setPort(0);
        server.addConnector(connector);
        try
        {
            IllegalStateException x = assertThrows(IllegalStateException.class, server::start);
            assertTrue(x.getMessage().contains("includeCipherSuites TLS_RSA_WITH_AES_128_CBC_SHA"), x.getMessage());
            assertFalse(x.getMessage().contains("\n"));
        }
        finally
        {
            server.stop();
        }
    }
}
