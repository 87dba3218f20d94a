package io.lyger.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one invocation of the harness measured, for the report and the chart.
 *
 * @param active          which connector each target's log says serves
 * @param connectorLines  the log lines that say so
 * @param checks          per target, the answer to the first GET /plaintext (e.g. {@code 200 "Hello, World!"})
 * @param estimate        the time budget computed before running
 */
public record BenchRun(BenchOptions options, MachineInfo machine, List<String> jvmFlags, List<String> serveArgs,
                       Map<Side, ServerProcess.Active> active, Map<Side, List<String>> connectorLines,
                       Map<Side, String> checks, List<ScenarioResult> results, Instant started, Duration elapsed,
                       Duration estimate, boolean peakRssPerRun)
{
    /**
     * @return true when the suite's subject (lyger-native, lyger-native-tls) really ran on the native engine and its
     * baseline (lyger-jetty, jetty-tls; when measured) on Jetty's connector
     */
    public boolean comparable()
    {
        Suite suite = options.suite();
        return active.get(suite.subject()) == ServerProcess.Active.NATIVE
            && active.get(suite.baseline()) != ServerProcess.Active.NATIVE;
    }

    /** @return the targets measured, in round order */
    public List<Side> targets()
    {
        return options.targets();
    }

    /** @return the median over all measured runs of the cores used by everything else (NaN without runs) */
    public double medianBackgroundCores()
    {
        return Stats.median(results.stream()
            .flatMap(r -> r.allRuns().stream()).map(RunResult::otherCores).toList());
    }

    /** @return true when the machine was busy with other work during the runs (median background above 0.25 cores) */
    public boolean noisy()
    {
        return medianBackgroundCores() > 0.25;
    }

    /** @return true when every target answered 200 and every run that ran served requests */
    public boolean allServed()
    {
        for (Side side : targets())
            if (checks.get(side) == null || !checks.get(side).startsWith("200"))
                return false;
        for (ScenarioResult result : results)
        {
            if (!result.scenario().available())
                continue;
            if (!result.ran())
                return false;
            for (Side side : result.sides())
                if (result.requests(side) == 0)
                    return false;
        }
        return true;
    }
}
