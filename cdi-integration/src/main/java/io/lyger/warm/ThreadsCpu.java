package io.lyger.warm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time the JVM's Java threads have used, read at the start and the end of a JIT warm-up window: the server's
 * threads that ran the window's requests, and the warm-up's client. Unlike the requests' wall-clock latency it does
 * not grow when other processes take the CPUs, so a window's CPU time per unit of latency tells how much of that
 * latency was the request's own work (see {@link TrainedLatency}). HotSpot's compiler threads are hidden from
 * {@link ThreadMXBean} and its GC threads are not Java threads: the JIT's own work is left out, as it should be.
 * <p>
 * A thread that ended during the window loses what it used since the first reading (a pool thread that idled out:
 * little). {@link #now} is null where the JVM does not measure thread CPU time.
 */
final class ThreadsCpu
{
    private final Map<Long, Long> nanos;

    private ThreadsCpu(Map<Long, Long> nanos)
    {
        this.nanos = nanos;
    }

    /** @return each live Java thread's CPU time now; null when the JVM does not tell */
    static ThreadsCpu now()
    {
        try
        {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled())
                return null;
            long[] ids = threads.getAllThreadIds();
            long[] cpu;
            if (threads instanceof com.sun.management.ThreadMXBean bulk)
                cpu = bulk.getThreadCpuTime(ids);
            else
            {
                cpu = new long[ids.length];
                for (int i = 0; i < ids.length; i++)
                    cpu[i] = threads.getThreadCpuTime(ids[i]);
            }
            Map<Long, Long> nanos = new HashMap<>(ids.length * 2);
            for (int i = 0; i < ids.length; i++)
            {
                if (cpu[i] >= 0)
                    nanos.put(ids[i], cpu[i]);
            }
            return new ThreadsCpu(nanos);
        }
        catch (RuntimeException | LinkageError x)
        {
            return null;
        }
    }

    /** @return the CPU time (ns) the Java threads used from {@code earlier} to this reading; -1 if either is null */
    static long between(ThreadsCpu earlier, ThreadsCpu later)
    {
        if (earlier == null || later == null)
            return -1;
        long used = 0;
        for (Map.Entry<Long, Long> thread : later.nanos.entrySet())
            used += Math.max(0, thread.getValue() - earlier.nanos.getOrDefault(thread.getKey(), 0L));
        return used;
    }
}
