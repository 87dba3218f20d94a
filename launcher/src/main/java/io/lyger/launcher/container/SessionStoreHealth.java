package io.lyger.launcher.container;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a server's session store ({@code --sessions}) answers, as its last operation found, and a circuit breaker
 * while it does not: once an operation has failed, the store is "down" and {@link #tryOperation()} lets one trial
 * operation through per {@link #RETRY_MILLIS} (the others fail at once instead of each waiting for the database's
 * connection timeout); the first one that succeeds brings it back up. {@link SessionStoreFilter} answers 503 for
 * requests that need a session while it is down. One line is logged when it goes down and one when it comes back.
 */
public final class SessionStoreHealth
{
    /** How often, while down, an operation is let through to see whether the store has come back. */
    static final long RETRY_MILLIS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(SessionStoreHealth.class);

    private final String store;
    /** 0 while up; else the nanoTime after which the next trial operation may go through. */
    private final AtomicLong nextTrial = new AtomicLong();
    private volatile boolean down;

    public SessionStoreHealth(String store)
    {
        this.store = store;
    }

    /** @return the store as the user named it, for messages */
    public String store()
    {
        return store;
    }

    public boolean isDown()
    {
        return down;
    }

    /** @return true when an operation may reach the store now: it is up, or it is down and a trial is due. */
    boolean tryOperation()
    {
        if (!down)
            return true;
        long due = nextTrial.get();
        long now = System.nanoTime();
        return now - due >= 0 && nextTrial.compareAndSet(due, now + RETRY_MILLIS * 1_000_000);
    }

    void succeeded()
    {
        if (down)
        {
            down = false;
            LOG.info("Session store {} is reachable again", store);
        }
    }

    void failed(Throwable failure)
    {
        if (!down)
        {
            nextTrial.set(System.nanoTime() + RETRY_MILLIS * 1_000_000);
            down = true;
            LOG.warn("Session store {} failed: {}; requests that need a session get 503 until it answers again", store, oneLine(failure));
        }
    }

    static String oneLine(Throwable failure)
    {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root)
            root = root.getCause();
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse("").trim();
    }
}
