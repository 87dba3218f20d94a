package io.lyger.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.lyger.connector.NativeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code lyger-https} module in a real jetty-home beside {@code lyger}: {@code start.jar
 * --add-modules=ee11-deploy,lyger,lyger-https}, a keystore made with keytool given through Jetty's own
 * {@code jetty.sslContext.*} properties, the sample WAR served over HTTPS by the engine that can (native TLS, else
 * Jetty's SslConnectionFactory, as the log says) and over HTTP beside it.
 */
class JettyHttpsModuleIT
{
    static final String PASSWORD = "module-" + Long.toHexString(System.nanoTime());

    @Test
    void addModulesServesHttpsBesideHttp(@TempDir Path base) throws Exception
    {
        assertTrue(Files.isRegularFile(JettyModuleIT.JETTY_HOME.resolve("start.jar")), "no jetty-home at " + JettyModuleIT.JETTY_HOME + ": run mvn verify");
        JettyModuleIT.copyTree(JettyModuleIT.MODULE_DIR, base);
        Path keystore = base.resolve("etc/test-keystore.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650", "-dname", "CN=localhost",
            "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);

        JettyModuleIT.Result added = JettyModuleIT.startJar(base, "--add-modules=ee11-deploy,lyger,lyger-https");
        assertEquals(0, added.exitCode(), added.output());
        assertTrue(Files.readString(base.resolve("start.d/lyger-https.ini")).contains("# jetty.ssl.port=8443"), "the ini-template documents jetty.ssl.port");
        // lyger-https provides "ssl" and "https": Jetty's own cannot add a second TLS connector beside it
        JettyModuleIT.Result https = JettyModuleIT.startJar(base, "--add-modules=https");
        assertFalse(Files.exists(base.resolve("start.d/https.ini")), "https was not added: " + https.output());
        assertFalse(Files.exists(base.resolve("start.d/ssl.ini")), "ssl was not added: " + https.output());

        Files.copy(JettyModuleIT.SAMPLE_WAR, base.resolve("webapps/ROOT.war"));
        Path log = base.resolve("jetty.log");
        Process jetty = JettyModuleIT.startJarProcess(base, "lyger.host=127.0.0.1", "lyger.port=0", "jetty.ssl.host=127.0.0.1", "jetty.ssl.port=0",
                "jetty.sslContext.keyStorePath=etc/test-keystore.p12", "jetty.sslContext.keyStorePassword=" + PASSWORD, "jetty.ssl.stsMaxAgeSeconds=120")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try
        {
            String started = JettyModuleIT.awaitLog(jetty, log, Pattern.compile("Started oejs\\.Server@")); // not oejs.ServerConnector
            Matcher connectors = Pattern.compile("Started LygerConnector@\\p{XDigit}+\\{(native|fallback), 127\\.0\\.0\\.1:(\\d+)\\}").matcher(started);
            List<String[]> listeners = new ArrayList<>();
            while (connectors.find())
                listeners.add(new String[] {connectors.group(1), connectors.group(2)});
            assertEquals(2, listeners.size(), "two LygerConnectors:\n" + started);
            if (NativeEngine.tlsUnavailableReason() == null)
                assertFalse(started.contains("{SSL, (ssl, http/1.1)}"), "no Jetty TLS connector where the engine has TLS:\n" + started);
            else
                assertTrue(started.contains("Lyger native engine not used (" + NativeEngine.tlsUnavailableReason() + ")"), "the line saying why:\n" + started);

            HttpClient client = trusting(keystore);
            int served = 0;
            for (String[] listener : listeners)
            {
                URI root = URI.create("https://127.0.0.1:" + listener[1] + "/");
                HttpResponse<String> response;
                try
                {
                    response = client.send(HttpRequest.newBuilder(root.resolve("/plaintext")).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                }
                catch (java.io.IOException notTls)
                {
                    // the plain HTTP listener: it answers HTTP
                    HttpResponse<String> plain = JettyModuleIT.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener[1] + "/plaintext"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals("Hello, World!", plain.body());
                    continue;
                }
                served++;
                assertEquals(200, response.statusCode());
                assertEquals("Hello, World!", response.body());
                assertEquals("max-age=120", response.headers().firstValue("Strict-Transport-Security").orElse(""));
                // which engine terminates TLS: the native one exactly when this engine has TLS
                assertEquals(NativeEngine.tlsUnavailableReason() == null ? "native" : "fallback", listener[0], started);
            }
            assertEquals(1, served, "one listener serves HTTPS:\n" + started);

            jetty.destroy();
            assertTrue(jetty.waitFor(60, TimeUnit.SECONDS), "Jetty exits on SIGTERM");
            String stopped = Files.readString(log);
            assertTrue(stopped.contains("Stopped oejs.Server"), "Jetty stopped cleanly:\n" + stopped);
            assertFalse(stopped.contains("Exception"), "no exception in the log:\n" + stopped);
            assertFalse(stopped.contains(PASSWORD), "the keystore password is not logged");
        }
        finally
        {
            if (jetty.isAlive())
                jetty.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void keytool(String... arguments) throws Exception
    {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
    }

    /** @return an HTTP/1.1 client trusting the certificate of {@code keystore} (and nothing else). */
    static HttpClient trusting(Path keystore) throws Exception
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
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
