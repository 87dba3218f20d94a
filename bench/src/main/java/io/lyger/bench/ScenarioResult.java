package io.lyger.bench;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runs of one scenario on every target, in round order, or why it was not run. */
public record ScenarioResult(Scenario scenario, Map<Side, List<RunResult>> byTarget, String notRun)
{
    public ScenarioResult
    {
        byTarget = new EnumMap<>(byTarget.isEmpty() ? Map.<Side, List<RunResult>>of() : byTarget);
        byTarget.replaceAll((side, runs) -> List.copyOf(runs));
    }

    /** The suite's subject and baseline only (lyger-native and lyger-jetty for HTTP). */
    public ScenarioResult(Scenario scenario, List<RunResult> nativeRuns, List<RunResult> jettyRuns, String notRun)
    {
        this(scenario, Map.of(scenario.suite().subject(), nativeRuns, scenario.suite().baseline(), jettyRuns), notRun);
    }

    public static ScenarioResult notRun(Scenario scenario, String why)
    {
        return new ScenarioResult(scenario, Map.of(), why);
    }

    /** @return true when it ran and every target measured has runs */
    public boolean ran()
    {
        return notRun == null && !nativeRuns().isEmpty() && byTarget.values().stream().noneMatch(List::isEmpty);
    }

    /** @return the targets measured, in round order */
    public List<Side> sides()
    {
        return List.copyOf(byTarget.keySet());
    }

    public List<RunResult> runs(Side side)
    {
        return byTarget.getOrDefault(side, List.of());
    }

    /** @return the runs of the suite's subject: lyger-native, or lyger-native-tls for an HTTPS scenario */
    public List<RunResult> nativeRuns()
    {
        return runs(scenario.suite().subject());
    }

    /** @return the runs of the suite's baseline: lyger-jetty, or jetty-tls for an HTTPS scenario */
    public List<RunResult> jettyRuns()
    {
        return runs(scenario.suite().baseline());
    }

    /** @return every run in the order they ran: round by round, each round in target order */
    public List<RunResult> inRoundOrder()
    {
        return allRuns().stream().sorted(java.util.Comparator.comparingInt(RunResult::pair)
            .thenComparing(RunResult::side)).toList();
    }

    /** @return every run of every target */
    public List<RunResult> allRuns()
    {
        return byTarget.values().stream().flatMap(List::stream).toList();
    }

    public double median(Side side, Metric metric)
    {
        return Stats.median(runs(side), metric);
    }

    /** @return the median of the per-pair ratios native/Jetty of {@code metric} (NaN without lyger-jetty) */
    public double ratio(Metric metric)
    {
        return Stats.pairedRatio(nativeRuns(), jettyRuns(), metric);
    }

    /**
     * @return the peer (Tomcat, Undertow, bare Jetty) with the best median of {@code metric}: the highest where higher
     * is better, else the lowest; empty when no peer has a value
     */
    public Optional<Side> bestPeer(Metric metric)
    {
        Comparator<Side> byMedian = Comparator.comparingDouble(side -> median(side, metric));
        return Side.peers(sides()).stream().filter(side -> !Double.isNaN(median(side, metric)))
            .max(metric.higherIsBetter() ? byMedian : byMedian.reversed());
    }

    /** @return the median of the per-round ratios lyger-native / best peer of {@code metric} (NaN without a peer) */
    public double peerRatio(Metric metric)
    {
        return bestPeer(metric).map(peer -> Stats.pairedRatio(nativeRuns(), runs(peer), metric)).orElse(Double.NaN);
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
