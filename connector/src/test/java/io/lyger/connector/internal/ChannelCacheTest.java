package io.lyger.connector.internal;

import java.util.function.LongFunction;

import io.lyger.connector.LygerConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which channel a connection's next request gets (no engine needed: channels are plain Java objects until used). */
class ChannelCacheTest
{
    private final LygerConnector connector = new LygerConnector(new Server());
    private final LongFunction<NativeChannel> create = id -> new NativeChannel(connector, connector.getHttpConfiguration(), id);
    private final ChannelCache cache = new ChannelCache();

    @Test
    void aRecycledChannelIsReusedByItsConnectionOnly()
    {
        NativeChannel first = cache.acquire(7, create);
        first.recycle();
        assertSame(first, cache.acquire(7, create), "idle channel of the same connection not reused");
        first.recycle();
        // another connection in the same slot replaces it
        NativeChannel other = cache.acquire(7 + ChannelCache.SIZE, create);
        assertNotSame(first, other);
        other.recycle();
        assertNotSame(first, cache.acquire(7, create), "a replaced channel came back");
    }

    @Test
    void aHeldOrRetiredChannelIsNeverHandedOutAgain()
    {
        NativeChannel held = cache.acquire(3, create);
        assertNotSame(held, cache.acquire(3, create), "a channel still held by a request was handed out twice");
        NativeChannel retired = cache.acquire(4, create);
        retired.recycle();
        retired.retire();
        assertNotSame(retired, cache.acquire(4, create));
    }

    @Test
    void sweepDropsOnlyChannelsIdleSinceBefore() throws InterruptedException
    {
        NativeChannel old = cache.acquire(1, create);
        old.recycle();
        NativeChannel busy = cache.acquire(2, create);
        Thread.sleep(2);
        long before = System.nanoTime();
        Thread.sleep(2);
        NativeChannel recent = cache.acquire(5, create);
        recent.recycle();
        assertEquals(1, cache.sweep(before), "only the channel idle since before the cut-off goes");
        assertNotSame(old, cache.acquire(1, create));
        busy.recycle();
        assertSame(busy, cache.acquire(2, create));
        assertSame(recent, cache.acquire(5, create));
    }
}
