package io.lyger.warm;

/**
 * Whether the server is ready for traffic: false until every web application is deployed and warmed up, true after,
 * false while a web application is redeployed and warmed up again ({@code serve --watch}), false for good once the
 * server begins to stop (so that a load balancer drains it).
 */
public final class Readiness
{
    /**
     * What the server is doing and what the readiness probe answers for it, kept together so that the probe answers
     * with no branch on readiness: the warm-up only ever sees the probe answer 503, and a branch it never took is
     * compiled as a trap that deoptimises the request path at the first probe after ready.
     */
    public record State(String name, int httpStatus, String probeBody)
    {
        State(String name, int httpStatus)
        {
            this(name, httpStatus, name + "\n");
        }

        public boolean isReady()
        {
            return httpStatus == 200;
        }
    }

    static final State STARTING = new State("starting", 503);
    private static final State WARMING_UP = new State("warming up", 503);
    private static final State REDEPLOYING = new State("redeploying", 503);
    private static final State READY = new State("ready", 200);
    private static final State STOPPING = new State("stopping", 503);

    private volatile State state = STARTING;

    public boolean isReady()
    {
        return state.isReady();
    }

    /** @return what the server is doing (starting, warming up, ready, redeploying, stopping) and the probe's answer */
    public State state()
    {
        return state;
    }

    synchronized void warmingUp()
    {
        moveTo(WARMING_UP);
    }

    /** A web application is being redeployed: not ready until its warm-up has ended. */
    synchronized void redeploying()
    {
        moveTo(REDEPLOYING);
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
    private void moveTo(State next)
    {
        if (state != STOPPING)
            state = next;
    }
}
