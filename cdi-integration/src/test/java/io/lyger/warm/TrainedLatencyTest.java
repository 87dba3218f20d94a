package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class TrainedLatencyTest
{
    private static final WarmupRequest DB = new WarmupRequest("GET", "/db", "", null);
    private static final WarmupRequest FORTUNES = new WarmupRequest("GET", "/fortunes", "", null);
    private static final WarmupRequest RECORDED = new WarmupRequest("GET", "/db?id=7", "", null);

    private static long[] ms(double... values)
    {
        long[] nanos = new long[values.length];
        for (int i = 0; i < values.length; i++)
            nanos[i] = (long) (values[i] * 1e6);
        return nanos;
    }

    @Test
    void recordsEachRequestsMedianAndReadsItBack()
    {
        TrainedLatency trained = TrainedLatency.of(List.of(DB, FORTUNES), new long[][]{ms(1, 9, 2), ms(3, 3, 4)});
        Properties stored = new Properties();
        trained.write(stored);
        assertEquals("2.0000", stored.getProperty("latency.ms.GET /db"));
        assertEquals("3.0000", stored.getProperty("latency.ms.GET /fortunes"));
        stored.setProperty("latency.ms.GET /broken", "not a number");
        stored.setProperty("unrelated", "1");
        assertEquals(2, TrainedLatency.read(stored).size(), "a damaged entry or another key is left out");
    }

    @Test
    void reachedWithinTheFactorOfTheRequestsBothKnow()
    {
        TrainedLatency trained = TrainedLatency.of(List.of(DB, FORTUNES), new long[][]{ms(2), ms(3)});
        List<WarmupRequest> plan = List.of(DB, FORTUNES, RECORDED);
        // 5 ms trained for /db and /fortunes: 6 ms is within 1.3x; the recorded request, unknown to the training, is not counted
        String reached = trained.reachedBy(plan, new long[][]{ms(2.5, 2.5, 9), ms(3.5), ms(50)});
        assertNotNull(reached);
        assertTrue(reached.contains("6.00 ms a pass of the trained requests, trained 5.00 ms"), reached);
        assertNull(trained.reachedBy(plan, new long[][]{ms(4), ms(3.5), ms(1)}), "7.5 ms is more than 1.3x 5 ms");
        assertNull(trained.reachedBy(List.of(RECORDED), new long[][]{ms(0.1)}), "no request in common");
        assertNull(TrainedLatency.read(new Properties()).reachedBy(plan, new long[][]{ms(1), ms(1), ms(1)}), "no training figures");
    }
}
