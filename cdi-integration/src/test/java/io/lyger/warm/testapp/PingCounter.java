package io.lyger.warm.testapp;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Test web application: observes {@link Ping}; counts the events it was notified of (the warm-up must notify none). */
@ApplicationScoped
public class PingCounter
{
    private final AtomicInteger pings = new AtomicInteger();

    void onPing(@Observes Ping ping)
    {
        pings.incrementAndGet();
    }

    public int pings()
    {
        return pings.get();
    }
}
