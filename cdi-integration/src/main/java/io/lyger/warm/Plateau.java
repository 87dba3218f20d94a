package io.lyger.warm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tells when the JIT warm-up's latency has stopped improving, robustly to noise: the median score of the last
 * {@value #SPAN} windows against the median of the {@value #SPAN} before them. On a loaded machine one lucky window
 * beats the best score by a few per cent now and then, which resets {@link JitWarmup}'s count of stale windows: the
 * warm-up then ran to its budget (61 windows of the sample on a busy 2-core machine, latency flat for the last 50).
 * Medians of windows move only when latency does.
 */
final class Plateau
{
    static final int SPAN = 3;

    private final List<Double> scores = new ArrayList<>();
    private final double minGain;

    /** @param minGainPercent how much better the recent windows must be than the ones before to count as improving */
    Plateau(int minGainPercent)
    {
        this.minGain = minGainPercent / 100.0;
    }

    /** @return true once the last {@value #SPAN} windows are not better than the {@value #SPAN} before by the gain */
    boolean reached(double score)
    {
        scores.add(score);
        int n = scores.size();
        if (n < 2 * SPAN)
            return false;
        double recent = median(scores.subList(n - SPAN, n));
        double earlier = median(scores.subList(n - 2 * SPAN, n - SPAN));
        return recent > earlier * (1 - minGain);
    }

    private static double median(List<Double> values)
    {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
