package io.lyger.connector.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Finds the {@link NativeChannel} of a connection's previous request, so that its next one reuses it. A cache, not a
 * registry: the engine does not tell Java when a connection closes between requests, so a slot (the connection
 * number modulo the size; numbers are sequential, so connections open at the same time rarely share one) holds the
 * last channel put there, and a miss only costs a new channel. Bounded: at most {@link #SIZE} channels are kept,
 * and {@link #sweep} drops those unused for longer than a connection may stay idle, so that a closed connection's
 * objects (and, through the servlet layer's cache, its web application) are not kept after a redeploy.
 */
final class ChannelCache
{
    /** Slots; more connections than this in use at once still work, some without reuse. */
    static final int SIZE = 1024;

    private final AtomicReferenceArray<NativeChannel> slots = new AtomicReferenceArray<>(SIZE);

    /**
     * @return the connection's idle channel, now held by the caller, or a new one from {@code create} put in its slot
     */
    NativeChannel acquire(long connId, LongFunction<NativeChannel> create)
    {
        int slot = (int)(connId & (SIZE - 1));
        NativeChannel cached = slots.get(slot);
        if (cached != null && cached.connId == connId && cached.acquire())
            return cached;
        NativeChannel created = create.apply(connId);
        slots.set(slot, created);
        return created;
    }

    /** Forgets a channel that will not be reused (its connection closes). */
    void remove(NativeChannel channel)
    {
        slots.compareAndSet((int)(channel.connId & (SIZE - 1)), channel, null);
    }

    /** Drops the channels no request has held since {@code before} ({@link System#nanoTime()}). */
    int sweep(long before)
    {
        int dropped = 0;
        for (int i = 0; i < SIZE; i++)
        {
            NativeChannel channel = slots.get(i);
            if (channel != null && channel.unusedSince(before) && slots.compareAndSet(i, channel, null))
                dropped++;
        }
        return dropped;
    }

    /** Runs {@code action} on each cached channel a request holds now. */
    void forEachBusy(Consumer<NativeChannel> action)
    {
        for (int i = 0; i < SIZE; i++)
        {
            NativeChannel channel = slots.get(i);
            if (channel != null && channel.isBusy())
                action.accept(channel);
        }
    }

    void clear()
    {
        for (int i = 0; i < SIZE; i++)
            slots.set(i, null);
    }
}
