package io.lyger.spring.boot;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.lyger.connector.LygerConnector;
import io.lyger.connector.NativeEngine;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.lyger.spring.boot.StartFailures.assertStartFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * server.ssl.* and SSL bundles: the HTTPS listener is a LygerConnector given Spring's SslConnectionFactory, as
 * LygerConnector takes HTTPS. The native engine serves it when it terminates TLS (NativeEngine.tlsUnavailableReason()
 * is null); until then Jetty's TLS does, with one line giving that reason. Either way HTTPS serves the application,
 * and lyger.connector=jetty (Jetty's TLS ServerConnector) is the control.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpsIT
{
    private static final String PASSWORD = "lyger-test";

    @TempDir
    static Path dir;
    static Path keystore;

    @BeforeAll
    static void keystore() throws Exception
    {
        keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
            "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(120, TimeUnit.SECONDS), "keytool ends");
        assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes()));
    }

    @Test
    void serverSslProperties(CapturedOutput output) throws Exception
    {
        try (RunningApp app = RunningApp.start("server.ssl.key-store=file:" + keystore, "server.ssl.key-store-password=" + PASSWORD,
            "server.ssl.key-store-type=PKCS12"))
        {
            assertServedOverHttps(app, output, true);
        }
    }

    @Test
    void sslBundle(CapturedOutput output) throws Exception
    {
        try (RunningApp app = RunningApp.start("spring.ssl.bundle.jks.web.keystore.location=file:" + keystore,
            "spring.ssl.bundle.jks.web.keystore.password=" + PASSWORD, "spring.ssl.bundle.jks.web.keystore.type=PKCS12",
            "server.ssl.bundle=web"))
        {
            assertServedOverHttps(app, output, true);
        }
    }

    @Test
    void jettyConnectorIsTheControl(CapturedOutput output) throws Exception
    {
        try (RunningApp app = RunningApp.start("lyger.connector=jetty", "server.ssl.key-store=file:" + keystore,
            "server.ssl.key-store-password=" + PASSWORD, "server.ssl.key-store-type=PKCS12"))
        {
            assertServedOverHttps(app, output, false);
        }
    }

    /** lyger.require-native with HTTPS: served natively once the engine has TLS, one line naming server.ssl before. */
    @Test
    void requireNative() throws Exception
    {
        String[] properties = {"lyger.require-native=true", "server.ssl.key-store=file:" + keystore,
            "server.ssl.key-store-password=" + PASSWORD, "server.ssl.key-store-type=PKCS12"};
        if (NativeEngine.tlsUnavailableReason() != null)
        {
            String line = assertStartFails("server.ssl", properties);
            assertTrue(line.contains(NativeEngine.tlsUnavailableReason()), line);
        }
        else
        {
            try (RunningApp app = RunningApp.start(properties))
            {
                assertTrue(app.connector().isNative());
            }
        }
    }

    /** @param nativeWhenItCan whether the native engine must serve when it terminates TLS (false: the fallback is forced) */
    private static void assertServedOverHttps(RunningApp app, CapturedOutput output, boolean nativeWhenItCan) throws Exception
    {
        Connector[] connectors = app.server().getConnectors();
        assertEquals(1, connectors.length);
        LygerConnector connector = assertInstanceOf(LygerConnector.class, connectors[0]);
        assertNotNull(connector.getConnectionFactory(SslConnectionFactory.class), "Spring's SslConnectionFactory, given to the LygerConnector");
        String tlsReason = NativeEngine.tlsUnavailableReason();
        boolean expectNative = nativeWhenItCan && tlsReason == null;
        assertEquals(expectNative, connector.isNative(), "native exactly when the engine terminates TLS: " + tlsReason);
        long fallbackLines = output.getOut().lines().filter(line -> line.contains("Lyger native engine not used")).count();
        if (expectNative)
            assertEquals(0, fallbackLines, output.getOut());
        else
        {
            assertEquals(1, fallbackLines, output.getOut());
            String reason = nativeWhenItCan ? tlsReason : "fallback forced by configuration";
            assertTrue(output.getOut().lines().anyMatch(line -> line.contains("Lyger native engine not used (" + reason + ")")), output.getOut());
        }

        HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + app.port() + "/whoami"))
            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("https "), "request.getScheme() is https (Spring's SecureRequestCustomizer): " + response.body());
        assertFalse(response.body().isBlank());
    }

    private static SSLContext trusting(Path keystore) throws Exception
    {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore))
        {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
