package io.lyger.spring.boot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;

/**
 * Warm before ready: replays the requests declared in {@code lyger.warmup.paths} over real HTTP through the web
 * server's port (so through the LygerConnector, Jetty, the DispatcherServlet and the application), before Spring's
 * readiness turns to ACCEPTING_TRAFFIC. An {@link ApplicationRunner} runs after the web server has started and before
 * SpringApplication publishes readiness, which stays at its initial REFUSING_TRAFFIC meanwhile; liveness is not
 * touched. Bounded by {@code lyger.warmup.budget}. Only declared requests are sent (the safe warm-up rule of
 * cdi-integration's WEB-INF/lyger-warmup.properties); each carries {@value #HEADER} so an application can tell them.
 * Hand-written rather than cdi-integration's JitWarmup, which is bound to a WebAppContext it deploys.
 */
public class DeclaredWarmup implements ApplicationRunner, Ordered
{
    static final String HEADER = "X-Lyger-Warmup";

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

    /** @return where the server listens: server.address, or the loopback address when it listens on all. */
    private String host()
    {
        String address = context.getEnvironment().getProperty("server.address");
        if (address == null || address.isBlank() || address.equals("0.0.0.0") || address.equals("::"))
            return "127.0.0.1";
        return address.contains(":") ? "[" + address + "]" : address;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception
    {
        List<String> paths = properties.getPaths();
        if (paths.isEmpty() || !(context instanceof WebServerApplicationContext web) || web.getWebServer() == null)
            return;
        WebServer server = web.getWebServer();
        long start = System.nanoTime();
        long deadline = start + properties.getBudget().toNanos();
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.getBudget()).build();
        String base = "http://" + host() + ":" + server.getPort();
        int sent = 0;
        int failed = 0;
        outer:
        for (int round = 0; round < properties.getRepetitions(); round++)
        {
            for (String path : paths)
            {
                long left = deadline - System.nanoTime();
                if (left <= 0)
                    break outer;
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header(HEADER, "1").timeout(Duration.ofNanos(left)).build();
                try
                {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status >= 400 && failed++ == 0)
                        LOG.warn("Lyger warm-up: GET {} answered {}", path, status);
                }
                catch (java.io.IOException x)
                {
                    if (failed++ == 0)
                        LOG.warn("Lyger warm-up: GET {} failed: {}", path, x.toString());
                }
                sent++;
            }
        }
        LOG.info("Lyger warm-up: {} requests to {} declared paths in {} ms ({} failed) before ready",
            sent, paths.size(), (System.nanoTime() - start) / 1_000_000, failed);
    }
}
