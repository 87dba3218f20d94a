package io.lyger.arquillian;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lyger.launcher.ConnectorKind;
import org.eclipse.jetty.http.CookieCompliance;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** arquillian.xml values: what is accepted, what is refused with a message naming the property. */
class ConfigurationTest
{
    @Test
    void connectorIsNativeByDefaultOrJetty()
    {
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        assertEquals(ConnectorKind.NATIVE, configuration.connectorKind());
        configuration.setConnector(" Jetty ");
        assertEquals(ConnectorKind.JETTY, configuration.connectorKind());
        configuration.setConnector("netty");
        ConfigurationException x = assertThrows(ConfigurationException.class, configuration::validate);
        assertTrue(x.getMessage().contains("connector must be native or jetty"), x.getMessage());
    }

    @Test
    void httpsNeedsAKeystoreAndAKnownClientAuth()
    {
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setHttpsPort(0);
        assertTrue(assertThrows(ConfigurationException.class, configuration::validate).getMessage().contains("no keystore"));
        configuration.setKeystore("server.p12");
        configuration.setClientAuth("sometimes");
        assertTrue(assertThrows(ConfigurationException.class, configuration::validate).getMessage().contains("clientAuth"));
        configuration.setClientAuth("need");
        configuration.validate();
    }

    @Test
    void usersAreNamePasswordRoles()
    {
        List<LoginServices.User> users = LoginServices.parseUsers("alice: secret, admin, user;\n bob:pw ; CN=client, O=Example: , certified");
        assertEquals(List.of(new LoginServices.User("alice", "secret", List.of("admin", "user")),
            new LoginServices.User("bob", "pw", List.of()),
            new LoginServices.User("CN=client, O=Example", "", List.of("certified"))), users);
        ConfigurationException x = assertThrows(ConfigurationException.class, () -> LoginServices.parseUsers("alice secret"));
        assertTrue(x.getMessage().contains("'alice secret'"), x.getMessage());
    }

    @Test
    void contextPathIsTheArchiveNameWithoutWar()
    {
        assertEquals("/app", LygerContainer.contextPath("app.war"));
        assertEquals("/", LygerContainer.contextPath("ROOT.war"));
        assertEquals("/a.b", LygerContainer.contextPath("a.b.war"));
    }

    static String refusal(LygerContainerConfiguration configuration)
    {
        return assertThrows(ConfigurationException.class, configuration::validate).getMessage();
    }

    @Test
    void httpSettingsReachJettysHttpConfigurationNamedPropertiesWinning()
    {
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setHttpConfigurationProperties("\n  relativeRedirectAllowed false\n  uriCompliance LEGACY\n  formEncodedMethods POST,PUT\n  outputBufferSize 65536\n");
        configuration.setUriCompliance("UNSAFE");
        configuration.setCookieCompliance("RFC2965");
        configuration.setHttpCompliance("RFC7230");
        configuration.setHeaderBufferSize(16384);
        configuration.validate();
        HttpConfiguration config = new HttpConfiguration();
        configuration.httpSettings().applyTo(config);
        assertEquals(false, config.isRelativeRedirectAllowed());
        assertEquals(UriCompliance.UNSAFE, config.getUriCompliance());
        assertEquals(CookieCompliance.RFC2965, config.getRequestCookieCompliance());
        assertEquals(CookieCompliance.RFC2965, config.getResponseCookieCompliance());
        assertEquals(HttpCompliance.RFC7230, config.getHttpCompliance());
        assertEquals(16384, config.getRequestHeaderSize());
        assertEquals(16384, config.getResponseHeaderSize());
        assertEquals(65536, config.getOutputBufferSize());
        assertTrue(config.isFormEncodedMethod("PUT"));
    }

    @Test
    void badHttpSettingsAreRefusedNamingTheProperty()
    {
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setCookieCompliance("RFC9999");
        assertTrue(refusal(configuration).contains("requestCookieCompliance 'RFC9999' is not valid"), refusal(configuration));
        configuration = new LygerContainerConfiguration();
        configuration.setHttpConfigurationProperties("relativeRedirects false");
        assertTrue(refusal(configuration).contains("no property 'relativeRedirects'"), refusal(configuration));
        configuration.setHttpConfigurationProperties("relativeRedirectAllowed");
        assertTrue(refusal(configuration).contains("'relativeRedirectAllowed' has no value"), refusal(configuration));
        configuration.setHttpConfigurationProperties("relativeRedirectAllowed yes");
        assertTrue(refusal(configuration).contains("relativeRedirectAllowed 'yes' is not valid"), refusal(configuration));
        configuration = new LygerContainerConfiguration();
        configuration.setClassloaderBehavior("PARENT_FIRST");
        assertTrue(refusal(configuration).contains("classloaderBehavior must be SERVLET_SPEC or JAVA_SPEC"), refusal(configuration));
        configuration = new LygerContainerConfiguration();
        configuration.setRequestHeaderSize(-1);
        assertTrue(refusal(configuration).contains("requestHeaderSize"), refusal(configuration));
    }

