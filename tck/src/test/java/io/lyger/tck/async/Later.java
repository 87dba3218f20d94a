package io.lyger.tck.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Server side: runs a task on a thread that is not the container's, after a delay (deploy with the test's servlets). */
public final class Later
{
    private Later()
    {
    }

    /** A task that may throw: what it throws is rethrown unchecked on the task's thread. */
    public interface Task
    {
        void run() throws Exception;
    }

    /** Runs {@code task} on a thread of its own after {@code delayMs}. */
    public static void run(long delayMs, Task task)
    {
        CompletableFuture.runAsync(unchecked(task), CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS));
    }

    /** @return {@code task} as a Runnable (for AsyncContext.start): what it throws is rethrown unchecked. */
    public static Runnable unchecked(Task task)
    {
        return () ->
        {
            try
            {
                task.run();
            }
            catch (RuntimeException x)
            {
                throw x;
            }
            catch (Exception x)
            {
                throw new IllegalStateException(x);
            }
        };
    }
}
