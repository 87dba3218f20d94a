package io.lyger.sample.app;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Remembers when its {@code @PostConstruct} ran. Nothing in the application needs it at startup, so on a stock CDI
 * container it is created by the first request that touches it ({@code /stats}); a warm deployment creates every
 * application-scoped bean before the server is ready, and {@code /stats} shows the difference.
 */
@ApplicationScoped
public class BootClock
{
    private long constructedAtMillis;

    @PostConstruct
    void constructed()
    {
        constructedAtMillis = System.currentTimeMillis();
    }

    /** @return when this bean was constructed, in milliseconds since the epoch */
    public long constructedAtMillis()
    {
        return constructedAtMillis;
    }
}
