package io.lyger.warm;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;

/**
 * In front of every web application: answers the reserved prefix ({@code /_lyger} by default) itself and counts the
 * other requests in {@link RequestMetrics}.
 * <ul>
 * <li>{@code /_lyger/health/ready}: 200 once the server is warm, 503 before (and while stopping). Open to every
 * client: load balancers and Kubernetes probes call it.</li>
 * <li>{@code /_lyger/health/live}: 200 while the server runs.</li>
 * <li>{@code /_lyger/metrics}: Prometheus text; loopback clients only unless configured otherwise (403).</li>
 * </ul>
 * No web application sees a request under the prefix, whatever its context path.
 * <p>
 * It is also the server's graceful-stop handler (what Jetty's {@code GracefulHandler} did in front of it): it counts
 * the requests in flight, answers 503 once {@link #shutdown()} has begun, and completes the shutdown when none is
 * left. One object per request, the callback that records the metrics and the count (issue 17: Jetty's
 * {@code GracefulHandler} wrapped the request, the callback and the stream, and the completion listener the metrics
 * used wrapped the stream again: about 8 objects and an extra indirection on every call to the request).
 */
public final class ReservedPathHandler extends Handler.Wrapper implements Graceful
{
    private final String prefix;
    /** {@link #prefix} and a slash, built once rather than per request. */
    private final String prefixSlash;
    private final Readiness readiness;
    private final RequestMetrics metrics;
    private final RequestMetrics warmupMetrics;
    private final boolean metricsFromAnywhere;
    /**
     * Where a request without the warm-up header is counted: {@link #metrics}, except while the first warm-up runs,
     * when it is {@link #warmupMetrics} (see {@link #countUnmarkedAsWarmup}). A field read, not a branch: the compiled
     * code the warm-up leaves is the code a client's request runs after ready.
     */
    private volatile RequestMetrics unmarkedMetrics;
    private static final AtomicIntegerFieldUpdater<Completion> COMPLETED = AtomicIntegerFieldUpdater.newUpdater(Completion.class, "completed");
    /** Requests handled and not yet completed (an atomic, as GracefulHandler's: the shutdown needs an exact count). */
    private final AtomicLong inFlight = new AtomicLong();
    private final Shutdown shutdown = new Shutdown(this)
    {
        @Override
        public boolean isShutdownDone()
        {
            return inFlight.get() == 0;
        }
    };

    ReservedPathHandler(Handler handler, String prefix, Readiness readiness, RequestMetrics metrics, RequestMetrics warmupMetrics,
                        boolean metricsFromAnywhere)
    {
        super(handler);
        this.warmupMetrics = warmupMetrics;
        this.prefix = prefix;
        this.prefixSlash = prefix + "/";
        this.readiness = readiness;
        this.metrics = metrics;
        this.unmarkedMetrics = metrics;
        this.metricsFromAnywhere = metricsFromAnywhere;
    }

    /**
     * While the server has never been ready, the JIT warm-up sends part of its requests without {@value
     * JitWarmup#HEADER}, so that the header check below is compiled for both answers, the one a client's request gets
     * included. Between {@code countUnmarkedAsWarmup(true)} and {@code countUnmarkedAsWarmup(false)} (before ready)
     * every request is counted as a warm-up request, a client's too if one comes that early.
     */
    void countUnmarkedAsWarmup(boolean warmingUp)
    {
        unmarkedMetrics = warmingUp ? warmupMetrics : metrics;
    }

    /** @return the requests being handled (those answered 503 while stopping included) */
    public long getCurrentRequestCount()
    {
        return inFlight.get();
    }

    @Override
    public boolean isShutdown()
    {
        return shutdown.isShutdown();
    }

    @Override
    public CompletableFuture<Void> shutdown()
    {
        return shutdown.shutdown();
    }

