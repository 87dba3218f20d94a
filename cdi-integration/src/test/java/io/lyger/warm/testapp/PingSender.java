package io.lyger.warm.testapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Test web application: fires {@link Ping} through an injected {@code Event}, as applications do. */
@ApplicationScoped
public class PingSender
{
    @Inject
    Event<Ping> pings;

    public void send(String from)
    {
        pings.fire(new Ping(from));
    }
}
