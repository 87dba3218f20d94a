package io.lyger.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedCoreBoundTest
{
    /** A 10 s run of {@code requests} requests with this much server and wrk CPU. */
    private static RunResult run(Side side, long requests, double serverSeconds, double wrkSeconds)
    {
        WrkResult wrk = new WrkResult(requests, 10_000_000, 0, 0, 0, 0, 0, 0, 500, 2000, 4000, 9000);
        return new RunResult(side, 0, wrk, serverSeconds, 200_000, true, 0, 0, 0, wrkSeconds, 0, 10, 0, -1);
    }

    @Test
    void theRatioAndTheNeededCpuFollowFromServerAndWrkCpuPerRequest()
    {
        Scenario plaintext = Scenarios.all().stream().filter(s -> s.id().equals("plaintext-c64")).findFirst().orElseThrow();
        // native: 15 µs server + 9 µs wrk a request; Jetty: 19 + 8 = 27 µs: predicted 27 / 24 = 1.125
        ScenarioResult result = new ScenarioResult(plaintext,
            List.of(run(Side.NATIVE, 750_000, 11.25, 6.75)), List.of(run(Side.JETTY, 650_000, 12.35, 5.2)), null);
        String md = SharedCoreBound.markdown(List.of(result));
        String row = md.lines().filter(l -> l.startsWith("| plaintext-c64 |")).findFirst().orElseThrow();
        List<String> cells = List.of(row.split("\\|")).stream().map(String::strip).toList();
        assertEquals("15.0 / 19.0 = 0.79×", cells.get(2));
        assertEquals("9.0 / 8.0", cells.get(3));
        assertEquals("1.13×", cells.get(4), "(19 + 8) / (15 + 9)");
        // 1.3×: 27 / 1.3 - 9 = 11.8 µs, 0.62 of Jetty's 19
        assertEquals("11.8 µs (0.62×)", cells.get(6));
        assertTrue(md.startsWith("## Throughput on shared cores"));
    }

    @Test
    void nothingWithoutAThroughputTarget()
    {
        Scenario idle = Scenarios.all().stream().filter(s -> s.targets().stream().noneMatch(t -> t.metric() == Metric.THROUGHPUT))
            .findFirst().orElseThrow();
        ScenarioResult result = new ScenarioResult(idle, List.of(run(Side.NATIVE, 1000, 1, 1)), List.of(run(Side.JETTY, 1000, 1, 1)), null);
        assertEquals("", SharedCoreBound.markdown(List.of(result)));
    }
}
