package io.lyger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The smoke mode of bench/run, in {@code mvn verify}: every target (Lyger on both connectors from the built WAR and
 * launcher, and the peers bare Jetty, Tomcat and Undertow from bench/peers) starts and answers 200 with the sample's
 * body, every peer deploys the sample WAR and answers /db and /fortunes as Lyger does, one short wrk run each serves
 * requests without errors, and the report and chart are written (under
 * bench/target/smoke, never over the committed RESULTS.md). Whether "native" really ran natively is reported, not
 * asserted: the connector's own tests own that, and the report says it loudly.
 */
class BenchSmokeIT
{
    @Test
    void everyTargetServesAndTheReportIsWritten() throws Exception
    {
        BenchOptions options = BenchOptions.parse("--smoke", "--root=" + Path.of("..").toAbsolutePath().normalize());
        assertTrue(options.outDir().endsWith(Path.of("target", "smoke")), "smoke output must stay under target/: " + options.outDir());
        assertEquals(Suite.HTTP.sides(), options.targets(), "--smoke runs every HTTP target");

        BenchRun run = BenchMain.run(options);

        for (Side side : Suite.HTTP.sides())
        {
            assertTrue(run.checks().get(side).startsWith("200 \"Hello, World!\""), side + ": " + run.checks().get(side));
            // every peer deployed the sample WAR and answers its CDI and JPA endpoints as lyger-native does
            // (SampleWarCheck, before anything is measured)
            for (String path : List.of("/db", "/fortunes"))
                assertTrue(run.checks().get(side).contains(side.contextPath(path) + path + " → 200"), side + ": " + run.checks().get(side));
        }
        assertTrue(run.allServed(), "every server served the smoke scenario");
        ScenarioResult plaintext = run.results().get(0);
        for (Side side : Suite.HTTP.sides())
        {
            assertTrue(plaintext.requests(side) > 0, side + " served no request");
            assertEquals(0, plaintext.errors(side), side + " wrk errors");
        }
        assertFalse(run.active().get(Side.JETTY) == ServerProcess.Active.NATIVE, "--connector=jetty must not be native");
        for (Side peer : Side.peers(run.targets()))
            assertEquals(ServerProcess.Active.PEER, run.active().get(peer), peer + " did not log that it serves");

        Path report = options.outDir().resolve("RESULTS.md");
        Path chart = options.outDir().resolve("results.png");
        assertTrue(Files.size(report) > 0, "RESULTS.md is empty");
        assertTrue(Files.size(chart) > 1000, "results.png is empty");
        String text = Files.readString(report);
        assertTrue(text.contains("plaintext-c16"), text);
        assertTrue(text.contains("lyger-native / best peer"), "the peer comparison is missing: " + text);
        if (!run.comparable())
            assertTrue(text.contains("NOT meaningful"), "a fallback must be reported loudly");
    }
}
