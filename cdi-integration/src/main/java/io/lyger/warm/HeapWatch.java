package io.lyger.warm;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heap used after the last garbage collection (the sum over heap pools of their collection usage: what survived),
 * sampled once per window. When it has grown in {@code windows} consecutive windows, a warning says so once, with the
 * numbers: a server that lives for months must not leak, and a steady climb of what survives GC is how a leak looks.
 */
public final class HeapWatch implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(HeapWatch.class);

    private final int windows;
    private final Duration window;
    private ScheduledExecutorService scheduler;
    private long last = -1;
    private long streakStart = -1;
    private int growing;
    private boolean warned;

    HeapWatch(Duration window, int windows)
    {
        this.window = window;
        this.windows = windows;
    }

    /** @return bytes of heap in use after the last collection, summed over the heap pools; -1 if unknown */
    public static long heapAfterLastGc()
    {
        long total = 0;
        boolean known = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() != MemoryType.HEAP || !pool.isValid())
                continue;
            MemoryUsage usage = pool.getCollectionUsage();
            if (usage != null)
            {
                total += usage.getUsed();
                known = true;
            }
        }
        return known ? total : -1;
    }

    synchronized void start()
    {
        if (scheduler != null)
            return;
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            Thread thread = new Thread(runnable, "lyger-heap-watch");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(() -> sample(heapAfterLastGc()), window.toMillis(), window.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One window's sample. @return true when this sample logged the warning */
    synchronized boolean sample(long heapAfterGc)
    {
        if (heapAfterGc < 0)
            return false;
        boolean logged = false;
        if (last >= 0 && heapAfterGc > last)
        {
            if (growing == 0)
                streakStart = last;
            growing++;
            if (growing >= windows && !warned)
            {
                warned = true;
                logged = true;
                LOG.warn("Heap used after GC grew in {} consecutive windows of {} s: {} MiB -> {} MiB. If it keeps growing, something "
                    + "holds on to memory (a cache without bound, a listener never removed, a leaked class loader).",
                    growing, window.toSeconds(), streakStart >> 20, heapAfterGc >> 20);
            }
        }
        else if (last >= 0)
        {
            growing = 0;
            warned = false;
        }
        last = heapAfterGc;
        return logged;
    }

    @Override
    public synchronized void close()
    {
        if (scheduler != null)
            scheduler.shutdownNow();
        scheduler = null;
    }
}
