package io.lyger.warm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The steady latency a warm-up reached, per request of its plan (the median of each request in its last window, in
 * ms), and the CPU time its Java threads spent on one pass of the plan then: a training run records it
 * ({@code lyger train}), and a later start with the same application stops its JIT warm-up as soon as a window is
 * within {@link #FACTOR} of it ({@link #reachedBy}) rather than waiting for latency to stop improving. Per request, so
 * that a start whose plan holds more requests (a recorded plan added to the declared one) compares the requests both
 * know.
 * <p>
 * Where both sides measured it, the comparison is in CPU time, not wall-clock latency: on a shared machine the
 * latency of a request grows with the other processes' load while the CPU time the server spends on it hardly moves,
 * so a training run on a quiet machine recorded a latency that a start under load reached late or never (it then
 * warmed up to its budget), and one trained under load recorded a latency a quiet start reached before the JIT had
 * done its work. The CPU time of a pass says how much code still runs interpreted or in C1's first tiers, whatever the
 * load: the JIT's compiler threads are not counted (see {@link ThreadsCpu}). A pass's CPU time is shared among the
 * requests in proportion to their median latency. Without CPU figures (a JVM that does not measure thread CPU time,
 * an older profile), the wall-clock latencies are compared.
 */
public final class TrainedLatency
{
    /**
     * How much slower than trained a window may be and count as warm: the training's last windows ran with the JIT
     * done; a start that gets within a third of it has compiled what matters, and settles the rest (see
     * {@link JitWarmup}) before ready.
     */
    static final double FACTOR = 1.3;
    private static final String PREFIX = "latency.ms.";
    private static final String CPU = "cpu.ms.pass";

    private final Map<String, Double> millis;
    /** CPU time of one pass of the plan (ms), or -1 when not measured */
    private final double cpuMillisPerPass;

    private TrainedLatency(Map<String, Double> millis, double cpuMillisPerPass)
    {
        this.millis = Map.copyOf(millis);
        this.cpuMillisPerPass = cpuMillisPerPass;
    }

    /** @return the medians of one window's latencies (ns, per plan request; null or empty rows are left out), no CPU figure */
    static TrainedLatency of(List<WarmupRequest> plan, long[][] latencies)
    {
        return of(plan, latencies, -1);
    }

    /**
     * @param cpuNanosPerPass the CPU time of one pass of the plan in the last windows (see {@link #cpuPerPass}); -1:
     * not measured
     */
    static TrainedLatency of(List<WarmupRequest> plan, long[][] latencies, double cpuNanosPerPass)
    {
        Map<String, Double> millis = new LinkedHashMap<>();
        for (int i = 0; i < plan.size() && i < latencies.length; i++)
        {
            double median = median(latencies[i]);
            if (median >= 0)
                millis.put(plan.get(i).toString(), median / 1e6);
        }
        return new TrainedLatency(millis, millis.isEmpty() || cpuNanosPerPass <= 0 ? -1 : cpuNanosPerPass / 1e6);
    }

    /**
     * @param cpuNanos the CPU time the Java threads spent during the window ({@link ThreadsCpu}); -1: unknown
     * @return the CPU time (ns) of one pass of the plan in a window: its CPU time over the passes it made, or -1
     */
    static double cpuPerPass(long[][] latencies, long cpuNanos)
    {
        long samples = 0;
        int rows = 0;
        for (long[] row : latencies)
        {
            if (row != null && row.length > 0)
            {
                samples += row.length;
                rows++;
            }
        }
        return cpuNanos < 0 || samples == 0 ? -1 : cpuNanos * (double) rows / samples;
    }

    /** @return what {@link #write} stored; empty when nothing was */
    public static TrainedLatency read(Properties properties)
    {
        Map<String, Double> millis = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames())
        {
            if (!name.startsWith(PREFIX))
                continue;
            double value = positive(properties.getProperty(name));
            // a damaged entry is left out: that request is not compared
            if (value > 0)
                millis.put(name.substring(PREFIX.length()), value);
        }
        return new TrainedLatency(millis, millis.isEmpty() ? -1 : positive(properties.getProperty(CPU)));
    }

    private static double positive(String text)
    {
        try
        {
            double value = text == null ? -1 : Double.parseDouble(text);
            return value > 0 && Double.isFinite(value) ? value : -1;
        }
        catch (NumberFormatException x)
        {
            return -1;
        }
    }

    public void write(Properties properties)
    {
        millis.forEach((request, value) -> properties.setProperty(PREFIX + request, String.format(Locale.ROOT, "%.4f", value)));
        if (cpuMillisPerPass > 0)
            properties.setProperty(CPU, String.format(Locale.ROOT, "%.4f", cpuMillisPerPass));
    }

    public boolean isEmpty()
    {
        return millis.isEmpty();
    }

    public int size()
    {
        return millis.size();
    }

    /** @return whether the training measured its CPU time (the comparison is then in CPU time when the start does) */
    boolean hasCpu()
    {
        return cpuMillisPerPass > 0;
    }

    /** As {@link #reachedBy(List, long[][], long)} with the window's CPU time unknown: wall-clock latencies compared. */
    String reachedBy(List<WarmupRequest> plan, long[][] latencies)
    {
        return reachedBy(plan, latencies, -1);
    }

    /**
     * @param cpuNanos the CPU time the Java threads spent during the window; -1: unknown (latencies are compared)
     * @return null while the window is slower than {@link #FACTOR} times the trained figure (or shares no request
     * with it); else the words of the stop ("1.20 ms of CPU a pass of the trained requests, trained 1.05 ms")
     */
    String reachedBy(List<WarmupRequest> plan, long[][] latencies, long cpuNanos)
    {
        double now = 0;
        double nowAll = 0;
        double trained = 0;
        for (int i = 0; i < plan.size() && i < latencies.length; i++)
        {
            double median = median(latencies[i]);
            if (median < 0)
                continue;
            nowAll += median / 1e6;
            Double known = millis.get(plan.get(i).toString());
            if (known == null)
                continue;
            now += median / 1e6;
            trained += known;
        }
        if (trained <= 0)
            return null;
        double cpuPerPass = cpuPerPass(latencies, cpuNanos);
        if (cpuMillisPerPass > 0 && cpuPerPass > 0)
        {
            // each side's CPU time of a pass, shared by the requests in proportion to their latency
            double trainedAll = millis.values().stream().mapToDouble(Double::doubleValue).sum();
            double cpuNow = cpuPerPass / 1e6 * now / nowAll;
            double cpuTrained = cpuMillisPerPass * trained / trainedAll;
            if (cpuNow > cpuTrained * FACTOR)
                return null;
            return String.format(Locale.ROOT, "%.2f ms of CPU a pass of the trained requests, trained %.2f ms", cpuNow, cpuTrained);
        }
        if (now > trained * FACTOR)
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
