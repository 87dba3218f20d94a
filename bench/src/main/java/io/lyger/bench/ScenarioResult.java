package io.lyger.bench;

import java.util.List;

/** The runs of one scenario on both sides, in pair order, or why it was not run. */
public record ScenarioResult(Scenario scenario, List<RunResult> nativeRuns, List<RunResult> jettyRuns, String notRun)
{
    public static ScenarioResult notRun(Scenario scenario, String why)
    {
        return new ScenarioResult(scenario, List.of(), List.of(), why);
    }

    public boolean ran()
    {
        return notRun == null && !nativeRuns.isEmpty() && !jettyRuns.isEmpty();
    }

    public List<RunResult> runs(Side side)
    {
        return side == Side.NATIVE ? nativeRuns : jettyRuns;
    }

    public double median(Side side, Metric metric)
    {
        return Stats.median(runs(side), metric);
    }

    /** @return the median of the per-pair ratios native/Jetty of {@code metric} */
    public double ratio(Metric metric)
    {
        return Stats.pairedRatio(nativeRuns, jettyRuns, metric);
    }

    /** @return wrk errors (socket errors and non-2xx/3xx answers) over every run of {@code side} */
    public long errors(Side side)
    {
        return runs(side).stream().mapToLong(r -> r.wrk().errors()).sum();
    }

    /** @return total requests over every run of {@code side} */
    public long requests(Side side)
    {
        return runs(side).stream().mapToLong(r -> r.wrk().requests()).sum();
    }
}