    @Test
    void mimeSettingsFollowJettysEncodingProperties()
    {
        MimeTypes.Mutable mimeTypes = new MimeTypes.Mutable();
        MimeSettings.applyEncodings(MimeSettings.inferredEncodings("text/html -utf-8 text/plain utf-8"), mimeTypes);
        MimeSettings.applyMimeTypes(MimeSettings.mimeTypes("js application/js"), mimeTypes);
        assertEquals(null, mimeTypes.getInferredCharsetName("text/html"));
        assertEquals("UTF-8", mimeTypes.getAssumedCharsetName("text/html"));
        assertEquals("UTF-8", mimeTypes.getInferredCharsetName("text/plain"));
        assertEquals("application/js", mimeTypes.getMimeByExtension("a.js"));
        assertTrue(assertThrows(ConfigurationException.class, () -> MimeSettings.inferredEncodings("text/html utf-9")).getMessage().contains("utf-9"));
        assertTrue(assertThrows(ConfigurationException.class, () -> MimeSettings.mimeTypes(".js application/js")).getMessage().contains("without its dot"));
    }

    @Test
    void sslMovesPortToTheHttpsListener()
    {
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setBindHttpPort(8443);
        configuration.setSsl(true);
        assertTrue(refusal(configuration).contains("ssl is set but no keystore"), refusal(configuration));
        configuration.setKeystorePath("server.p12");
        configuration.validate();
        assertEquals(8443, configuration.tlsPort());
        assertEquals(0, configuration.plainPort());
        configuration.setHttpsPort(9443);
        assertEquals(9443, configuration.tlsPort());
        assertEquals(8443, configuration.plainPort());
        configuration.setNeedClientAuth(true);
        assertEquals("need", configuration.getClientAuth());
    }

    @Test
    void defaultsDescriptorMustExist()
    {
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setDefaultsDescriptor("no-such-webdefault.xml");
        assertTrue(refusal(configuration).contains("defaultsDescriptor: no such file"), refusal(configuration));
        configuration.setDefaultsDescriptor("src/test/resources/webdefault-listings-off.xml");
        configuration.validate();
    }

    @Test
    void jettyAdapterNamesSetLygersProperties() throws Exception
    {
        // as Arquillian maps arquillian.xml: by setter name
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        Map<String, String> xml = Map.of("bindAddress", "0.0.0.0", "realmProperties", "realm.properties",
            "trustStorePath", "trust.p12", "trustStorePassword", "pw");
        for (Map.Entry<String, String> property : xml.entrySet())
        {
            String setter = "set" + Character.toUpperCase(property.getKey().charAt(0)) + property.getKey().substring(1);
            LygerContainerConfiguration.class.getMethod(setter, String.class).invoke(configuration, property.getValue());
        }
        assertEquals("0.0.0.0", configuration.getHost());
        assertEquals("realm.properties", configuration.getRealmFile());
        assertEquals("trust.p12", configuration.getTruststore());
        assertEquals("pw", configuration.getTruststorePassword());
    }

    @Test
    void aBadRealmFileIsOneLineNamingIt() throws Exception
    {
        Path dir = Files.createTempDirectory("realm");
        Path noUser = Files.writeString(dir.resolve("empty.properties"), "# nobody\n");
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setRealmFile(noUser.toString());
        String refusal = refusal(configuration);
        assertTrue(refusal.contains(noUser.toString()) && refusal.contains("defines no user"), refusal);
        configuration.setRealmFile(dir.resolve("missing.properties").toString());
        assertTrue(refusal(configuration).contains("missing.properties"), refusal(configuration));
        configuration.setRealmFile(Files.writeString(dir.resolve("ok.properties"), "ann: secret, admin\n").toString());
        configuration.validate();
    }
}
