package io.lyger.bench;

import java.util.function.ToDoubleFunction;

/** One number measured per run; {@link Stats} takes its median per side and the median of the per-pair ratios. */
public enum Metric
{
    THROUGHPUT("req/s", "req/s", true, RunResult::requestsPerSecond),
    P50("p50", "ms", false, r -> r.wrk().p50Micros() / 1000.0),
    P99("p99", "ms", false, r -> r.wrk().p99Micros() / 1000.0),
    P999("p99.9", "ms", false, r -> r.wrk().p999Micros() / 1000.0),
    CPU_PER_10K("CPU s / 10k req", "s", false, RunResult::cpuSecondsPer10k),
    PEAK_RSS("peak RSS", "MiB", false, r -> r.peakRssKib() / 1024.0),
    /**
     * Idle scenario only: bytes per idle connection, as the growth of RSS plus the growth of the live Java heap while
     * the connections were opened (an upper bound: heap objects that landed on newly resident pages count twice,
     * alike on both sides). Peak RSS cannot show it: it is dominated by how large the heap happens to be.
     */
    IDLE_MEMORY("memory per idle connection", "B", false, RunResult::idleBytesPerConnection);

    private final String label;
    private final String unit;
    private final boolean higherIsBetter;
    private final ToDoubleFunction<RunResult> extractor;

    Metric(String label, String unit, boolean higherIsBetter, ToDoubleFunction<RunResult> extractor)
    {
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.extractor = extractor;
    }

    public String label()
    {
        return label;
    }

    public String unit()
    {
        return unit;
    }

    public boolean higherIsBetter()
    {
        return higherIsBetter;
    }

    public double of(RunResult run)
    {
        return extractor.applyAsDouble(run);
    }
}
