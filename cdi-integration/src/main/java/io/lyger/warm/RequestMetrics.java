package io.lyger.warm;

import java.util.concurrent.atomic.LongAdder;

/**
 * Requests served by the web applications (Lyger's own {@code /_lyger/} answers are not counted; warm-up requests
 * are counted in an instance of their own): totals per status class and a latency histogram with Prometheus'
 * cumulative buckets.
 */
public final class RequestMetrics
{
    /** Upper bounds of the latency buckets, in seconds. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder[] byStatusClass = newAdders(6); // index 1..5 for 1xx..5xx, 0 for anything else
    private final LongAdder[] buckets = newAdders(BUCKETS.length + 1); // the last one is +Inf
    private final LongAdder sumNanos = new LongAdder();

    void record(int status, long nanos)
    {
        int statusClass = status / 100;
        byStatusClass[statusClass >= 1 && statusClass <= 5 ? statusClass : 0].increment();
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BUCKETS.length && seconds > BUCKETS[bucket])
            bucket++;
        buckets[bucket].increment();
        sumNanos.add(nanos);
    }

    long requests(int statusClass)
    {
        return byStatusClass[statusClass].sum();
    }

    long total()
    {
        long total = 0;
        for (LongAdder adder : byStatusClass)
            total += adder.sum();
        return total;
    }

    /** @return the count in each bucket (not cumulative), the last one for latencies above the largest bound */
    long[] bucketCounts()
    {
        long[] counts = new long[buckets.length];
        for (int i = 0; i < buckets.length; i++)
            counts[i] = buckets[i].sum();
        return counts;
    }

    double sumSeconds()
    {
        return sumNanos.sum() / 1e9;
    }

    private static LongAdder[] newAdders(int count)
    {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++)
            adders[i] = new LongAdder();
        return adders;
    }
}
