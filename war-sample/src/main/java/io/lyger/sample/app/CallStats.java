package io.lyger.sample.app;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/** Calls and total time per {@link Timed} method, for {@code /stats}. */
@ApplicationScoped
public class CallStats
{
    private final Map<String, LongAdder[]> calls = new ConcurrentHashMap<>();

    void record(String method, long nanos)
    {
        LongAdder[] counters = calls.computeIfAbsent(method, m -> new LongAdder[]{new LongAdder(), new LongAdder()});
        counters[0].increment();
        counters[1].add(nanos);
    }

    /** @return calls per method, sorted by method */
    public Map<String, Long> counts()
    {
        Map<String, Long> counts = new TreeMap<>();
        calls.forEach((method, counters) -> counts.put(method, counters[0].sum()));
        return counts;
    }
}
