package io.lyger.launcher.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.lyger.warm.WarmupRequest;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code lyger train --record}: counts the requests clients send the web applications while recording, as
 * (context path, method, scrubbed path and query, Accept) and only when answered below 400. The scrubbing
 * ({@link RecordedPlan#scrub}) happens before anything is kept, so no secret query parameter is held even in
 * memory; the safe-warm-up rules ({@link RecordedPlan#admit}) are applied when the plan is written. The warm-up's own
 * requests (marked with {@code X-Lyger-Warmup}) are not recorded. At most {@value #MAX_DISTINCT} distinct requests.
 */
public final class RecordingHandler extends Handler.Wrapper
{
    static final int MAX_DISTINCT = 1000;
    private static final String WARMUP_HEADER = "X-Lyger-Warmup";

    private record Seen(String contextPath, String method, String target, String accept)
    {
    }

    private final Map<Seen, AtomicInteger> seen = new ConcurrentHashMap<>();
    private volatile boolean recording;

    public RecordingHandler(Handler handler)
    {
        super(handler);
    }

    private List<WebAppContext> webApps()
    {
        return getDescendants(WebAppContext.class);
    }

    /** Recording starts once the server is ready: what the warm-up sends before is not a client's. */
    public void recording(boolean recording)
    {
        this.recording = recording;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception
    {
        if (!recording || request.getHeaders().get(WARMUP_HEADER) != null)
            return super.handle(request, response, callback);
        String target = RecordedPlan.scrub(request.getHttpURI().getPathQuery());
        WebAppContext webApp = target == null ? null : servedBy(target);
        if (webApp == null)
            return super.handle(request, response, callback);
        Seen what = new Seen(webApp.getContextPath(), request.getMethod(), target, request.getHeaders().get(HttpHeader.ACCEPT));
        return super.handle(request, response, Callback.from(callback, () ->
        {
            if (response.getStatus() < 400 && (seen.size() < MAX_DISTINCT || seen.containsKey(what)))
                seen.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        }));
    }

    /** @return the web application whose context path is the longest prefix of {@code target} */
    private WebAppContext servedBy(String target)
    {
        WebAppContext best = null;
        for (WebAppContext webApp : webApps())
        {
            String context = webApp.getContextPath();
            boolean under = context.equals("/") || target.equals(context) || target.startsWith(context + "/") || target.startsWith(context + "?");
            if (under && (best == null || context.length() > best.getContextPath().length()))
                best = webApp;
        }
        return best;
    }

    /** Applies the safe-warm-up rules to what was seen and writes what they allow. @return the requests written */
    public int write(Path file) throws IOException
    {
        Map<RecordedPlan.Entry, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<Seen, AtomicInteger> entry : seen.entrySet())
        {
            Seen what = entry.getKey();
            WebAppContext webApp = webApps().stream().filter(w -> w.getContextPath().equals(what.contextPath())).findFirst().orElse(null);
            WarmupRequest admitted = webApp == null || !webApp.isAvailable() ? null : RecordedPlan.admit(webApp, what.method(), what.target(), what.accept());
            if (admitted != null)
                counts.merge(new RecordedPlan.Entry(what.contextPath(), admitted), entry.getValue().get(), Integer::sum);
        }
        RecordedPlan.write(file, counts);
        return counts.size();
    }

    /** @return how many requests were seen while recording, allowed or not */
    public int seenCount()
    {
        return seen.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
