package io.lyger.launcher;

import java.time.Duration;

import io.lyger.warm.WarmOptions;
import picocli.CommandLine.Option;

/** {@code serve}'s options for warm deployments and the reserved {@code /_lyger/} prefix (see cdi-integration/). */
final class WarmupMixin
{
    @Option(names = "--no-warmup",
        description = "Start cold, as a stock server does: no beans created nor persistence units deployed ahead, no JIT warm-up. Health and metrics stay.")
    boolean noWarmup;

    @Option(names = "--warmup-budget", paramLabel = "SECONDS",
        description = "How long the JIT warm-up may replay the application's requests before ready; 0 turns it off (default: 10, or $LYGER_WARMUP_BUDGET).")
    String warmupBudget;

    @Option(names = "--reserved-prefix", paramLabel = "PATH", defaultValue = "/_lyger",
        description = "Path prefix Lyger answers itself, in front of every WAR: health/ready, health/live, metrics (default: ${DEFAULT-VALUE}).")
    String reservedPrefix;

    @Option(names = "--metrics-from-anywhere",
        description = "Serve <prefix>/metrics to every client, not only to loopback ones.")
    boolean metricsFromAnywhere;

    WarmOptions options()
    {
        WarmOptions options = WarmOptions.defaults().withReservedPrefix(reservedPrefix).withMetricsFromAnywhere(metricsFromAnywhere);
        if (warmupBudget != null)
        {
            Duration budget = WarmOptions.parseDuration(warmupBudget);
            if (budget.isNegative())
                throw new IllegalArgumentException("--warmup-budget must not be negative");
            options = options.withJitBudget(budget);
        }
        return noWarmup ? options.cold() : options;
    }
}
