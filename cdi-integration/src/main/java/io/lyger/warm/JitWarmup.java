package io.lyger.warm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays the warm-up plan over real HTTP through the bound port (the connector, Jetty, the web application, its
 * beans and its database), so that the JIT compiles the paths requests take, until latency stops improving or the
 * budget runs out.
 * <p>
 * It runs in windows: in each, a few client threads replay the whole plan several times, and the window's score is
 * the sum over the plan's requests of their median latency. When {@value #PATIENCE} windows in a row do not beat the
 * best score by {@value #MIN_GAIN_PERCENT}%, latency has stopped improving. Requests carry {@value #HEADER}, which
 * keeps them out of the request metrics.
 */
final class JitWarmup
{
    static final String HEADER = "X-Lyger-Warmup";
    static final int PATIENCE = 3;
    static final int MIN_GAIN_PERCENT = 3;
    private static final int MIN_WINDOWS = 4;

    /** What a warm-up did. */
    record Result(int requests, int windows, long millis, double firstScoreMs, double bestScoreMs, String stoppedBecause,
                  Map<String, String> failures)
    {
    }

    private JitWarmup()
    {
    }

    static Result run(URI root, List<WarmupRequest> plan, Duration budget, int threads) throws InterruptedException
    {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        Map<String, String> failures = new ConcurrentHashMap<>();
        if (plan.isEmpty() || budget.isZero())
            return new Result(0, 0, 0, 0, 0, plan.isEmpty() ? "nothing to replay" : "no budget", Map.of());
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable ->
        {
            Thread thread = new Thread(runnable, "lyger-warmup");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger sent = new AtomicInteger();
        int windows = 0;
        int stale = 0;
        double first = 0;
        double best = Double.MAX_VALUE;
        String stoppedBecause = "the budget ran out";
        try
        {
            int passes = 5;
            while (System.nanoTime() < deadline)
            {
                long[][] latencies = window(client, executor, root, plan, threads, passes, deadline, sent, failures);
                if (latencies == null)
                    break;
                windows++;
                double score = score(latencies);
                if (windows == 1)
                    first = score;
                if (score < best * (1 - MIN_GAIN_PERCENT / 100.0))
                {
                    best = score;
                    stale = 0;
                }
                else
                {
                    best = Math.min(best, score);
                    stale++;
                }
                if (plan.stream().allMatch(r -> failures.containsKey(r.toString())))
                {
                    stoppedBecause = "every request failed";
                    break;
                }
                if (windows >= MIN_WINDOWS && stale >= PATIENCE)
                {
                    stoppedBecause = "latency stopped improving";
                    break;
                }
                passes = Math.min(passes * 2, 40);
            }
        }
        finally
        {
            executor.shutdownNow();
        }
        return new Result(sent.get(), windows, (System.nanoTime() - start) / 1_000_000, first / 1e6, best == Double.MAX_VALUE ? 0 : best / 1e6,
            stoppedBecause, new LinkedHashMap<>(failures));
    }

    /** @return per plan request, the latencies (ns) of this window; null if the deadline passed before any pass */
    private static long[][] window(HttpClient client, ExecutorService executor, URI root, List<WarmupRequest> plan, int threads, int passes,
                                   long deadline, AtomicInteger sent, Map<String, String> failures) throws InterruptedException
    {
        List<Future<long[][]>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            workers.add(executor.submit(() ->
            {
                long[][] latencies = new long[plan.size()][passes];
                for (long[] row : latencies)
                    Arrays.fill(row, -1);
                for (int pass = 0; pass < passes && System.nanoTime() < deadline; pass++)
                {
                    for (int i = 0; i < plan.size(); i++)
                    {
                        if (failures.containsKey(plan.get(i).toString()))
                            continue;
                        latencies[i][pass] = send(client, root, plan.get(i), failures);
                        sent.incrementAndGet();
                    }
                }
                return latencies;
            }));
        }
        long[][] merged = new long[plan.size()][];
        boolean any = false;
        for (Future<long[][]> worker : workers)
        {
            long[][] latencies;
            try
            {
                latencies = worker.get();
            }
            catch (java.util.concurrent.ExecutionException x)
            {
                continue;
            }
            for (int i = 0; i < plan.size(); i++)
            {
                long[] valid = Arrays.stream(latencies[i]).filter(l -> l >= 0).toArray();
                any |= valid.length > 0;
                merged[i] = merged[i] == null ? valid : concat(merged[i], valid);
            }
        }
        return any ? merged : null;
    }

    /** @return the latency in ns, or -1 (and the reason in {@code failures}) when the request failed */
    private static long send(HttpClient client, URI root, WarmupRequest request, Map<String, String> failures)
    {
        HttpRequest.Builder builder = HttpRequest.newBuilder(root.resolve(request.pathAndQuery()))
            .timeout(Duration.ofSeconds(10))
            .header(HEADER, "1");
        if (request.safe())
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        else
        {
            builder.method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
            if (request.contentType() != null)
                builder.header("Content-Type", request.contentType());
        }
        long start = System.nanoTime();
        try
        {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            long latency = System.nanoTime() - start;
            if (response.statusCode() >= 500)
            {
                // a server error on a warm-up request is worth knowing, but it still exercises the path
                failures.putIfAbsent(request + " (answered " + response.statusCode() + ")", "answered " + response.statusCode());
            }
            return latency;
        }
        catch (IOException x)
        {
            failures.put(request.toString(), x.getClass().getSimpleName() + (x.getMessage() == null ? "" : ": " + x.getMessage()));
            return -1;
        }
        catch (InterruptedException x)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static double score(long[][] latencies)
    {
        double score = 0;
        for (long[] row : latencies)
        {
            if (row == null || row.length == 0)
                continue;
            long[] sorted = row.clone();
            Arrays.sort(sorted);
            score += sorted[sorted.length / 2];
        }
        return score;
    }

    private static long[] concat(long[] a, long[] b)
    {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
