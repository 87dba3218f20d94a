package io.lyger.spring.sample;

import io.lyger.connector.LygerConnector;
import org.eclipse.jetty.server.Connector;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The connector of the application's embedded Jetty, as the starter put it in place. */
final class ServerConnectors
{
    private ServerConnectors()
    {
    }

    static LygerConnector lygerConnector(WebServerApplicationContext context)
    {
        JettyWebServer server = assertInstanceOf(JettyWebServer.class, context.getWebServer(), "Jetty, from spring-boot-starter-jetty");
        Connector[] connectors = server.getServer().getConnectors();
        assertEquals(1, connectors.length);
        return assertInstanceOf(LygerConnector.class, connectors[0], "the starter's LygerConnector");
    }
}
