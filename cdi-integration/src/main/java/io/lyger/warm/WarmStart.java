package io.lyger.warm;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a Jetty server's deployments warm before it reports ready. A launcher uses it in four steps:
 * <pre>{@code
 * WarmStart warm = new WarmStart(WarmOptions.defaults());
 * warm.configure(webApp);                       // each WebAppContext, before the server starts: CDI + the agent
 * server.setHandler(warm.wrap(contexts));       // /_lyger/ in front of the web applications, request metrics
 * warm.attach(server);                          // readiness follows the server's lifecycle, heap watch
 * server.start();                               // deploys: beans created, persistence units deployed (the agent)
 * warm.warmUp(URI.create("http://127.0.0.1:" + port + "/"));  // JIT warm-up over HTTP, then ready
 * }</pre>
 */
public final class WarmStart
{
    private static final Logger LOG = LoggerFactory.getLogger(WarmStart.class);

    private final WarmOptions options;
    private final Readiness readiness = new Readiness();
    private final RequestMetrics metrics = new RequestMetrics();
    private final RequestMetrics warmupMetrics = new RequestMetrics();
    private final List<WebAppContext> webApps = new CopyOnWriteArrayList<>();
    private final List<WarmupSource> warmupSources = new CopyOnWriteArrayList<>();
    private final HeapWatch heapWatch;
    private volatile Server server;
    /** The handler {@link #wrap} made, whose metrics this instance's warm-ups count in; null if none. */
    private volatile ReservedPathHandler handler;
    /**
     * The latency a training run reached: the start's JIT warm-up may stop there, and so may a redeploy's
     * ({@code serve --watch}): its classes are new, so the JIT compiles them again, but the application is the one
     * trained, and the windows still stop when latency stops improving if it is no longer as fast.
     */
    private volatile TrainedLatency jitTarget;
    private volatile JitWarmup.Result lastJit;

    public WarmStart(WarmOptions options)
    {
        this.options = options;
        this.heapWatch = new HeapWatch(options.heapWindow(), options.heapWindows());
    }

    public WarmOptions options()
    {
        return options;
    }

    public Readiness readiness()
    {
        return readiness;
    }

    /**
     * Adds a source of warm-up requests (a recorded profile, for example) to what each web application declares and
     * the container-only requests; its requests are replayed as declared ones are.
     */
    public void addWarmupSource(WarmupSource source)
    {
        warmupSources.add(java.util.Objects.requireNonNull(source, "source"));
    }

    /** Sets the latency at which the start's JIT warm-up may stop (see {@link TrainedLatency}); null: none. */
    public void setJitTarget(TrainedLatency target)
    {
        this.jitTarget = target;
    }

    /** @return what the last JIT warm-up did; null before one ran */
    public JitWarmup.Result lastJitResult()
    {
        return lastJit;
    }

    /**
     * Wires CDI (and, with the CDI warm-up on, the agent) into a web application that has not started, hides
     * Lyger's and JNA's classes from it, and with the JIT warm-up on has its warm-up descriptor checked as it starts
     * (an invalid one fails the deployment).
     */
    public void configure(WebAppContext webApp)
    {
        CdiWiring.configure(webApp, options.cdiWarmup());
        HiddenServerClasses.hide(webApp);
        if (!options.jitBudget().isZero())
            webApp.addEventListener(new WarmupPlan.Check());
        webApps.add(webApp);
    }

    /** @return {@code handler} behind the reserved-prefix handler */
    public Handler wrap(Handler handler)
    {
        ReservedPathHandler reserved = new ReservedPathHandler(handler, options.reservedPrefix(), readiness, metrics, warmupMetrics,
            options.metricsFromAnywhere());
        this.handler = reserved;
        return reserved;
    }

    /** Ties readiness to the server's lifecycle (not ready once it stops) and starts the heap watch with it. */
    public void attach(Server server)
    {
        this.server = server;
        server.addEventListener(new LifeCycle.Listener()
        {
            @Override
            public void lifeCycleStarting(LifeCycle event)
            {
                heapWatch.start();
            }

            @Override
            public void lifeCycleStopping(LifeCycle event)
            {
                readiness.stopping();
                heapWatch.close();
            }
        });
    }

