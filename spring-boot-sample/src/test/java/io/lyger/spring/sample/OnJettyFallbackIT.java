package io.lyger.spring.sample;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The same sample with the starter's fallback forced (lyger.connector=jetty): Jetty's ServerConnector serves, as the control. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"lyger.connector=jetty", "lyger.warmup.budget=2s"})
class OnJettyFallbackIT
{
    @Autowired
    WebServerApplicationContext context;

    @Test
    void jettyConnectorServesEveryEndpoint() throws Exception
    {
        assertFalse(ServerConnectors.lygerConnector(context).isNative(), "the fallback serves");
        SampleEndpoints.assertAll(URI.create("http://127.0.0.1:" + context.getWebServer().getPort() + "/"));
    }
}
