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
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * server.ssl.*: until Lyger has native TLS, the HTTPS connector stays Jetty's TLS ServerConnector, with one line, and
 * serves the application.
 */
@ExtendWith(OutputCaptureExtension.class)
class SslFallbackIT
{
    private static final String PASSWORD = "lyger-test";

    @Test
    void httpsIsServedByJettysTlsConnector(@TempDir Path dir, CapturedOutput output) throws Exception
    {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
            "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(120, TimeUnit.SECONDS), "keytool ends");
        assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes()));

        try (RunningApp app = RunningApp.start("server.ssl.key-store=file:" + keystore, "server.ssl.key-store-password=" + PASSWORD,
            "server.ssl.key-store-type=PKCS12"))
        {
            Connector connector = app.server().getConnectors()[0];
            assertFalse(connector instanceof LygerConnector, String.valueOf(connector));
            assertNotNull(((ServerConnector)connector).getConnectionFactory(SslConnectionFactory.class));
            assertEquals(1, output.getOut().lines().filter(line -> line.contains("Lyger: server.ssl is set")).count(), output.getOut());

            HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + app.port() + "/hello"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("Hello from Spring", response.body());
        }
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
