package io.lyger.warm;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

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
 */
public final class ReservedPathHandler extends Handler.Wrapper
{
    private final String prefix;
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

    ReservedPathHandler(Handler handler, String prefix, Readiness readiness, RequestMetrics metrics, RequestMetrics warmupMetrics,
                        boolean metricsFromAnywhere)
    {
        super(handler);
        this.warmupMetrics = warmupMetrics;
        this.prefix = prefix;
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

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception
    {
        String path = request.getHttpURI().getCanonicalPath();
        if (path != null && (path.equals(prefix) || path.startsWith(prefix + "/")))
            return serve(path.substring(prefix.length()), request, response, callback);
        // Warm-up requests take the same path as the others (so that it is compiled too), into their own counters.
        // The first warm-up sends requests with the header and without it (counted as warm-up requests through
        // unmarkedMetrics until ready), so that the first request after ready finds this check compiled for its answer.
        RequestMetrics target = request.getHeaders().contains(JitWarmup.HEADER) && isLoopback(request) ? warmupMetrics : unmarkedMetrics;
        long start = System.nanoTime();
        Request.addCompletionListener(request, failure -> target.record(failure == null ? response.getStatus() : 500, System.nanoTime() - start));
        return super.handle(request, response, callback);
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
