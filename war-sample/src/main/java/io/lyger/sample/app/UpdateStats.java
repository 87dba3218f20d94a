package io.lyger.sample.app;

import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Observes {@link WorldsUpdated}: how many update transactions and rows since the start, for {@code /stats}. */
@ApplicationScoped
public class UpdateStats
{
    private final LongAdder batches = new LongAdder();
    private final LongAdder rows = new LongAdder();

    void onUpdate(@Observes WorldsUpdated event)
    {
        batches.increment();
        rows.add(event.rows());
    }

    public long batches()
    {
        return batches.sum();
    }

    public long rows()
    {
        return rows.sum();
    }
}
