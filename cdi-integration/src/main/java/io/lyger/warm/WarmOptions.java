package io.lyger.warm;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How warm a deployment gets before it reports ready, and what {@code /_lyger/} serves. Immutable; the
 * {@code with...} methods return changed copies.
 *
 * @param cdiWarmup create beans and deploy persistence units before ready (needs a CDI implementation in the WAR)
 * @param jitBudget how long the JIT warm-up may replay the application's requests; {@link Duration#ZERO} turns it off
 * @param reservedPrefix the path prefix Lyger answers itself ({@code /_lyger}), in front of every web application
 * @param metricsFromAnywhere serve {@code /_lyger/metrics} to any client, not only to loopback ones
 * @param heapWindow how often heap-after-GC is sampled for the leak warning
 * @param heapWindows after how many consecutive windows of growth the warning is logged
 */
public record WarmOptions(boolean cdiWarmup, Duration jitBudget, String reservedPrefix, boolean metricsFromAnywhere,
                          Duration heapWindow, int heapWindows)
{
    public static final Duration DEFAULT_JIT_BUDGET = Duration.ofSeconds(10);

    public WarmOptions
    {
        Objects.requireNonNull(jitBudget, "jitBudget");
        Objects.requireNonNull(heapWindow, "heapWindow");
        if (jitBudget.isNegative())
            throw new IllegalArgumentException("the JIT warm-up budget must not be negative");
        if (heapWindow.isZero() || heapWindow.isNegative())
            throw new IllegalArgumentException("the heap window must be positive");
        if (heapWindows < 2)
            throw new IllegalArgumentException("heapWindows must be at least 2, got " + heapWindows);
        reservedPrefix = normalizePrefix(reservedPrefix);
    }

    /**
     * The defaults: everything on, a 10 s JIT budget, {@code /_lyger}, metrics for loopback clients, a heap warning
     * after 5 growing windows of 60 s. The system property {@code lyger.warmup.budget} (seconds, or a
     * {@link Duration} such as {@code PT2S}) or the environment variable {@code LYGER_WARMUP_BUDGET} change the
     * JIT budget of servers built with the defaults; {@code 0} turns the JIT warm-up off.
     */
    public static WarmOptions defaults()
    {
        String budget = System.getProperty("lyger.warmup.budget");
        if (budget == null || budget.isBlank())
            budget = System.getenv("LYGER_WARMUP_BUDGET");
        Duration jitBudget = budget == null || budget.isBlank() ? DEFAULT_JIT_BUDGET : parseDuration(budget);
        return new WarmOptions(true, jitBudget, "/_lyger", false, Duration.ofSeconds(60), 5);
    }

    /** @return options with both warm-ups off: what a stock server does (health and metrics still served) */
    public WarmOptions cold()
    {
        return new WarmOptions(false, Duration.ZERO, reservedPrefix, metricsFromAnywhere, heapWindow, heapWindows);
    }

    public WarmOptions withCdiWarmup(boolean cdiWarmup)
    {
        return new WarmOptions(cdiWarmup, jitBudget, reservedPrefix, metricsFromAnywhere, heapWindow, heapWindows);
    }

    public WarmOptions withJitBudget(Duration jitBudget)
    {
        return new WarmOptions(cdiWarmup, jitBudget, reservedPrefix, metricsFromAnywhere, heapWindow, heapWindows);
    }

    public WarmOptions withReservedPrefix(String reservedPrefix)
    {
        return new WarmOptions(cdiWarmup, jitBudget, reservedPrefix, metricsFromAnywhere, heapWindow, heapWindows);
    }

    public WarmOptions withMetricsFromAnywhere(boolean metricsFromAnywhere)
    {
        return new WarmOptions(cdiWarmup, jitBudget, reservedPrefix, metricsFromAnywhere, heapWindow, heapWindows);
    }

    public WarmOptions withHeapWatch(Duration heapWindow, int heapWindows)
    {
        return new WarmOptions(cdiWarmup, jitBudget, reservedPrefix, metricsFromAnywhere, heapWindow, heapWindows);
    }

    /** @return {@code "10"} or {@code "2.5"} as seconds, or an ISO-8601 duration such as {@code PT2S} */
    public static Duration parseDuration(String text)
    {
        String value = text.trim();
        try
        {
            if (value.toUpperCase(Locale.ROOT).startsWith("P"))
                return Duration.parse(value);
            if (value.endsWith("s"))
                value = value.substring(0, value.length() - 1);
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        }
        catch (RuntimeException x)
        {
            throw new IllegalArgumentException("not a duration: '" + text + "' (seconds, e.g. 10 or 2.5, or ISO-8601 such as PT10S)");
        }
    }

    private static String normalizePrefix(String prefix)
    {
        String path = prefix == null ? "" : prefix.trim();
        while (path.endsWith("/"))
            path = path.substring(0, path.length() - 1);
        if (!path.startsWith("/"))
            path = "/" + path;
        if (path.length() < 2 || path.contains("//") || path.contains("?") || path.contains("#"))
            throw new IllegalArgumentException("invalid reserved prefix '" + prefix + "': give a path such as /_lyger");
        return path;
    }
}