    @Override
    protected void doStart() throws Exception
    {
        shutdown.cancel(); // here rather than in doStop, as GracefulHandler: stays shut down while stopped
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception
    {
        Handler handler = getHandler();
        if (handler == null || !isStarted())
            return false;
        String path = request.getHttpURI().getCanonicalPath();
        boolean reserved = path != null && (path.equals(prefix) || path.startsWith(prefixSlash));
        // Warm-up requests take the same path as the others (so that it is compiled too), into their own counters.
        // The first warm-up sends requests with the header and without it (counted as warm-up requests through
        // unmarkedMetrics until ready), so that the first request after ready finds this check compiled for its answer.
        RequestMetrics target = reserved ? null
            : request.getHeaders().contains(JitWarmup.HEADER) && isLoopback(request) ? warmupMetrics : unmarkedMetrics;
        // Counted before the test for shutdown, as GracefulHandler does: a shutdown that begins in between waits for it.
        Completion completion = new Completion(callback, response, target);
        try
        {
            if (isShutdown())
            {
                Response.writeError(request, response, completion, HttpStatus.SERVICE_UNAVAILABLE_503);
                return true;
            }
            if (reserved)
                return serve(path.substring(prefix.length()), request, response, completion);
            if (super.handle(request, response, completion))
                return true;
            completion.notHandled(); // the server answers 404 with the original callback
            return false;
        }
        catch (Throwable failure)
        {
            Response.writeError(request, response, completion, failure);
            return true;
        }
        finally
        {
            if (isShutdown())
                shutdown.check();
        }
    }

    /**
     * The request's callback, which counts it in flight until it completes and records it in the metrics. Completes
     * once, as GracefulHandler's CountingCallback: a handler that throws after completing the callback gets an error
     * answer through it again, which is then ignored.
     */
    private final class Completion implements Callback
    {
        volatile int completed; // through COMPLETED
        private final Callback callback;
        private final Response response;
        private final RequestMetrics metrics; // null: not counted (the reserved prefix)
        private final long start = System.nanoTime();

        Completion(Callback callback, Response response, RequestMetrics metrics)
        {
            this.callback = callback;
            this.response = response;
            this.metrics = metrics;
            inFlight.incrementAndGet();
        }

        void notHandled()
        {
            done(HttpStatus.NOT_FOUND_404);
        }

        @Override
        public void succeeded()
        {
            if (done(response.getStatus()))
                callback.succeeded();
        }

        @Override
        public void failed(Throwable x)
        {
            if (done(HttpStatus.INTERNAL_SERVER_ERROR_500))
                callback.failed(x);
        }

        /** @return false if it was done already */
        private boolean done(int status)
        {
            if (!COMPLETED.compareAndSet(this, 0, 1))
                return false;
            if (metrics != null)
                metrics.record(status, System.nanoTime() - start);
            if (inFlight.decrementAndGet() == 0 && isShutdown())
                shutdown.check();
            return true;
        }

        @Override
        public InvocationType getInvocationType()
        {
            return callback.getInvocationType();
        }
    }

    private boolean serve(String path, Request request, Response response, Callback callback)
    {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD"))
        {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            return answer(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "text/plain; charset=utf-8", "method not allowed\n");
        }
        switch (path)
        {
            case "/health/ready" ->
            {
                Readiness.State state = readiness.state();
                return answer(request, response, callback, state.httpStatus(), "text/plain; charset=utf-8", state.probeBody());
            }
            case "/health/live" ->
            {
                return answer(request, response, callback, 200, "text/plain; charset=utf-8", "live\n");
            }
            case "/metrics" ->
            {
                if (!metricsFromAnywhere && !isLoopback(request))
                    return answer(request, response, callback, 403, "text/plain; charset=utf-8", "metrics answer loopback clients only\n");
                return answer(request, response, callback, 200, PrometheusText.CONTENT_TYPE, PrometheusText.render(metrics, warmupMetrics, readiness, request.getConnectionMetaData().getConnector().getServer()));
            }
            default ->
            {
                return answer(request, response, callback, 404, "text/plain; charset=utf-8", "not found\n");
            }
        }
    }

    private static boolean answer(Request request, Response response, Callback callback, int status, String contentType, String body)
    {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (request.getMethod().equals("HEAD"))
        {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            response.write(true, null, callback);
        }
        else
        {
            Content.Sink.write(response, true, body, callback);
        }
        return true;
    }

    private static boolean isLoopback(Request request)
    {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress address && address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }
}
