package io.lyger.spring.boot;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Runs after every other customizer of the Jetty factory (lowest precedence), so that the {@link LygerServerCustomizer}
 * it adds comes after Spring's own server customizers (idle timeout, header sizes, access log...) and finds the
 * connector they configured. Settings made on the factory that LygerConnector does not carry over fail the start here.
 */
public class LygerWebServerFactoryCustomizer implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory>, Ordered
{
    private final LygerProperties properties;

    public LygerWebServerFactoryCustomizer(LygerProperties properties)
    {
        this.properties = properties;
    }

    @Override
    public int getOrder()
    {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(ConfigurableJettyWebServerFactory factory)
    {
        if (factory instanceof JettyWebServerFactory jetty)
        {
            // ServerConnector's acceptor and selector threads: the native engine's event loop threads are lyger.pollers,
            // and LygerConnector's fallback ServerConnector takes Jetty's defaults.
            if (jetty.getAcceptors() > 0)
                throw UnsupportedSetting.forLygerConnector("server.jetty.threads.acceptors=" + jetty.getAcceptors(), "lyger.pollers");
            if (jetty.getSelectors() > 0)
                throw UnsupportedSetting.forLygerConnector("server.jetty.threads.selectors=" + jetty.getSelectors(), "lyger.pollers");
        }
        factory.addServerCustomizers(new LygerServerCustomizer(properties));
    }
}
