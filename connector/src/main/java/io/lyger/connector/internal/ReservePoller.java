package io.lyger.connector.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller of last resort: one pool thread, leased from the pool's budget (as Jetty's selector threads are), that
 * keeps the engine going when every other pool thread is blocked.
 * <p>
 * The engine's pollers are tasks of the executor that also runs the requests, and the poller that takes a request
 * serves it in place. When every pool thread blocks in a request (a blocking servlet write waiting for its SENT
 * event, a blocking read waiting for CONTENT), the poller spawned to replace them waits in the pool's queue for a
 * thread that only a poller could free: nothing moves, not even idle timeouts (the engine's leader scans for them).
 * <p>
 * This thread sleeps while the pollers run, so the steady state pays nothing: it wakes once per
 * {@link #CHECK_MS}, and polls only when a spawned poller has been in the pool's queue that whole period with none
 * started. It then polls until no spawned poller waits in the queue, and never runs application code: requests
 * go to the executor's queue (behind the starved poller), and a SENT or CONTENT event runs here only when its
 * wake-up cannot block (the Blocker of a blocking write or read, which frees a pool thread), else it goes to the
 * executor too.
 */
final class ReservePoller implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(ReservePoller.class);
    /** How long a spawned poller may wait in the pool's queue before this thread polls in its place. */
    static final long CHECK_MS = 100;
    private static final int POLL_MS = 50;
    private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final NativeServer server;
    private volatile Thread thread;
    private volatile boolean stopped;

    ReservePoller(NativeServer server)
    {
        this.server = server;
    }

    @Override
    public void run()
    {
        thread = Thread.currentThread();
        ThreadBuffers buffers = ThreadBuffers.current();
        int lastStarted = server.startedPollers();
        long nextReport = System.nanoTime();
        int rescues = 0;
        long rescueNanos = 0;
        try
        {
            while (!stopped && !server.isStopping())
            {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(CHECK_MS));
                int started = server.startedPollers();
                if (server.queuedPollers() == 0 || started != lastStarted)
                {
                    lastStarted = started;
                    continue;
                }
                long rescueStart = System.nanoTime();
                // starved: poll in the pollers' place while some wait in the queue (one starting is not enough: the
                // request it takes blocks too, and the successor it spawns waits again)
                while (!stopped && server.queuedPollers() > 0)
                {
                    if (!server.pollReserved(buffers, POLL_MS))
                        return;
                }
                lastStarted = server.startedPollers();
                long now = System.nanoTime();
                rescues++;
                rescueNanos += now - rescueStart;
                if (now - nextReport >= 0)
                {
                    // at most one line per REPORT_NANOS: a pool too small for its blocking requests starves often
                    LOG.info("Spawned pollers waited over " + CHECK_MS + " ms for a pool thread: the reserve poller polled in their place {} time(s), {} ms in all, since the last report (if often, more threads may help)",
                        rescues, TimeUnit.NANOSECONDS.toMillis(rescueNanos));
                    nextReport = now + REPORT_NANOS;
                    rescues = 0;
                    rescueNanos = 0;
                }
            }
        }
        catch (Throwable x)
        {
            LOG.warn("The reserve poller failed", x);
        }
        finally
        {
            thread = null;
        }
    }

    /** Lets the thread go back to the pool (the server stops). */
    void stop()
    {
        stopped = true;
        Thread t = thread;
        if (t != null)
            LockSupport.unpark(t);
    }
}
