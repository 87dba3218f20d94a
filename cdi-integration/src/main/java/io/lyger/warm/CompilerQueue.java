package io.lyger.warm;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The JIT compiler's work in progress, so that the warm-up declares ready only once the compilations its requests
 * triggered are installed: a request that arrives while the compiler threads still work runs the older, slower code,
 * and on a small machine it also waits for a CPU they hold.
 * <p>
 * HotSpot tells it through its {@code Compiler.queue} diagnostic command (the {@code DiagnosticCommand} MBean): the
 * compilations running and those queued, one a line with the method as {@code Class::method}. On a JVM without it,
 * the compiler is taken as idle once its total compilation time has not grown for {@value #STABLE_MILLIS} ms.
 */
final class CompilerQueue
{
    private static final int STABLE_MILLIS = 100;
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private CompilerQueue()
    {
    }

    /** @return the compilations running or queued, or -1 when the JVM does not tell */
    static int pending()
    {
        try
        {
            Object queue = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND), "compilerQueue",
                new Object[]{null}, new String[]{String[].class.getName()});
            return count(String.valueOf(queue));
        }
        catch (JMException | RuntimeException x)
        {
            return -1;
        }
    }

    /** @return the compiler's total compilation time so far (ms), or -1 when the JVM does not tell */
    static long compiledMillis()
    {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : -1;
    }

    /** @return the compilation tasks in the output of {@code Compiler.queue} (running and queued) */
    static int count(String queue)
    {
        int tasks = 0;
        for (String line : queue.split("\n"))
        {
            if (line.contains("::"))
                tasks++;
        }
        return tasks;
    }

    /**
     * Waits until the compiler has nothing running or queued, or until {@code deadline} ({@link System#nanoTime()}).
     * It watches the compiler's total compilation time (a cheap read) and asks for the queue (a diagnostic command,
     * whose own code the JIT would otherwise keep compiling) only once that time has not grown for
     * {@value #STABLE_MILLIS} ms.
     *
     * @return the compilations still pending at the deadline (0: the compiler went idle), -1 if unknown
     */
    static int awaitIdle(long deadline) throws InterruptedException
    {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        boolean timed = compiler != null && compiler.isCompilationTimeMonitoringSupported();
        long lastTotal = timed ? compiler.getTotalCompilationTime() : 0;
        long stableSince = System.nanoTime();
        while (true)
        {
            if (timed)
            {
                long total = compiler.getTotalCompilationTime();
                if (total != lastTotal)
                {
                    lastTotal = total;
                    stableSince = System.nanoTime();
                }
            }
            if (!timed || System.nanoTime() - stableSince >= STABLE_MILLIS * 1_000_000L)
            {
                int pending = pending();
                if (pending == 0 || (pending < 0 && timed))
                    return 0;
                if (pending < 0)
                    return -1;
                stableSince = System.nanoTime(); // a long compilation is running: look again later
                if (System.nanoTime() - deadline >= 0)
                    return pending;
            }
            else if (System.nanoTime() - deadline >= 0)
            {
                int pending = pending();
                return pending < 0 ? 0 : pending;
            }
            Thread.sleep(10);
        }
    }
}
