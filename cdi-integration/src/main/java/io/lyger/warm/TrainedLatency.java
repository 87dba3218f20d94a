package io.lyger.warm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The steady latency a warm-up reached, per request of its plan (the median of each request in its last window, in
 * ms): a training run records it ({@code lyger train}), and a later start with the same application stops its JIT
 * warm-up as soon as a window's latency is within {@link #FACTOR} of it ({@link #reachedBy}) rather than waiting
 * for latency to stop improving. Per request, so that a start whose plan holds more requests (a recorded plan added to
 * the declared one) compares the requests both know: the sum of their medians now against the sum trained.
 */
public final class TrainedLatency
{
    /**
     * How much slower than trained a window may be and count as warm: the training's last window ran with the JIT
     * done; a start that gets within a third of it has compiled what matters, and settles the rest (see
     * {@link JitWarmup}) before ready.
     */
    static final double FACTOR = 1.3;
    private static final String PREFIX = "latency.ms.";

    private final Map<String, Double> millis;

    private TrainedLatency(Map<String, Double> millis)
    {
        this.millis = Map.copyOf(millis);
    }

    /** @return the medians of one window's latencies (ns, per plan request; null or empty rows are left out) */
    static TrainedLatency of(List<WarmupRequest> plan, long[][] latencies)
    {
        Map<String, Double> millis = new LinkedHashMap<>();
        for (int i = 0; i < plan.size() && i < latencies.length; i++)
        {
            double median = median(latencies[i]);
            if (median >= 0)
                millis.put(plan.get(i).toString(), median / 1e6);
        }
        return new TrainedLatency(millis);
    }

    /** @return what {@link #write} stored; empty when nothing was */
    public static TrainedLatency read(Properties properties)
    {
        Map<String, Double> millis = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames())
        {
            if (!name.startsWith(PREFIX))
                continue;
            try
            {
                double value = Double.parseDouble(properties.getProperty(name));
                if (value > 0 && Double.isFinite(value))
                    millis.put(name.substring(PREFIX.length()), value);
            }
            catch (NumberFormatException x)
            {
                // a damaged entry is left out: that request is not compared
            }
        }
        return new TrainedLatency(millis);
    }

    public void write(Properties properties)
    {
        millis.forEach((request, value) -> properties.setProperty(PREFIX + request, String.format(Locale.ROOT, "%.4f", value)));
    }

    public boolean isEmpty()
    {
        return millis.isEmpty();
    }

    public int size()
    {
        return millis.size();
    }

    /**
     * @return null while the window is slower than {@link #FACTOR} times the trained latency (or shares no request
     * with it); else the words of the stop ("one pass 1.20 ms, trained 1.05 ms")
     */
    String reachedBy(List<WarmupRequest> plan, long[][] latencies)
    {
        double now = 0;
        double trained = 0;
        for (int i = 0; i < plan.size() && i < latencies.length; i++)
        {
            Double known = millis.get(plan.get(i).toString());
            double median = median(latencies[i]);
            if (known == null || median < 0)
                continue;
            now += median / 1e6;
            trained += known;
        }
        if (trained <= 0 || now > trained * FACTOR)
            return null;
        return String.format(Locale.ROOT, "%.2f ms a pass of the trained requests, trained %.2f ms", now, trained);
    }

    /** @return the median of the row, or -1 when it has none */
    private static double median(long[] row)
    {
        if (row == null || row.length == 0)
            return -1;
        long[] sorted = row.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
