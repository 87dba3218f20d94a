package io.lyger.bench;

/**
 * What one wrk run reported (through the {@code done()} of the Lua script {@link WrkRunner} writes).
 * Latencies are in microseconds; errors are wrk's socket errors plus non-2xx/3xx responses ({@code status}).
 */
public record WrkResult(long requests, long durationMicros, long bytes, long connectErrors, long readErrors,
                        long writeErrors, long statusErrors, long timeouts, double p50Micros, double p99Micros,
                        double p999Micros, double maxMicros)
{
    /** @return every error wrk counted. */
    public long errors()
    {
        return connectErrors + readErrors + writeErrors + statusErrors + timeouts;
    }

    public double requestsPerSecond()
    {
        return durationMicros <= 0 ? 0 : requests * 1e6 / durationMicros;
    }
}
