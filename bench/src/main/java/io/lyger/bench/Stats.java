package io.lyger.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians, and ratios computed round by round (run i of A against run i of B) and then their median. */
public final class Stats
{
    private Stats()
    {
    }

    /** @return the median of {@code values} ignoring NaN, NaN if none is left */
    public static double median(List<Double> values)
    {
        List<Double> sorted = new ArrayList<>();
        for (double v : values)
            if (!Double.isNaN(v))
                sorted.add(v);
        if (sorted.isEmpty())
            return Double.NaN;
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** @return the median of {@code metric} over {@code runs} */
    public static double median(List<RunResult> runs, Metric metric)
    {
        return median(runs.stream().map(metric::of).toList());
    }

    /**
     * @return the median over pairs of {@code metric(native run i) / metric(jetty run i)}; pairs where either side
     * has no value or the denominator is 0 are left out (NaN if none is left)
     */
    public static double pairedRatio(List<RunResult> nativeRuns, List<RunResult> jettyRuns, Metric metric)
    {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(nativeRuns.size(), jettyRuns.size()); i++)
        {
            double a = metric.of(nativeRuns.get(i));
            double b = metric.of(jettyRuns.get(i));
            if (!Double.isNaN(a) && !Double.isNaN(b) && b != 0)
                ratios.add(a / b);
        }
        return median(ratios);
    }
}
