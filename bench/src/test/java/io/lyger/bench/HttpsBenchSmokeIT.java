package io.lyger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * {@code bench/run --https --smoke} in {@code mvn verify}: the three HTTPS targets start (the sample WAR behind an
 * HTTPS LygerConnector, native and with Jetty's TLS forced, and Tomcat with JSSE), answer {@code GET /plaintext} over
 * HTTPS, serve one short keep-alive wrk run and one short run of full handshakes (openssl s_time) without errors, and
 * the HTTPS section is written (under bench/target/smoke-https). Whether the native engine terminated TLS is reported,
 * not asserted (it falls back to Jetty's TLS while the engine cannot); that the forced fallback is not native is.
 */
class HttpsBenchSmokeIT
{
    @Test
    void everyHttpsTargetServesAndTheSectionIsWritten() throws Exception
    {
        Path out = Path.of("target", "smoke-https").toAbsolutePath();
        BenchOptions options = BenchOptions.parse("--https", "--smoke", "--out=" + out,
            "--root=" + Path.of("..").toAbsolutePath().normalize());
        assertEquals(Suite.HTTPS.sides(), options.targets());

        BenchRun run = BenchMain.run(options);

        for (Side side : Suite.HTTPS.sides())
            assertTrue(run.checks().get(side).startsWith("200 \"Hello, World!\""), side + ": " + run.checks().get(side));
        assertTrue(run.allServed(), "every HTTPS server served every smoke scenario");
        for (ScenarioResult result : run.results())
            for (Side side : Suite.HTTPS.sides())
            {
                assertTrue(result.requests(side) > 0, side + " served nothing in " + result.scenario().id());
                assertEquals(0, result.errors(side), side + " errors in " + result.scenario().id());
            }
        assertNotEquals(ServerProcess.Active.NATIVE, run.active().get(Side.JETTY_TLS), "setForceFallback(true) must not be native");
        assertNotEquals(ServerProcess.Active.UNKNOWN, run.active().get(Side.NATIVE_TLS), "the HTTPS server must say which engine serves");

        String text = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(text.contains(HttpsReport.BEGIN) && text.contains(HttpsReport.END), text);
        assertTrue(text.contains("| https-handshake-full |") && text.contains("native / Jetty's TLS"), text);
        if (!run.comparable())
            assertTrue(text.contains("NOT meaningful"), "a fallback must be reported loudly");
    }
}
