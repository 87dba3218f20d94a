package io.lyger.warm;

/**
 * Whether the server is ready for traffic: false until every web application is deployed and warmed up, true after,
 * false while a web application is redeployed and warmed up again ({@code serve --watch}), false for good once the
 * server begins to stop (so that a load balancer drains it).
 */
public final class Readiness
{
    private volatile boolean ready;
    private volatile String state = "starting";

    public boolean isReady()
    {
        return ready;
    }

    /** @return what the server is doing: starting, warming up, ready, redeploying, stopping */
    public String state()
    {
        return state;
    }

    synchronized void warmingUp()
    {
        notReady("warming up");
    }

    /** A web application is being redeployed: not ready until its warm-up has ended. */
    synchronized void redeploying()
    {
        notReady("redeploying");
    }

    private void notReady(String why)
    {
        if (state.equals("stopping"))
            return;
        ready = false;
        state = why;
    }

    synchronized void ready()
    {
        if (state.equals("stopping"))
            return;
        state = "ready";
        ready = true;
    }

    synchronized void stopping()
    {
        ready = false;
        state = "stopping";
    }
}
