package io.lyger.warm;

import java.io.IOException;
import java.net.URI;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the warm-up plan over real HTTP through the bound port (the connector, Jetty, the web application, its
 * beans and its database), so that the JIT compiles the paths requests take, until latency stops improving or the
 * budget runs out.
 * <p>
 * It runs in windows: in each, a few client threads replay the whole plan several times, and the window's score is
 * the sum over the plan's requests of their median latency. When {@value #PATIENCE} windows do not beat the best score
 * by {@value #MIN_GAIN_PERCENT}% while the JIT compiler keeps up (at most {@value #QUIET_QUEUE} compilations pending at
 * the window's end, see {@link CompilerQueue}), or when the median of the last windows is no better than that of the ones
 * before ({@link Plateau}: robust to a noisy machine), latency has stopped improving. Given the latency a training run
 * reached ({@link TrainedLatency}), it also stops as soon as two windows in a row are within a small factor of it. Then it settles (see
 * {@link #settle}): a full collection, two more passes, and a wait for the JIT compiler to go idle within the budget.
 * Requests carry {@value #HEADER}, which keeps them out of the request metrics; in the first warm-up, every other
 * one goes without it (and the server counts those apart too until ready, see
 * {@link ReservedPathHandler#countUnmarkedAsWarmup}), so that the check for it is compiled for a client's request.
 * <p>
 * Public for servers that make their own plan and readiness (the Spring Boot starter's {@code lyger.warmup.paths}):
 * {@link #replay} applies the same rules (declared requests only, the budget, each request's longest wait).
 */
public final class JitWarmup
{
    private static final Logger LOG = LoggerFactory.getLogger(JitWarmup.class);

    static final String HEADER = "X-Lyger-Warmup";
    static final int PATIENCE = 3;
    static final int MIN_GAIN_PERCENT = 3;
    private static final int MIN_WINDOWS = 4;

    /** The most compilations pending at the end of a window for the JIT to count as keeping up. */
    static final int QUIET_QUEUE = 2;
    /** Passes of the plan, one request at a time, just before ready. */
    static final int SETTLE_PASSES = 2;
    /** Rounds of "wait for the compiler, then one pass" that end the settling. */
    static final int MAX_FINAL_PASSES = 5;
    /** The most of the budget kept for settling after the windows. */
    static final Duration MAX_SETTLE = Duration.ofSeconds(2);
    /**
     * A request cut off by the deadline after waiting this long for its answer counts as failed (and is not sent
     * again): it hangs. One cut off sooner was only in flight when the time was up.
     */
    static final long HUNG_MILLIS = 1000;
    /**
     * One request may wait for its answer this share of the budget at most (and never less than {@link #HUNG_MILLIS}):
     * one that hangs is then abandoned, counted as failed and not sent again, and the others have the rest of the
     * budget.
     */
    static final int MAX_WAIT_SHARE = 4;
    /** How long past its deadline a window waits for its threads once their connections are closed. */
    static final long ABANDON_MILLIS = 200;

    /**
     * What a warm-up did. {@code settleMillis}: from the end of the windows to ready; {@code pendingCompilations}: the
     * JIT compilations still running or queued then (0: the compiler was idle; -1: the JVM does not tell);
     * {@code steady}: each request's median latency in the last window (what a training run records).
     */
    public record Result(int requests, int windows, long millis, double firstScoreMs, double bestScoreMs, String stoppedBecause,
                  Map<String, String> failures, long settleMillis, int pendingCompilations, TrainedLatency steady)
    {
    }

    private JitWarmup()
    {
    }

    /**
     * Replays {@code plan} through {@code root} within {@code budget} on a thread per core but one, and logs what it
     * did (one line, and one per failing request). Never fails: a request that fails is logged and left out.
     *
     * @param unmarkedToo see {@link #run}
     */
    public static Result replay(URI root, List<WarmupRequest> plan, Duration budget, boolean unmarkedToo) throws InterruptedException
    {
        return replay(root, plan, budget, unmarkedToo, null);
    }

    /** @param target the latency a training run reached: the windows stop once within a small factor of it; null: none */
    public static Result replay(URI root, List<WarmupRequest> plan, Duration budget, boolean unmarkedToo, TrainedLatency target)
        throws InterruptedException
    {
        // Leave a core to the JIT compiler: when the warm-up's requests take every core, its queue grows, HotSpot
        // raises its tier-4 thresholds with the queue's length, and methods get their final compilation only after
        // ready, during the first requests.
        int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors() - 1));
        Result result = run(root, plan, budget, threads, unmarkedToo, target);
        if (result.requests() == 0)
        {
            LOG.info("JIT warm-up: {}", result.stoppedBecause());
            return result;
        }
        String compiler = result.pendingCompilations() == 0 ? "JIT compiler idle"
            : result.pendingCompilations() < 0 ? "JIT compiler state unknown" : result.pendingCompilations() + " JIT compilations still pending";
        LOG.info("JIT warm-up: {} requests over {} paths in {} ms ({} windows, {}): one pass {} ms at first, {} ms at best; settled in {} ms, {}",
            result.requests(), plan.size(), result.millis(), result.windows(), result.stoppedBecause(),
            String.format(java.util.Locale.ROOT, "%.2f", result.firstScoreMs()), String.format(java.util.Locale.ROOT, "%.2f", result.bestScoreMs()),
            result.settleMillis(), compiler);
        for (Map.Entry<String, String> failure : result.failures().entrySet())
            LOG.warn("JIT warm-up: {}: {}", failure.getKey(), failure.getValue());
        return result;
    }

    /**
     * @param unmarkedToo send every other request without {@value #HEADER} (in a pattern that gives each request of
     * the plan both), so that the server's check for it is compiled for both answers; only while the server counts
     * such requests as warm-up requests (see {@link ReservedPathHandler#countUnmarkedAsWarmup})
     */
    static Result run(URI root, List<WarmupRequest> declared, Duration budget, int threads, boolean unmarkedToo) throws InterruptedException
    {
        return run(root, declared, budget, threads, unmarkedToo, null);
    }

    static Result run(URI root, List<WarmupRequest> declared, Duration budget, int threads, boolean unmarkedToo, TrainedLatency target)
        throws InterruptedException
    {
        List<WarmupRequest> plan = weighted(declared);
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        // the windows leave the end of the budget (a fifth, 2 s at most) to settling
        long deadline = end - Math.min(MAX_SETTLE.toNanos(), budget.toNanos() / 5);
        Map<String, String> failures = new ConcurrentHashMap<>();
        if (plan.isEmpty() || budget.isZero())
            return new Result(0, 0, 0, 0, 0, plan.isEmpty() ? "nothing to replay" : "no budget", Map.of(), 0, 0, TrainedLatency.of(plan, new long[0][]));
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable ->
        {
            Thread thread = new Thread(runnable, "lyger-warmup");
            thread.setDaemon(true);
            return thread;
        });
        // one client per thread, kept across windows: its keep-alive connection as well
        WarmupClient[] clients = new WarmupClient[threads];
        for (int t = 0; t < threads; t++)
            clients[t] = new WarmupClient(root, deadline, maxWait(budget));
        AtomicInteger sent = new AtomicInteger();
        int windows = 0;
        int stale = 0;
        double first = 0;
        double best = Double.MAX_VALUE;
        String stoppedBecause = "the budget ran out";
        Plateau plateau = new Plateau(MIN_GAIN_PERCENT);
        long[][] last = new long[0][];
        // the CPU time of a pass in the last windows (ns, -1 unknown): the training records their median
        double[] cpuPerPass = {-1, -1, -1};
        boolean reachedBefore = false;
        long lastWindowEnd = start;
        try
        {
            int passes = 5;
            while (System.nanoTime() < deadline)
            {
                long windowStart = System.nanoTime();
                ThreadsCpu cpuBefore = ThreadsCpu.now();
                long[][] latencies = window(clients, executor, plan, passes, deadline, sent, failures, unmarkedToo);
                long cpu = ThreadsCpu.between(cpuBefore, ThreadsCpu.now());
                long windowNanos = System.nanoTime() - windowStart;
                if (latencies == null || System.nanoTime() - deadline >= 0)
                    break;
                windows++;
                last = latencies;
                cpuPerPass[windows % cpuPerPass.length] = TrainedLatency.cpuPerPass(latencies, cpu);
                double score = score(latencies);
                if (windows == 1)
                    first = score;
                boolean flat = plateau.reached(score);
                if (score < best * (1 - MIN_GAIN_PERCENT / 100.0))
                {
                    best = score;
                    stale = 0;
                }
                else
                {
                    best = Math.min(best, score);
                    // a window counts as stale only once the compiler keeps up: while its queue is long, HotSpot holds
                    // back tier-4 compilations, and what latency will gain from them is still to come
                    int pending = CompilerQueue.pending();
                    if (pending <= QUIET_QUEUE)
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
                // two windows in a row as fast as the training run's last: warm, whatever the compiler still has queued
                // (the settling waits for it within the budget)
                String trained = target == null ? null : target.reachedBy(plan, latencies, cpu);
                if (LOG.isDebugEnabled())
                {
                    LOG.debug("JIT warm-up window {}: {} passes in {} ms (requests' latencies {} ms, gap {} ms), one pass {} ms (best {} ms), CPU {} ms a pass, {} compilations pending, {} stale{}", windows, passes,
                        windowNanos / 1_000_000, (long) (wallSum(latencies) / 1e6), (windowStart - lastWindowEnd) / 1_000_000,
                        String.format(java.util.Locale.ROOT, "%.3f", score / 1e6), String.format(java.util.Locale.ROOT, "%.3f", best / 1e6),
                        String.format(java.util.Locale.ROOT, "%.3f", TrainedLatency.cpuPerPass(latencies, cpu) / 1e6),
                        CompilerQueue.pending(), stale, trained == null ? "" : ", within the trained latency");
                    lastWindowEnd = System.nanoTime();
                }
                boolean reached = trained != null && reachedBefore;
                reachedBefore = trained != null;
                if (reached)
                {
                    stoppedBecause = "latency reached the training run's (" + trained + ")";
                    break;
                }
                if (flat && CompilerQueue.pending() <= QUIET_QUEUE)
                {
                    stoppedBecause = "latency stopped improving (median of the last " + Plateau.SPAN + " windows)";
                    break;
                }
                passes = Math.min(passes * 2, 40);
            }
        }
        finally
        {
            executor.shutdownNow();
            // after the windows no request is in flight; when interrupted, closing a client ends its request
            for (WarmupClient client : clients)
                client.close();
        }
        long settleStart = System.nanoTime();
        int pending;
        try (WarmupClient client = new WarmupClient(root, end, maxWait(budget)))
        {
            pending = settle(client, plan, end, sent, failures, unmarkedToo);
        }
        long now = System.nanoTime();
        return new Result(sent.get(), windows, (now - start) / 1_000_000, first / 1e6, best == Double.MAX_VALUE ? 0 : best / 1e6,
            stoppedBecause, new LinkedHashMap<>(failures), (now - settleStart) / 1_000_000, pending, TrainedLatency.of(plan, last, median(cpuPerPass)));
    }

    /**
     * Leaves the server as the first request after ready should find it:
     * <ol>
     * <li>a full collection, so that the windows' garbage is not collected during the first requests (and the heap
     * watch gets the after-GC baseline of a warm server);</li>
     * <li>{@value #SETTLE_PASSES} more passes of the plan, one request at a time, so that the code and data the requests
     * use, which the collection moved, are touched again;</li>
     * <li>a wait, until {@code end}, for the JIT compiler to install what the windows and these passes triggered: a
     * request that comes while it still compiles runs the older code, and on a small machine waits for a CPU the
     * compiler holds;</li>
     * <li>a last pass, so that the wait (up to {@link #MAX_SETTLE}) is not an idle spell just before ready: the
     * threads, caches and compiled code a request uses were just used when the first client comes. If that pass made
     * the compiler work again, it waits and passes again (at most {@value #MAX_FINAL_PASSES} times, within
     * {@code end}), so that the first client does not share the CPUs with the compiler either.</li>
     * </ol>
     *
     * @return the compilations still pending after the wait (see {@link CompilerQueue#awaitIdle(long)})
     */
    private static int settle(WarmupClient client, List<WarmupRequest> plan, long end, AtomicInteger sent, Map<String, String> failures,
                              boolean unmarkedToo) throws InterruptedException
    {
        if (System.nanoTime() - end >= 0)
            return CompilerQueue.pending();
        long t0 = System.nanoTime();
        System.gc();
        long t1 = System.nanoTime();
        for (int pass = 0; pass < SETTLE_PASSES; pass++)
            pass(client, plan, end, sent, failures, unmarkedToo, pass);
        if (LOG.isDebugEnabled())
            LOG.debug("JIT warm-up settling: full collection {} ms, {} passes {} ms, {} compilations pending", (t1 - t0) / 1_000_000, SETTLE_PASSES,
                (System.nanoTime() - t1) / 1_000_000, CompilerQueue.pending());
        int pending = 0;
        for (int round = 0; round < MAX_FINAL_PASSES; round++)
        {
            long w0 = System.nanoTime();
            pending = CompilerQueue.awaitIdle(end);
            long w1 = System.nanoTime();
            long compiled = CompilerQueue.compiledMillis();
            pass(client, plan, end, sent, failures, unmarkedToo, SETTLE_PASSES + round);
            if (LOG.isDebugEnabled())
                LOG.debug("JIT warm-up settling round {}: waited {} ms for the compiler ({} pending then), pass {} ms, compiled {} ms more, {} pending", round,
                    (w1 - w0) / 1_000_000, pending, (System.nanoTime() - w1) / 1_000_000, CompilerQueue.compiledMillis() - compiled, CompilerQueue.pending());
            // done on a pass that made the compiler do nothing more: the first client finds it idle, the server warm
            if (System.nanoTime() - end >= 0 || (CompilerQueue.compiledMillis() == compiled && CompilerQueue.pending() == 0))
                break;
        }
        // its connection closes now rather than with the idle timeout, and the server's side of it with it
        client.close();
        return pending;
    }

    /** One pass of the plan, one request at a time, skipping the requests that failed before. */
    private static void pass(WarmupClient client, List<WarmupRequest> plan, long end, AtomicInteger sent, Map<String, String> failures,
                             boolean unmarkedToo, int pass)
    {
        for (int i = 0; i < plan.size() && System.nanoTime() - end < 0; i++)
        {
            WarmupRequest request = plan.get(i);
            if (failures.containsKey(request.toString()))
                continue;
            send(client, request, failures, marked(unmarkedToo, pass + i));
            sent.incrementAndGet();
        }
    }

    /** @return per plan request, the latencies (ns) of this window; null if the deadline passed before any pass */
    private static long[][] window(WarmupClient[] clients, ExecutorService executor, List<WarmupRequest> plan, int passes, long deadline,
                                   AtomicInteger sent, Map<String, String> failures, boolean unmarkedToo) throws InterruptedException
    {
        List<Future<long[][]>> workers = new ArrayList<>();
        for (int t = 0; t < clients.length; t++)
        {
            int thread = t;
            WarmupClient client = clients[t];
            workers.add(executor.submit(() ->
            {
                long[][] latencies = new long[plan.size()][passes];
                for (long[] row : latencies)
                    Arrays.fill(row, -1);
                for (int pass = 0; pass < passes && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted(); pass++)
                {
                    for (int i = 0; i < plan.size() && System.nanoTime() - deadline < 0; i++)
                    {
                        if (failures.containsKey(plan.get(i).toString()))
                            continue;
                        latencies[i][pass] = send(client, plan.get(i), failures, marked(unmarkedToo, thread + pass + i));
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
                // each request has the deadline as its own: a thread still busy well past it is stuck somewhere else
                latencies = worker.get(Math.max(0, deadline - System.nanoTime()) + ABANDON_MILLIS * 1_000_000, TimeUnit.NANOSECONDS);
            }
            catch (java.util.concurrent.ExecutionException x)
            {
                continue;
            }
            catch (TimeoutException x)
            {
                // abandoned: closing the clients ends what they wait for, the windows end here
                for (WarmupClient client : clients)
                    client.close();
                for (Future<long[][]> other : workers)
                    other.cancel(true);
                return null;
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

    /**
     * @param turn a number that goes up by one from a request to the next of a pass, and from a pass to the next
     * @return whether this request carries {@value #HEADER}: always, or every other one when {@code unmarkedToo}
     */
    static boolean marked(boolean unmarkedToo, int turn)
    {
        return !unmarkedToo || turn % 2 == 0;
    }

    /** @return the latency in ns, or -1 (and the reason in {@code failures}) when the request failed */
    private static long send(WarmupClient client, WarmupRequest request, Map<String, String> failures, boolean marked)
    {
        try
        {
            WarmupClient.Answer answer = client.send(request, marked);
            if (answer.status() >= 500)
            {
                // a server error on a warm-up request is worth knowing, but it still exercises the path
                failures.putIfAbsent(request + " (answered " + answer.status() + ")", "answered " + answer.status());
            }
            return answer.nanos();
        }
        catch (WarmupClient.PastDeadline x)
        {
            if (x.hung || x.waitedMillis >= HUNG_MILLIS)
                failures.put(request.toString(), x.getMessage());
            return -1;
        }
        catch (IOException | IllegalArgumentException x)
        {
            failures.put(request.toString(), x.getClass().getSimpleName() + (x.getMessage() == null ? "" : ": " + x.getMessage()));
            return -1;
        }
    }

    /** @return the longest one request of a warm-up with this budget may wait for its answer */
    static Duration maxWait(Duration budget)
    {
        Duration share = budget.dividedBy(MAX_WAIT_SHARE);
        return share.toMillis() < HUNG_MILLIS ? Duration.ofMillis(HUNG_MILLIS) : share;
    }

    /** @return the plan with each request as many times in a row as its weight */
    static List<WarmupRequest> weighted(List<WarmupRequest> plan)
    {
        List<WarmupRequest> weighted = new ArrayList<>();
        for (WarmupRequest request : plan)
        {
            for (int i = 0; i < request.weight(); i++)
                weighted.add(request);
        }
        return List.copyOf(weighted);
    }

    static double wallSum(long[][] latencies)
    {
        double sum = 0;
        for (long[] row : latencies)
        {
            if (row != null)
                for (long l : row)
                    sum += l;
        }
        return sum;
    }

    /** @return the median of the known values (those not negative), or -1 when none is known */
    static double median(double[] values)
    {
        double[] known = Arrays.stream(values).filter(v -> v >= 0).sorted().toArray();
        return known.length == 0 ? -1 : known[known.length / 2];
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
