package io.lyger.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.lyger.connector.LygerConnector;
import io.lyger.connector.NativeEngine;
import io.lyger.launcher.LygerServer;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Connector;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTPS listener (keystore, truststore, clientAuth=want) and CLIENT-CERT login, configured as arquillian.xml
 * would: keys made with the JDK's keytool, real TLS handshakes.
 */
class HttpsIT
{
    static final String PASSWORD = "changeit";
    static final String CLIENT_DN = "CN=client, O=Lyger Test";

    @TempDir
    static Path keys;

    static LygerContainer container;
    static HTTPContext https;
    static HTTPContext http;

    @WebServlet({"/who", "/cert/who"})
    public static class Who extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            Object certificates = request.getAttribute("jakarta.servlet.request.X509Certificate");
            // Over plain HTTP, Jetty's CLIENT-CERT authenticator answers getRemoteUser() with a 403 of its own (it
            // writes an error from inside the servlet): ask only on TLS.
            String user = request.isSecure() ? request.getRemoteUser() : "n/a";
            response.getWriter().print(request.getScheme() + " secure=" + request.isSecure() + " user=" + user
                + " certificates=" + (certificates == null ? 0 : ((Object[]) certificates).length));
        }
    }

    static void keytool(String... arguments) throws Exception
    {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(keys.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
    }

    @BeforeAll
    static void start() throws Exception
    {
        String[] store = {"-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD};
        keytool(concat(new String[] {"-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=localhost, O=Lyger Test", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", "server.p12"}, store));
        keytool(concat(new String[] {"-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", CLIENT_DN, "-keystore", "client.p12"}, store));
        keytool("-exportcert", "-alias", "client", "-keystore", "client.p12", "-storepass", PASSWORD, "-file", "client.crt");
        keytool(concat(new String[] {"-importcert", "-noprompt", "-alias", "client", "-file", "client.crt", "-keystore", "server-trust.p12"}, store));
        keytool("-exportcert", "-alias", "server", "-keystore", "server.p12", "-storepass", PASSWORD, "-file", "server.crt");
        keytool(concat(new String[] {"-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore", "client-trust.p12"}, store));

        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setHttpsPort(0);
        configuration.setKeystore(keys.resolve("server.p12").toString());
        configuration.setKeystorePassword(PASSWORD);
        configuration.setTruststore(keys.resolve("server-trust.p12").toString());
        configuration.setTruststorePassword(PASSWORD);
        configuration.setClientAuth("want");
        configuration.setUsers(CLIENT_DN + ": , certified");
        configuration.validate();
        container = new LygerContainer();
        container.setup(configuration);
        container.start();

        String webXml = "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\">"
            + "<security-constraint><web-resource-collection><web-resource-name>cert</web-resource-name><url-pattern>/cert/*</url-pattern>"
            + "</web-resource-collection><auth-constraint><role-name>certified</role-name></auth-constraint></security-constraint>"
            + "<security-role><role-name>certified</role-name></security-role>"
            + "<login-config><auth-method>CLIENT-CERT</auth-method></login-config></web-app>";
        ProtocolMetaData metaData = container.deploy(ShrinkWrap.create(WebArchive.class, "tls.war").addClass(Who.class).setWebXML(new StringAsset(webXml)));
        for (HTTPContext context : metaData.getContexts(HTTPContext.class))
        {
            if (LygerContainer.HTTPS_CONTEXT.equals(context.getName()))
                https = context;
            else if (http == null)
                http = context;
        }
    }

    @AfterAll
    static void stop() throws Exception
    {
        if (container != null)
            container.stop();
    }

    static String[] concat(String[] a, String[] b)
    {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static KeyStore load(String file) throws Exception
    {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys.resolve(file)))
        {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** @return a client trusting the server's certificate, presenting the client's when {@code withCertificate}. */
    static HttpClient client(boolean withCertificate) throws Exception
    {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("client-trust.p12"));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(load("client.p12"), PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(withCertificate ? keyManagers.getKeyManagers() : null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    static HttpResponse<String> get(HttpClient client, HTTPContext context, String path)
    {
        URI uri = URI.create(context.getScheme() + "://" + context.getHost() + ":" + context.getPort() + "/tls/" + path);
        return TestHttp.send(client, HttpRequest.newBuilder(uri).build());
    }

    @Test
    void deploymentHasAnHttpsContextBesideThePlainOne()
    {
        assertNotNull(https, "an HTTPContext named https");
        assertEquals("https", https.getScheme());
        assertNotNull(http);
        assertEquals("http", http.getScheme());
        assertTrue(https.getPort() != http.getPort());
        assertEquals("/tls", https.getServletByName(Who.class.getName()).getContextRoot());
    }

    @Test
    void httpsRequestIsSecure() throws Exception
    {
        HttpResponse<String> response = get(client(false), https, "who");
        assertEquals(200, response.statusCode());
        assertEquals("https secure=true user=null certificates=0", response.body());
    }

    @Test
    void plainHttpStillServes() throws Exception
    {
        HttpResponse<String> response = get(HttpClient.newHttpClient(), http, "who");
        assertEquals(200, response.statusCode());
        assertEquals("http secure=false user=n/a certificates=0", response.body());
    }

    @Test
    void clientCertificateLogsIn() throws Exception
    {
        HttpResponse<String> response = get(client(true), https, "cert/who");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("https secure=true user=" + CLIENT_DN + " certificates=1", response.body());
    }

    @Test
    void withoutACertificateTheConstraintRefuses() throws Exception
    {
        HttpResponse<String> response = get(client(false), https, "cert/who");
        assertTrue(response.statusCode() == 401 || response.statusCode() == 403, response.statusCode() + " " + response.body());
    }

    @Test
    void theHttpsListenerIsALygerConnectorServedNativelyWhereTheEngineHasTls()
    {
        LygerServer server = container.server();
        assertEquals(NativeEngine.tlsUnavailableReason() == null, server.isNativeTls(), "native TLS: " + NativeEngine.tlsUnavailableReason());
        assertEquals(https.getPort(), server.httpsPort());
        for (Connector connector : server.jetty().getConnectors())
            assertInstanceOf(LygerConnector.class, connector);
    }

    /** Jetty's TLS as the control: connector jetty serves the same HTTPS listener through Jetty's SslConnectionFactory. */
    @Test
    void jettyConnectorServesHttpsThroughJettysTls() throws Exception
    {
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setConnector("jetty");
        configuration.setHttpsPort(0);
        configuration.setKeystore(keys.resolve("server.p12").toString());
        configuration.setKeystorePassword(PASSWORD);
        configuration.validate();
        LygerContainer jetty = new LygerContainer();
        jetty.setup(configuration);
        jetty.start();
        try
        {
            assertFalse(jetty.server().isNativeTls());
            ProtocolMetaData metaData = jetty.deploy(ShrinkWrap.create(WebArchive.class, "tls.war").addClass(Who.class));
            HTTPContext secure = metaData.getContexts(HTTPContext.class).stream()
                .filter(context -> LygerContainer.HTTPS_CONTEXT.equals(context.getName())).findFirst().orElseThrow();
            HttpResponse<String> response = get(client(false), secure, "who");
            assertEquals(200, response.statusCode());
            assertEquals("https secure=true user=null certificates=0", response.body());
        }
        finally
        {
            jetty.stop();
        }
    }
}
