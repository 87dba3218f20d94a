package io.lyger.spring.boot;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

import io.lyger.connector.LygerConnector;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * Lyger's connector figures as Micrometer gauges (so in {@code /actuator/prometheus} beside Spring's), with the names
 * cdi-integration's {@code /_lyger/metrics} gives them: {@code lyger.native.connections},
 * {@code lyger.native.buffer} (bytes), {@code lyger.requests.in.flight}, and {@code lyger.native.active} (1 while the
 * native engine serves, 0 when Jetty's ServerConnector does). Summed over the server's LygerConnectors, read when
 * scraped: meters are bound before the web server exists, so the connectors are looked up then (NaN before).
 */
public class LygerMeterBinder implements MeterBinder
{
    private final ApplicationContext context;

    public LygerMeterBinder(ApplicationContext context)
    {
        this.context = context;
    }

    @Override
    public void bindTo(MeterRegistry registry)
    {
        gauge(registry, "lyger.native.connections", "connections the native engine holds open", null,
            connector -> Math.max(0, connector.getNativeConnections()));
        gauge(registry, "lyger.native.buffer", "bytes the native engine holds in its connections' buffers", "bytes",
            connector -> Math.max(0, connector.getNativeBufferBytes()));
        gauge(registry, "lyger.requests.in.flight", "requests in flight on the native engine (connections on the fallback)", null,
            LygerConnector::getRequestsInFlight);
        gauge(registry, "lyger.native.active", "1 while the native engine serves, 0 when Jetty's ServerConnector does", null,
            connector -> connector.isNative() ? 1 : 0);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit, ToDoubleFunction<LygerConnector> figure)
    {
        Gauge.builder(name, this, binder -> binder.sum(figure)).description(description).baseUnit(unit).register(registry);
    }

    private double sum(ToDoubleFunction<LygerConnector> figure)
    {
        if (!(context instanceof WebServerApplicationContext web) || !(web.getWebServer() instanceof JettyWebServer jetty))
            return Double.NaN;
        return Arrays.stream(jetty.getServer().getConnectors())
            .filter(LygerConnector.class::isInstance)
            .mapToDouble(connector -> figure.applyAsDouble((LygerConnector)connector))
            .sum();
    }
}
