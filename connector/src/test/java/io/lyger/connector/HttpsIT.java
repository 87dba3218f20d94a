package io.lyger.connector;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
class HttpsIT
{
    private static final String PASSWORD = "changeit";
    private static Path dir;
    private static Path keyStore;
    private static Path trustStore;
    private static Path clientKey;
    private static Path clientCert;
    private static Path strangerKey;
    private static Path strangerCert;

    @BeforeAll
    static void makeKeys() throws Exception
    {
        dir = Files.createTempDirectory("lyger-https-it");
        keyStore = dir.resolve("keystore.p12");
        run("keytool", "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
            "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
            "-storepass", PASSWORD, "-keypass", PASSWORD);
        run("keytool", "-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp384r1", "-dname", "CN=other.test",
            "-ext", "SAN=dns:other.test", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
            "-storepass", PASSWORD, "-keypass", PASSWORD);
        clientKey = dir.resolve("client.key");
        clientCert = dir.resolve("client.pem");
        strangerKey = dir.resolve("stranger.key");
        strangerCert = dir.resolve("stranger.pem");
        for (Path[] kc : new Path[][]{{clientKey, clientCert}, {strangerKey, strangerCert}})
        {
            run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=" + kc[0].getFileName().toString().replace(".key", ""),
                // an end-entity certificate: webpki (the engine's verifier) refuses a CA certificate as a client's
                "-addext", "basicConstraints=critical,CA:FALSE", "-keyout", kc[0].toString(), "-out", kc[1].toString());
        }
        trustStore = dir.resolve("truststore.p12");
        run("keytool", "-importcert", "-noprompt", "-alias", "client", "-file", clientCert.toString(), "-storetype", "PKCS12",
            "-keystore", trustStore.toString(), "-storepass", PASSWORD);
    }

    @AfterAll
    static void removeKeys() throws IOException
    {
        try (var files = Files.walk(dir))
        {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private static String run(String... command) throws Exception
    {
        return run(null, 60, command);
    }

    /** Runs a command with `input` on its stdin; returns stdout and stderr together. */
    private static String run(byte[] input, int timeoutSeconds, String... command) throws Exception
    {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream())
        {
            if (input != null)
                in.write(input);
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out: " + List.of(command));
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** The attributes Jetty's SecureRequestCustomizer gives a servlet. */
    public static class TlsServlet extends HttpServlet
    {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            X509Certificate[] certs = (X509Certificate[])request.getAttribute("jakarta.servlet.request.X509Certificate");
            StringBuilder b = new StringBuilder()
                .append("secure=").append(request.isSecure()).append('\n')
                .append("scheme=").append(request.getScheme()).append('\n')
                .append("cipher=").append(request.getAttribute("jakarta.servlet.request.cipher_suite")).append('\n')
                .append("keysize=").append(request.getAttribute("jakarta.servlet.request.key_size")).append('\n')
                .append("sessionid=").append(request.getAttribute("jakarta.servlet.request.ssl_session_id") != null).append('\n')
                .append("client=").append(certs == null ? "none" : certs[0].getSubjectX500Principal().getName()).append('\n');
            byte[] body = request.getInputStream().readAllBytes();
            b.append("body=").append(body.length).append('\n');
            response.setContentType("text/plain");
            response.getWriter().print(b);
        }
    }

    private record Running(Server server, LygerConnector connector) implements AutoCloseable
    {
        int port()
        {
            return connector.getLocalPort();
        }

        @Override
        public void close() throws Exception
        {
            server.stop();
        }
    }

    private static Running start(boolean nativeTls, String clientAuth) throws Exception
    {
        Server server = new Server();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.toString());
        ssl.setKeyStorePassword(PASSWORD);
        if (clientAuth != null)
        {
            ssl.setTrustStorePath(trustStore.toString());
            ssl.setTrustStorePassword(PASSWORD);
            if (clientAuth.equals("need"))
                ssl.setNeedClientAuth(true);
            else
                ssl.setWantClientAuth(true);
        }
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(new SecureRequestCustomizer());
        LygerConnector connector = new LygerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        connector.setForceFallback(!nativeTls);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setHeaderTimeout(3000);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(TlsServlet.class, "/tls");
        context.addServlet(EchoServlet.class, "/echo");
        server.setHandler(context);
        server.start();
        assertEquals(nativeTls, connector.isNative());
        return new Running(server, connector);
    }

    private static HttpClient client() throws Exception
    {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore))
        {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

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
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore))
            {
                trust.load(in, PASSWORD.toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
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
    void plainHttpAndGarbageOnTheTlsPortHarmNothing(boolean nativeTls) throws Exception
    {
        try (Running r = start(nativeTls, null))
        {
            for (byte[] bad : new byte[][]{"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new byte[]{0x16, 3, 1, (byte)0xff, (byte)0xff, 9, 9, 9}})
            {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", r.port()))
                {
                    s.setSoTimeout(20_000);
                    s.getOutputStream().write(bad);
                    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertFalse(answer.contains("200 OK"), answer);
                }
            }
            HttpResponse<String> get = client().send(HttpRequest.newBuilder(URI.create("https://localhost:" + r.port() + "/tls")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
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
