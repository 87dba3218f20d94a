package io.lyger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The best peer of each figure and lyger-native's ratio against it, and --targets. */
class PeerTableTest
{
    /** A 10 s run: {@code requests} requests, {@code serverSeconds} of server CPU, p99 {@code p99Millis}. */
    private static RunResult run(Side side, int round, long requests, double serverSeconds, double p99Millis)
    {
        WrkResult wrk = new WrkResult(requests, 10_000_000, 0, 0, 0, 0, 0, 0, 500, p99Millis * 1000, 9000, 9000);
        return new RunResult(side, round, wrk, serverSeconds, 200_000, true, 0, 0, 0, 5, 0, 10, 0, -1);
    }

    private static ScenarioResult result()
    {
        Scenario plaintext = Scenarios.all().stream().filter(s -> s.id().equals("plaintext-c64")).findFirst().orElseThrow();
        // Tomcat has the most requests/s, bare Jetty the least CPU per request, Undertow the lowest p99.
        return new ScenarioResult(plaintext, Map.of(
            Side.NATIVE, List.of(run(Side.NATIVE, 0, 400_000, 8, 4), run(Side.NATIVE, 1, 420_000, 8.4, 4)),
            Side.BARE_JETTY, List.of(run(Side.BARE_JETTY, 0, 300_000, 6, 6), run(Side.BARE_JETTY, 1, 300_000, 6, 6)),
            Side.TOMCAT, List.of(run(Side.TOMCAT, 0, 350_000, 10.5, 5), run(Side.TOMCAT, 1, 350_000, 10.5, 5)),
            Side.UNDERTOW, List.of(run(Side.UNDERTOW, 0, 200_000, 10, 2), run(Side.UNDERTOW, 1, 200_000, 10, 2))), null);
    }

    @Test
    void theBestPeerIsTheHighestThroughputAndTheLowestCpuAndP99()
    {
        ScenarioResult result = result();
        assertEquals(Optional.of(Side.TOMCAT), result.bestPeer(Metric.THROUGHPUT));
        assertEquals(Optional.of(Side.BARE_JETTY), result.bestPeer(Metric.CPU_PER_10K));
        assertEquals(Optional.of(Side.UNDERTOW), result.bestPeer(Metric.P99));
        // per round: 400k / 350k and 420k / 350k, median 1.171
        assertEquals((400.0 / 350 + 420.0 / 350) / 2, result.peerRatio(Metric.THROUGHPUT), 1e-9);
        // 20 µs against 20 µs a request in both rounds
        assertEquals(1.0, result.peerRatio(Metric.CPU_PER_10K), 1e-9);
        assertEquals(2.0, result.peerRatio(Metric.P99), 1e-9);
        assertTrue(Double.isNaN(result.ratio(Metric.THROUGHPUT)), "no lyger-jetty runs: no issue 3 ratio");
    }

    @Test
    void withoutPeersThereIsNoPeerRatio()
    {
        Scenario plaintext = Scenarios.all().get(0);
        ScenarioResult result = new ScenarioResult(plaintext, List.of(run(Side.NATIVE, 0, 1000, 1, 1)),
            List.of(run(Side.JETTY, 0, 1000, 1, 1)), null);
        assertTrue(result.bestPeer(Metric.THROUGHPUT).isEmpty());
        assertTrue(Double.isNaN(result.peerRatio(Metric.THROUGHPUT)));
    }

    @Test
    void theTableNamesTheBestPeerBesideTheRatio()
    {
        BenchOptions options = BenchOptions.parse("--root=..", "--targets=bare-jetty,tomcat,undertow");
        BenchRun run = new BenchRun(options, null, List.of(), List.of(), Map.of(), Map.of(), Map.of(), List.of(result()),
            null, null, null, true);
        String md = PeerTable.markdown(run);
        // 10 s runs: medians 41,000 req/s and 20 µs a request for lyger-native
        assertTrue(md.contains("| plaintext-c64 | 41,000 | 30,000 | 35,000 | 20,000 | 1.17× (tomcat) |"), md);
        assertTrue(md.contains("| plaintext-c64 | 20.0 | 20.0 | 30.0 | 50.0 | 1.00× (bare-jetty) |"), md);
        assertTrue(md.contains("| plaintext-c64 | 4.00 | 6.00 | 5.00 | 2.00 | 2.00× (undertow) |"), md);
    }

    @Test
    void aBodyShapeSetsTheDigitsAside()
    {
        assertEquals("{\"id\":N,\"randomNumber\":N}", SampleWarCheck.shape("{\"id\":4174,\"randomNumber\":331}\n"));
        assertTrue(!SampleWarCheck.shape("<h1>HTTP Status 404</h1>").equals(SampleWarCheck.shape("{\"id\":1,\"randomNumber\":2}")));
    }

    @Test
    void targetsKeepTheRoundOrderAlwaysMeasureNativeAndRefuseUnknownNames()
    {
        assertEquals(Suite.HTTP.sides(), BenchOptions.parse("--root=..").targets());
        assertEquals(List.of(Side.NATIVE, Side.TOMCAT, Side.UNDERTOW),
            BenchOptions.parse("--root=..", "--targets=undertow,tomcat").targets());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BenchOptions.parse("--root=..", "--targets=tomcat,jboss"));
        assertTrue(e.getMessage().contains("jboss") && e.getMessage().contains("undertow"), e.getMessage());
        assertTrue(BenchOptions.parse("--root=..", "--targets=tomcat").partial(), "a subset of the targets is partial");
    }
}
