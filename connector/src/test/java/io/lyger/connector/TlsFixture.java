package io.lyger.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTPS tests share: a keystore (two EC certificates, for {@code localhost} and {@code other.test}) made by
 * keytool, client certificates made by openssl (one in the truststore, one a stranger), a server with
 * {@code new LygerConnector(server, new SslConnectionFactory(...), new HttpConnectionFactory(httpsConfig))} on the
 * native engine or forced onto Jetty's TLS (the control), a trusting java.net.http client, and external commands.
 * The HTTPS test classes extend it: the keys are made once per class.
 */
abstract class TlsFixture
{
    static final String PASSWORD = "changeit";
    static Path dir;
    static Path keyStore;
    static Path trustStore;
    static Path clientKey;
    static Path clientCert;
    static Path strangerKey;
    static Path strangerCert;

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
        // an RSA key too: the engine takes RSA and EC keys (selected by SNI)
        run("keytool", "-genkeypair", "-alias", "rsa", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=rsa.test",
            "-ext", "SAN=dns:rsa.test", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
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
        // the server's localhost certificate as PEM, for curl's --cacert
        run("keytool", "-exportcert", "-rfc", "-alias", "localhost", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
            "-file", dir.resolve("server.pem").toString());
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

    static String run(String... command) throws Exception
    {
        return run(null, 60, command);
    }

    /** Runs a command with `input` on its stdin; returns stdout and stderr together. */
    static String run(byte[] input, int timeoutSeconds, String... command) throws Exception
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

    record Running(Server server, LygerConnector connector) implements AutoCloseable
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

    static Running start(boolean nativeTls, String clientAuth) throws Exception
    {
        return start(nativeTls, clientAuth, 30_000);
    }

    /** A server on 127.0.0.1 with {@code /tls} ({@link TlsServlet}), {@code /echo} and {@code /ws} (WebSocket echo); HSTS on. */
    static Running start(boolean nativeTls, String clientAuth, long idleTimeoutMs) throws Exception
    {
        return start(nativeTls, clientAuth, idleTimeoutMs, false);
    }

    /** As above, plus {@code /address} ({@link AddressServlet}); with {@code proxyProtocol} a PROXY header precedes TLS. */
    static Running start(boolean nativeTls, String clientAuth, long idleTimeoutMs, boolean proxyProtocol) throws Exception
    {
        return start(nativeTls, clientAuth, idleTimeoutMs, proxyProtocol, 0);
    }

    /** As above, on a QueuedThreadPool of at most {@code maxThreads} (Jetty's default when 0), with {@code /bytes} and {@code /sha256}. */
    static Running start(boolean nativeTls, String clientAuth, long idleTimeoutMs, boolean proxyProtocol, int maxThreads) throws Exception
    {
        Server server = maxThreads > 0 ? new Server(new QueuedThreadPool(maxThreads)) : new Server();
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
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setStsMaxAge(3600);
        https.addCustomizer(customizer);
        LygerConnector connector = new LygerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        connector.setForceFallback(!nativeTls);
        connector.setProxyProtocol(proxyProtocol);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setHeaderTimeout(3000);
        connector.setIdleTimeout(idleTimeoutMs);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(TlsServlet.class, "/tls");
        context.addServlet(EchoServlet.class, "/echo");
        context.addServlet(AddressServlet.class, "/address");
        context.addServlet(BytesServlet.class, "/bytes");
        context.addServlet(Sha256Servlet.class, "/sha256");
        JettyWebSocketServletContainerInitializer.configure(context, null);
        context.addServlet(TestServer.EchoWebSocketServlet.class, "/ws");
        server.setHandler(context);
        server.start();
        assertEquals(nativeTls, connector.isNative());
        return new Running(server, connector);
    }

    /** Trusts the keystore's certificates. */
    static SSLContext sslContext() throws Exception
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
        return context;
    }

    static HttpClient client() throws Exception
    {
        SSLContext context = sslContext();
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
