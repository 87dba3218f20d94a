package io.lyger.bench;

/**
 * A target of issue 3: the median ratio native/Jetty of {@code metric} must be at least ({@code atLeast}) or at most
 * {@code bound}.
 */
public record Target(Metric metric, boolean atLeast, double bound)
{
    public static Target atLeast(Metric metric, double bound)
    {
        return new Target(metric, true, bound);
    }

    public static Target atMost(Metric metric, double bound)
    {
        return new Target(metric, false, bound);
    }

    /** @return whether {@code ratio} meets this target. */
    public boolean metBy(double ratio)
    {
        return atLeast ? ratio >= bound : ratio <= bound;
    }

    /** @return the target as written in the report, e.g. {@code req/s ≥ 1.3×}. */
    public String describe()
    {
        return metric.label() + (atLeast ? " ≥ " : " ≤ ") + bound + "×";
    }
}
