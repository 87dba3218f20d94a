package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HeapWatchTest
{
    @Test
    void warnsOnceAfterNConsecutiveGrowingWindows()
    {
        HeapWatch watch = new HeapWatch(Duration.ofSeconds(60), 3);
        assertFalse(watch.sample(100));
        assertFalse(watch.sample(110)); // 1
        assertFalse(watch.sample(120)); // 2
        assertTrue(watch.sample(130));  // 3: warn
        assertFalse(watch.sample(140)); // still growing: said already
        assertFalse(watch.sample(90));  // a drop ends the streak
        assertFalse(watch.sample(95));
        assertFalse(watch.sample(96));
        assertTrue(watch.sample(97));   // a new streak warns again
    }

    @Test
    void flatOrShrinkingHeapNeverWarns()
    {
        HeapWatch watch = new HeapWatch(Duration.ofSeconds(60), 2);
        for (int i = 0; i < 20; i++)
            assertFalse(watch.sample(i % 2 == 0 ? 100 : 100));
        assertTrue(HeapWatch.heapAfterLastGc() != 0);
    }
}
