package io.lyger.arquillian;

import java.util.List;

import io.lyger.launcher.ConnectorKind;
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
}
