package io.lyger.spring.boot;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.lyger.warm.JitWarmup;
import io.lyger.warm.WarmupRequest;
import io.lyger.warm.WarmupSource;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;

/**
 * Warm before ready: replays the requests declared in {@code lyger.warmup.paths} (GETs), and those of any
 * {@link WarmupSource} bean, over real HTTP through the web server's port (so through the LygerConnector, Jetty, the
 * DispatcherServlet and the application), before Spring's readiness turns to ACCEPTING_TRAFFIC. The replay is
 * cdi-integration's {@link JitWarmup}, the one {@code bin/lyger serve} runs for WARs, with its rules: only declared
 * requests, {@code lyger.warmup.budget} for the whole, a longest wait per request (one that hangs is abandoned and
 * not sent again), rounds until latency stops improving, then a settling pass; every request carries
 * {@code X-Lyger-Warmup: 1}.
 * <p>
 * An {@link ApplicationRunner} runs after the web server has started and before SpringApplication publishes
 * readiness, which stays at its initial REFUSING_TRAFFIC meanwhile; liveness is not touched.
 */
public class DeclaredWarmup implements ApplicationRunner, Ordered
{
    private static final Logger LOG = LoggerFactory.getLogger(DeclaredWarmup.class);

    private final ApplicationContext context;
    private final LygerProperties.Warmup properties;

    public DeclaredWarmup(ApplicationContext context, LygerProperties properties)
    {
        this.context = context;
        this.properties = properties.getWarmup();
    }

    /** First of the runners: the application's own runners see a warm server. */
    @Override
    public int getOrder()
    {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception
    {
        if (!(context instanceof WebServerApplicationContext web) || web.getWebServer() == null)
            return;
        WebServer webServer = web.getWebServer();
        Server jetty = webServer instanceof JettyWebServer j ? j.getServer() : null;
        if (properties.getBudget().isNegative())
            throw new LygerStartException("lyger.warmup.budget=" + properties.getBudget() + " is negative", "Give a duration such as 10s, or 0 for no warm-up.");
        List<WarmupRequest> plan = plan(jetty);
        if (plan.isEmpty() || properties.getBudget().isZero())
            return;
        int port = plainHttpPort(jetty, webServer);
        if (port < 0)
        {
            LOG.info("Lyger warm-up skipped: the server has no plain-HTTP connector to replay {} requests through (HTTPS only)", plan.size());
            return;
        }
        JitWarmup.replay(URI.create("http://" + host() + ":" + port + "/"), plan, properties.getBudget(), false);
    }

    /** @return lyger.warmup.paths as GET requests, then the requests of the WarmupSource beans, without repeats */
    private List<WarmupRequest> plan(Server jetty) throws java.io.IOException
    {
        Set<WarmupRequest> plan = new LinkedHashSet<>();
        for (String path : properties.getPaths())
        {
            String trimmed = path.trim();
            if (!trimmed.startsWith("/") || trimmed.chars().anyMatch(c -> c <= ' ' || c >= 0x7f))
                throw new LygerStartException("lyger.warmup.paths: '" + path + "' is not a path and query starting with / (no spaces or control characters)",
                    "Give paths such as /json or /queries?n=20.");
            plan.add(new WarmupRequest("GET", trimmed, "", null));
        }
        List<WarmupSource> sources = context.getBeanProvider(WarmupSource.class).orderedStream().toList();
        WebAppContext webApp = jetty == null ? null : jetty.getDescendant(WebAppContext.class);
        if (!sources.isEmpty() && webApp == null)
            LOG.warn("Lyger warm-up: {} WarmupSource bean(s) ignored: the server has no servlet WebAppContext", sources.size());
        else
        {
            for (WarmupSource source : sources)
                plan.addAll(source.requests(webApp));
        }
        return new ArrayList<>(plan);
    }

    /** @return the local port of a connector without TLS (the warm-up's client speaks plain HTTP), or -1 */
    private static int plainHttpPort(Server jetty, WebServer webServer)
    {
        if (jetty == null)
            return webServer.getPort();
        for (Connector connector : jetty.getConnectors())
        {
            if (connector instanceof NetworkConnector network && connector.getConnectionFactory(SslConnectionFactory.class) == null)
                return network.getLocalPort();
        }
        return -1;
    }

    /** @return where the server listens: server.address, or the loopback address when it listens on all. */
    private String host()
    {
        String address = context.getEnvironment().getProperty("server.address");
        if (address == null || address.isBlank() || address.equals("0.0.0.0") || address.equals("::"))
            return "127.0.0.1";
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
