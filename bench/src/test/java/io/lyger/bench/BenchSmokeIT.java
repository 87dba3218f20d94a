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
 * body, every peer deploys the sample WAR and serves every path of the full run from it (the default,
 * {@code --peer-app=war}: nothing at its root), answering each as Lyger does, one short wrk run each serves
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

        assertEquals(PeerApp.WAR, options.peerApp(), "the peers serve the same WAR by default");
        for (Side side : Suite.HTTP.sides())
        {
            String checks = run.checks().get(side);
            assertTrue(checks.startsWith("200 \"Hello, World!\""), side + ": " + checks);
            // every target answers every path of the full run as lyger-native does (SampleWarCheck, before anything is
            // measured): a peer from the sample WAR at /lyger-sample, Lyger from the same WAR at its root
            String context = side.peer() ? "/lyger-sample" : "";
            for (String request : List.of("GET /plaintext", "GET /json", "GET /bytes?n=1048576", "POST /sha256", "GET /db", "GET /fortunes"))
            {
                String[] methodAndPath = request.split(" ");
                assertTrue(checks.contains(methodAndPath[0] + " " + context + methodAndPath[1] + " → 200"), side + " " + request + ": " + checks);
            }
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
        {
            assertEquals(ServerProcess.Active.PEER, run.active().get(peer), peer + " did not log that it serves");
            // its ready line: the WAR at /lyger-sample, none of the servlets registered in code at its root
            String ready = String.join("\n", run.connectorLines().get(peer));
            assertTrue(ready.contains("no servlets at the root") && ready.contains("lyger-sample.war at /lyger-sample"), peer + ": " + ready);
        }

        Path report = options.outDir().resolve("RESULTS.md");
        Path chart = options.outDir().resolve("results.png");
        assertTrue(Files.size(report) > 0, "RESULTS.md is empty");
        assertTrue(Files.size(chart) > 1000, "results.png is empty");
        String text = Files.readString(report);
        assertTrue(text.contains("plaintext-c16"), text);
        assertTrue(text.contains("lyger-native / best peer"), "the peer comparison is missing: " + text);
        assertTrue(text.contains("`--app=sample --peer-app=war`") && text.contains("every target runs the same application"),
            "the report must say which application the peers ran: " + text);
        if (!run.comparable())
            assertTrue(text.contains("NOT meaningful"), "a fallback must be reported loudly");
    }
}
