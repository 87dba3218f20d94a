package io.lyger.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code lyger.*} properties of a Spring Boot application served through {@code LygerConnector}. The standard
 * {@code server.*} properties still configure the connector (Spring's own customizers apply them to Jetty first,
 * {@link LygerServerCustomizer} carries them over); these are the settings only Lyger has.
 */
@ConfigurationProperties("lyger")
public class LygerProperties
{
    /** Which connector serves HTTP: the native engine, or Jetty's ServerConnector (for comparisons). */
    public enum Connector
    {
        NATIVE, JETTY
    }

    /** native: Lyger's native HTTP/1.1 engine (Jetty's ServerConnector when it cannot load here); jetty: Jetty's ServerConnector. */
    private Connector connector = Connector.NATIVE;

    /** Fail the start rather than serve through Jetty's ServerConnector when the native engine does not load. */
    private boolean requireNative;

    /** Threads waiting in the native event loop at once; -1: one per core, at least 2. */
    private int pollers = -1;

    /** Time a client has to send a whole request head once it started it (native engine only). */
    private Duration headerTimeout = Duration.ofSeconds(10);

    /** Largest request body accepted, 413 above it (native engine only); unset: no limit. */
    private DataSize maxRequestBodySize;

    /** Listen backlog of the port. */
    private int acceptQueueSize = 1024;

    /** Static files of 16 KiB or more (Spring MVC's resources, Jetty's DefaultServlet) sent with sendfile(2) by the native engine. */
    private boolean fileRegions = true;

    private final Warmup warmup = new Warmup();

    /** Warm before ready: declared requests replayed through the connector before readiness accepts traffic. */
    public static class Warmup
    {
        /**
         * GET requests (path and query) to replay through the connector before Spring's readiness turns to
         * ACCEPTING_TRAFFIC; none: no warm-up. Declare only requests that change nothing.
         */
        private List<String> paths = new ArrayList<>();

        /**
         * Longest time the warm-up may take; readiness waits for it. It usually ends sooner, once latency stops
         * improving (cdi-integration's JIT warm-up). 0: no warm-up.
         */
        private Duration budget = Duration.ofSeconds(10);

        public List<String> getPaths()
        {
            return paths;
        }

        public void setPaths(List<String> paths)
        {
            this.paths = paths;
        }

        public Duration getBudget()
        {
            return budget;
        }

        public void setBudget(Duration budget)
        {
            this.budget = budget;
        }
    }

    public Warmup getWarmup()
    {
        return warmup;
    }

    public Connector getConnector()
    {
        return connector;
    }

    public void setConnector(Connector connector)
    {
        this.connector = connector;
    }

    public boolean isRequireNative()
    {
        return requireNative;
    }

    public void setRequireNative(boolean requireNative)
    {
        this.requireNative = requireNative;
    }

    public int getPollers()
    {
        return pollers;
    }

    public void setPollers(int pollers)
    {
        this.pollers = pollers;
    }

    public Duration getHeaderTimeout()
    {
        return headerTimeout;
    }

    public void setHeaderTimeout(Duration headerTimeout)
    {
        this.headerTimeout = headerTimeout;
    }

    public DataSize getMaxRequestBodySize()
    {
        return maxRequestBodySize;
    }

    public void setMaxRequestBodySize(DataSize maxRequestBodySize)
    {
        this.maxRequestBodySize = maxRequestBodySize;
    }

    public int getAcceptQueueSize()
    {
        return acceptQueueSize;
    }

    public void setAcceptQueueSize(int acceptQueueSize)
    {
        this.acceptQueueSize = acceptQueueSize;
    }

    public boolean isFileRegions()
    {
        return fileRegions;
    }

    public void setFileRegions(boolean fileRegions)
    {
        this.fileRegions = fileRegions;
    }
}
