package io.lyger.connector.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * A WARN line about one request that a client can cause at request rate (issue 14: a bad request must not grow the
 * log at the client's pace): at most one line per {@link #PERIOD_NANOS}, the failure's message without its stack
 * trace (that is at DEBUG), and the number of lines left out since the last one.
 */
final class RateLimitedWarning
{
    static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    void warn(Logger log, String message, Throwable failure)
    {
        long now = System.nanoTime();
        long next = nextNanos.get();
        if (now - next >= 0 && nextNanos.compareAndSet(next, now + PERIOD_NANOS))
        {
            long left = suppressed.getAndSet(0);
            log.warn("{}: {}{}", message, failure, left == 0 ? "" : " (" + left + " more like it in the last " + TimeUnit.NANOSECONDS.toSeconds(PERIOD_NANOS) + " s)");
        }
        else
        {
            suppressed.incrementAndGet();
        }
        if (log.isDebugEnabled())
            log.debug(message, failure);
    }
}
