package io.lyger.warm;

/**
 * Whether the server is ready for traffic: false until every web application is deployed and warmed up, true after,
 * false while a web application is redeployed and warmed up again ({@code serve --watch}), false for good once the
 * server begins to stop (so that a load balancer drains it).
 */
public final class Readiness
{
    static final String STARTING = "starting";
    private static final String READY = "ready";
    private static final String STOPPING = "stopping";

    private volatile String state = STARTING;

    public boolean isReady()
    {
        return isReady(state);
    }

    /** @param state a value {@link #state()} returned: read once, it answers both what and whether */
    public static boolean isReady(String state)
    {
        return READY.equals(state);
    }

    /** @return what the server is doing: starting, warming up, ready, redeploying, stopping */
    public String state()
    {
        return state;
    }

    synchronized void warmingUp()
    {
        moveTo("warming up");
    }

    /** A web application is being redeployed: not ready until its warm-up has ended. */
    synchronized void redeploying()
    {
        moveTo("redeploying");
    }

    synchronized void ready()
    {
        moveTo(READY);
    }

    synchronized void stopping()
    {
        state = STOPPING;
    }

    /** Stopping is for good. */
    private void moveTo(String next)
    {
        if (!state.equals(STOPPING))
            state = next;
    }
}