    /**
     * Call once the server has started: logs what the CDI warm-up did in each web application, replays each one's
     * warm-up plan through {@code root} (the server as reachable over loopback) within the JIT budget, then reports
     * ready. A failing warm-up is logged and never fails the start.
     */
    public void warmUp(URI root)
    {
        // Before the first ready (readiness answers 503: clients are not expected yet), the warm-up may send requests
        // without its header, counted as warm-up requests by this instance's handler until ready, so that the header
        // check is compiled both ways. Later (a running server that deploys more, or a WarmStart whose handler is not
        // the server's) clients' requests are counted meanwhile, and only requests with the header are sent.
        ReservedPathHandler mixed = readiness.state() == Readiness.STARTING ? handler : null;
        readiness.warmingUp();
        warmUp(webApps, root, mixed);
    }

    /**
     * Call before a started server redeploys {@code webApp} ({@code serve --watch}; the new {@code WebAppContext} goes
     * through {@link #configure(WebAppContext)} as the first did): readiness answers 503 until
     * {@link #redeployed(WebAppContext, URI)}.
     */
    public void redeploying(WebAppContext webApp)
    {
        readiness.redeploying();
        webApps.remove(webApp);
    }

    /**
     * Call once a redeployed web application has started again, or failed to: warms it up as the start warmed up
     * every web application (its CDI report logged, its warm-up plan replayed through {@code root} within the JIT
     * budget: its classes are new, so the JIT has compiled none of them; stopping at the trained latency, if any, as
     * the start did), then reports ready again. A web
     * application that failed to start is not warmed up; the server is ready again for the others.
     */
    public void redeployed(WebAppContext webApp, URI root)
    {
        warmUp(webApp.isAvailable() ? List.of(webApp) : List.of(), root, null);
    }

    /**
     * @param mixed the handler that counts the requests without the warm-up header as warm-up requests while this
     * warm-up runs, which then sends some; null: every request carries the header
     */
    private void warmUp(List<WebAppContext> which, URI root, ReservedPathHandler mixed)
    {
        try
        {
            for (WebAppContext webApp : which)
            {
                if (options.cdiWarmup())
                    CdiReport.log(webApp);
            }
            if (!options.jitBudget().isZero() && !which.isEmpty())
            {
                if (mixed != null)
                    mixed.countUnmarkedAsWarmup(true);
                try
                {
                    jit(root, which, mixed != null);
                }
                finally
                {
                    // before ready: a client that sees ready and sends a request is counted as a client
                    if (mixed != null)
                        mixed.countUnmarkedAsWarmup(false);
                }
            }
        }
        catch (InterruptedException x)
        {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException x)
        {
            LOG.warn("Warm-up failed, serving anyway: {}", x.toString());
        }
        finally
        {
            awaitWarmupRequestsDone();
            readiness.ready();
        }
    }

    /** Bound of the wait for the warm-up's last requests to complete in the server. */
    private static final long DONE_WAIT_MS = 500;

    /**
     * Waits (a little) until no request is in flight in the server: the warm-up's client has read its last answer,
     * but the server completes that exchange a moment later. A client let in by ready then finds no warm-up request
     * under way (the {@link ReservedPathHandler} counts the requests in flight, for the graceful stop).
     */
    private void awaitWarmupRequestsDone()
    {
        ReservedPathHandler graceful = handler;
        if (graceful == null)
            return;
        long deadline = System.nanoTime() + DONE_WAIT_MS * 1_000_000;
        try
        {
            while (graceful.getCurrentRequestCount() > 0 && System.nanoTime() - deadline < 0)
                Thread.sleep(1);
        }
        catch (InterruptedException x)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void jit(URI root, List<WebAppContext> which, boolean unmarkedToo) throws InterruptedException
    {
        List<WarmupRequest> plan = new ArrayList<>();
        for (WebAppContext webApp : which)
        {
            if (!webApp.isAvailable())
                continue;
            try
            {
                List<WarmupRequest> requests = WarmupPlan.of(webApp, warmupSources);
                if (new java.util.HashSet<>(ContainerOnlyRequests.of(webApp)).containsAll(requests))
                    LOG.info("{}: no warm-up requests declared ({}): the JIT warm-up replays only the {} requests that reach no application code",
                        webApp.getContextPath(), WarmupPlan.DESCRIPTOR.substring(1), requests.size());
                for (WarmupRequest request : requests)
                {
                    if (!request.pathAndQuery().startsWith(options.reservedPrefix() + "/") && !request.pathAndQuery().equals(options.reservedPrefix()))
                        plan.add(request);
                }
            }
            catch (java.io.IOException | IllegalArgumentException x)
            {
                LOG.warn("{}: no JIT warm-up: {}", webApp.getContextPath(), x.getMessage());
            }
        }
        TrainedLatency target = jitTarget;
        lastJit = JitWarmup.replay(root, plan, options.jitBudget(), unmarkedToo, target);
    }
}
