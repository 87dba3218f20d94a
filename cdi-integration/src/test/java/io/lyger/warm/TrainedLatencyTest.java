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

    @Test
    void comparesCpuTimeWhenBothSidesMeasuredIt()
    {
        // trained: /db 2 ms and /fortunes 3 ms in its last window, 4 ms of CPU a pass
        TrainedLatency trained = TrainedLatency.of(List.of(DB, FORTUNES), new long[][]{ms(2), ms(3)}, 4e6);
        assertTrue(trained.hasCpu());
        Properties stored = new Properties();
        trained.write(stored);
        assertEquals("4.0000", stored.getProperty("cpu.ms.pass"));
        TrainedLatency read = TrainedLatency.read(stored);
        List<WarmupRequest> plan = List.of(DB, FORTUNES);
        // a loaded start: ten times the latency, but 10 passes for 45 ms of CPU (4.5 ms a pass, within 1.3x of 4 ms)
        long[][] loaded = {ms(20, 20, 20, 20, 20, 20, 20, 20, 20, 20), ms(30, 30, 30, 30, 30, 30, 30, 30, 30, 30)};
        String reached = read.reachedBy(plan, loaded, 45_000_000L);
        assertNotNull(reached, "the CPU time, not the latency the load inflated, decides");
        assertTrue(reached.contains("4.50 ms of CPU a pass of the trained requests, trained 4.00 ms"), reached);
        assertNull(read.reachedBy(plan, loaded, -1), "without the window's CPU time the latencies are compared: 50 ms is not within 1.3x of 5 ms");
        // a quiet start still interpreting: the latency is the trained one, but a pass costs 12 ms of CPU
        assertNull(read.reachedBy(plan, new long[][]{ms(2, 2), ms(3, 3)}, 24_000_000L), "12 ms of CPU a pass is more than 1.3x 4 ms");
        // with a request the training did not know (a recorded one), the pass's CPU time is shared by latency
        List<WarmupRequest> more = List.of(DB, FORTUNES, RECORDED);
        assertNotNull(read.reachedBy(more, new long[][]{ms(2), ms(3), ms(5)}, 10_000_000L), "half of 10 ms for the trained requests: within 1.3x of 4 ms");
        assertNull(read.reachedBy(more, new long[][]{ms(2), ms(3), ms(5)}, 20_000_000L), "half of 20 ms is more than 1.3x 4 ms");
        // an older profile (no CPU figure): the latencies are compared, whatever the window's CPU time
        TrainedLatency older = TrainedLatency.of(plan, new long[][]{ms(2), ms(3)});
        assertTrue(!older.hasCpu());
        assertNotNull(older.reachedBy(plan, new long[][]{ms(2), ms(3)}, 999_000_000L));
    }

    @Test
    void cpuPerPassIsTheWindowsCpuTimeOverItsPasses()
    {
        assertEquals(5e6, TrainedLatency.cpuPerPass(new long[][]{ms(1, 1, 1, 1), ms(1, 1, 1, 1), new long[0]}, 20_000_000L), 1);
        assertEquals(-1, TrainedLatency.cpuPerPass(new long[][]{ms(1)}, -1));
        assertEquals(-1, TrainedLatency.cpuPerPass(new long[][]{new long[0]}, 5));
    }
}
