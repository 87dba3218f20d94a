package io.lyger.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lyger.connector.LygerConnector;
import io.lyger.connector.NativeEngine;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.xml.XmlConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jetty.xml of the README ("Use it in your own Jetty", jetty.xml), taken from README.md as it is written: Jetty's
 * {@link XmlConfiguration} builds the Server from it, the sample WAR is deployed, and a request is served through
 * the native engine.
 */
class JettyXmlIT
{
    static final Path README = Path.of(System.getProperty("lyger.readme", "../README.md")).toAbsolutePath();

    /** @return the first ```xml block after the marker that says this test runs it. */
    static String readmeJettyXml() throws Exception
    {
        return readmeJettyXml("<!-- tested by jetty-module/src/test/java/io/lyger/jetty/JettyXmlIT.java -->");
    }

    static String readmeJettyXml(String markerLine) throws Exception
    {
        String readme = Files.readString(README);
        int marker = readme.indexOf(markerLine);
        assertTrue(marker >= 0, "README.md has no jetty.xml marked " + markerLine);
        Matcher block = Pattern.compile("```xml\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(marker), "no ```xml block after the marker in README.md");
        return block.group(1);
    }

    @Test
    void readmeJettyXmlServesTheSampleWarThroughTheNativeEngine(@TempDir Path dir) throws Exception
    {
        Path xml = dir.resolve("jetty.xml");
        Files.writeString(xml, readmeJettyXml());

        Server server;
        try (ResourceFactory.Closeable resources = ResourceFactory.closeable())
        {
            XmlConfiguration configuration = new XmlConfiguration(resources.newResource(xml));
            configuration.getProperties().putAll(Map.of(
                "lyger.host", "127.0.0.1",
                "lyger.port", "0",
                "app.war", JettyModuleIT.SAMPLE_WAR.toString()));
            server = (Server)configuration.configure();
        }
        try
        {
            server.start();
            Connector[] connectors = server.getConnectors();
            assertEquals(1, connectors.length, "one connector: " + java.util.Arrays.toString(connectors));
            LygerConnector connector = assertInstanceOf(LygerConnector.class, connectors[0]);
            assertTrue(connector.isNative(), "the native engine serves: " + connector);

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/plaintext")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("Hello, World!", response.body());
        }
        finally
        {
            server.stop();
        }
    }

    /** The README's HTTPS jetty.xml: the native engine terminates TLS where it can (else Jetty's TLS, as it says). */
    @Test
    void readmeHttpsJettyXmlServesTheSampleWarOverTls(@TempDir Path dir) throws Exception
    {
        Path xml = dir.resolve("jetty-https.xml");
        Files.writeString(xml, readmeJettyXml("<!-- tested by jetty-module/src/test/java/io/lyger/jetty/JettyXmlIT.java (HTTPS) -->"));
        Path keystore = dir.resolve("keystore.p12");
        JettyHttpsModuleIT.keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
            "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
            "-storepass", JettyHttpsModuleIT.PASSWORD);

        Server server;
        try (ResourceFactory.Closeable resources = ResourceFactory.closeable())
        {
            XmlConfiguration configuration = new XmlConfiguration(resources.newResource(xml));
            configuration.getProperties().putAll(Map.of(
                "lyger.host", "127.0.0.1",
                "lyger.httpsPort", "0",
                "lyger.keyStorePath", keystore.toString(),
                "lyger.keyStorePassword", JettyHttpsModuleIT.PASSWORD,
                "app.war", JettyModuleIT.SAMPLE_WAR.toString()));
            server = (Server)configuration.configure();
        }
        try
        {
            server.start();
            LygerConnector connector = assertInstanceOf(LygerConnector.class, server.getConnectors()[0]);
            assertEquals(NativeEngine.tlsUnavailableReason() == null, connector.isNative(), "which engine serves HTTPS: " + connector);
            HttpResponse<String> response = JettyHttpsModuleIT.trusting(keystore).send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + connector.getLocalPort() + "/plaintext")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("Hello, World!", response.body());
        }
        finally
        {
            server.stop();
        }
    }
}
