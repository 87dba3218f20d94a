package io.lyger.warm;

/**
 * Whether the server is ready for traffic: false until every web application is deployed and warmed up, true after,
 * false again once it begins to stop (so that a load balancer drains it).
 */
public final class Readiness
{
    private volatile boolean ready;
    private volatile String state = "starting";

    public boolean isReady()
    {
        return ready;
    }

    /** @return what the server is doing: starting, warming up, ready, stopping */
    public String state()
    {
        return state;
    }

    void warmingUp()
    {
        state = "warming up";
    }

    void ready()
    {
        state = "ready";
        ready = true;
    }

    void stopping()
    {
        ready = false;
        state = "stopping";
    }
}
