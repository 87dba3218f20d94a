package io.lyger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class WrkRunnerTest
{
    @Test
    void parsesTheDoneLine() throws IOException
    {
        WrkResult r = WrkRunner.parse("""
            Running 1s test @ http://127.0.0.1:1/plaintext
              74581 requests in 1.12s, 9.18MB read
            LYGER-WRK requests=74581 duration_us=1123878 bytes=9620949 connect=0 read=1 write=2 status=3 timeout=4 p50_us=9228.0 p99_us=0.0 p999_us=125.5 max_us=132053.0
            """);
        assertEquals(74581, r.requests());
        assertEquals(1123878, r.durationMicros());
        assertEquals(10, r.errors());
        assertEquals(9228.0, r.p50Micros());
        assertTrue(Double.isNaN(r.p99Micros()), "wrk's 0 percentile means none");
        assertEquals(125.5, r.p999Micros());
        assertEquals(74581 / 1.123878, r.requestsPerSecond(), 0.01);
    }

    @Test
    void noDoneLineIsAnError()
    {
        assertThrows(IOException.class, () -> WrkRunner.parse("unable to connect to 127.0.0.1:1 Connection refused\n"));
    }

    @Test
    void ratiosArePairedThenMedian()
    {
        List<RunResult> a = List.of(run(Side.NATIVE, 100), run(Side.NATIVE, 300), run(Side.NATIVE, 200));
        List<RunResult> b = List.of(run(Side.JETTY, 100), run(Side.JETTY, 100), run(Side.JETTY, 400));
        assertEquals(200, Stats.median(a, Metric.THROUGHPUT), 1e-9);
        assertEquals(1.0, Stats.pairedRatio(a, b, Metric.THROUGHPUT), 1e-9); // ratios 1, 3, 0.5
    }

    private static RunResult run(Side side, long requests)
    {
        WrkResult wrk = new WrkResult(requests, 1_000_000, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4);
        return new RunResult(side, 0, wrk, 0.1, 1024, true, 0, 0, 0, 0.1, 0, 1, 0, -1);
    }
}
