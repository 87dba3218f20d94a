package io.lyger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The HTTPS suite's pieces that need no server: its targets and scenarios, s_time's and testssl's output, the report's
 * section kept across HTTP runs, and the ratios against Jetty's TLS. The whole suite runs in bench/run --https --smoke.
 */
class HttpsSuiteTest
{
    @Test
    void httpsSelectsItsOwnTargetsAndRefusesTheOthers()
    {
        BenchOptions https = BenchOptions.parse("--root=..", "--https");
        assertEquals(List.of(Side.NATIVE_TLS, Side.JETTY_TLS, Side.TOMCAT_TLS), https.targets());
        assertEquals(Suite.HTTPS, https.suite());
        assertTrue(https.profile() == null, "no CPU profile by default in the HTTPS suite");
        assertEquals(List.of(Side.NATIVE_TLS, Side.TOMCAT_TLS), BenchOptions.parse("--root=..", "--https", "--targets=tomcat-tls").targets());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BenchOptions.parse("--root=..", "--https", "--targets=tomcat"));
        assertTrue(e.getMessage().contains("tomcat") && e.getMessage().contains("drop --https"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--root=..", "--targets=jetty-tls"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--root=..", "--https", "--tls-key=dsa"));
        assertFalse(Suite.HTTP.sides().contains(Side.NATIVE_TLS), "the HTTP run's targets stay as they were");
    }

    @Test
    void everyHttpsScenarioRunsOverHttpsAgainstJettysTls()
    {
        List<Scenario> scenarios = Scenarios.https();
        assertEquals(List.of("https-plaintext-c16", "https-plaintext-c64", "https-plaintext-c256", "https-json-c16",
            "https-json-c64", "https-json-c256", "https-close-c64", "https-handshake-full", "https-handshake-resumed"),
            scenarios.stream().map(Scenario::id).toList());
        assertTrue(scenarios.stream().allMatch(s -> s.suite() == Suite.HTTPS && !s.targets().isEmpty()));
        assertTrue(Scenarios.all().stream().allMatch(s -> s.suite() == Suite.HTTP));
        ScenarioResult result = new ScenarioResult(scenarios.get(0), List.of(run(Side.NATIVE_TLS, 30_000, 3)),
            List.of(run(Side.JETTY_TLS, 20_000, 4)), null);
        assertEquals(1.5, result.ratio(Metric.THROUGHPUT), 1e-9);
        // 3 s for 30,000 requests against 4 s for 20,000: 100 µs against 200 µs a request
        assertEquals(0.5, result.ratio(Metric.CPU_PER_10K), 1e-9);
    }

    @Test
    void sTimeCountsConnectionsAndSessionsNotResumed()
    {
        String resumed = """
            Collecting connection statistics for 4 seconds
            
            
            Now timing with session id reuse.
            starting
            rrrrrrrrrr*rrrrr
            
            15 connections in 0.05s; 300.00 connections/user sec, bytes read 1995
            15 connections in 5 real seconds, 133 bytes read per connection
            """;
        STimeRunner.Counts counts = STimeRunner.parse(resumed, true);
        assertEquals(15, counts.connections());
        assertEquals(1995, counts.bytes());
        assertEquals(0, counts.notResumed(), "the first connection of each process makes the session");
        assertEquals(1, STimeRunner.parse(resumed.replace("rrrrr\n", "r*rrr\n"), true).notResumed());
        STimeRunner.Counts full = STimeRunner.parse("""
            Collecting connection statistics for 4 seconds
            ****************
            
            16 connections in 0.10s; 160.00 connections/user sec, bytes read 2128
            16 connections in 4 real seconds, 133 bytes read per connection
            """, false);
        assertEquals(16, full.connections());
        assertEquals(0, full.notResumed());
        assertEquals(0, STimeRunner.parse("connect: Connection refused\nERROR\n", false).connections());
    }

    @Test
    void theHttpsSectionIsReplacedByHttpsRunsAndKeptByHttpRuns()
    {
        String http = "# Lyger benchmark\n\nHTTP tables\n";
        String once = HttpsReport.splice(http, "## HTTPS\n\nfirst\n");
        assertTrue(once.startsWith(http.strip()) && once.contains("first") && once.contains(HttpsReport.END), once);
        String twice = HttpsReport.splice(once, "## HTTPS\n\nsecond\n");
        assertTrue(twice.contains("second") && !twice.contains("first"), twice);
        assertTrue(twice.indexOf(HttpsReport.BEGIN) >= 0 && twice.indexOf(HttpsReport.BEGIN) == twice.lastIndexOf(HttpsReport.BEGIN), "one section");
        // an HTTP run rewrites the rest and appends the section it found
        String rewritten = "# Lyger benchmark, new run\n" + HttpsReport.section(twice);
        assertTrue(rewritten.contains("second") && rewritten.contains(HttpsReport.BEGIN), rewritten);
        assertEquals("", HttpsReport.section(http));
    }

    @Test
    void testsslFindingsAreReadWithTheirSeverity()
    {
        List<TestSslMain.Finding> findings = TestSslMain.parse("""
            [
                     {
                          "id"           : "TLS1_3",
                          "ip"           : "127.0.0.1/127.0.0.1",
                          "port"         : "8443",
                          "severity"     : "OK",
                          "finding"      : "offered with final"
                     },
                     {
                          "id"           : "secure_client_renego",
                          "ip"           : "127.0.0.1/127.0.0.1",
                          "port"         : "8443",
                          "severity"     : "HIGH",
                          "cve"          : "CVE-2011-1473",
                          "cwe"          : "CWE-310",
                          "finding"      : "VULNERABLE, \\"DoS threat\\""
                     }
            ]
            """);
        assertEquals(2, findings.size());
        assertEquals(new TestSslMain.Finding("TLS1_3", "OK", "offered with final"), findings.get(0));
        assertTrue(findings.get(1).highOrCritical());
        assertEquals("VULNERABLE, \"DoS threat\"", findings.get(1).finding());
    }

    @Test
    void theHttpsTableHasARatioColumnAgainstJettysTlsAndTomcat()
    {
        Scenario scenario = Scenarios.https().get(0);
        ScenarioResult result = new ScenarioResult(scenario, Map.of(
            Side.NATIVE_TLS, List.of(run(Side.NATIVE_TLS, 30_000, 3)),
            Side.JETTY_TLS, List.of(run(Side.JETTY_TLS, 20_000, 4)),
            Side.TOMCAT_TLS, List.of(run(Side.TOMCAT_TLS, 15_000, 3))), null);
        BenchRun run = new BenchRun(BenchOptions.parse("--root=..", "--https"), null, List.of(), List.of(), Map.of(),
            Map.of(), Map.of(), List.of(result), null, null, null, true);
        String md = HttpsReport.table(run, Metric.THROUGHPUT);
        assertTrue(md.contains("| scenario | lyger-native-tls | jetty-tls | tomcat-tls | native / Jetty's TLS | native / tomcat-tls |"), md);
        // 10 s runs
        assertTrue(md.contains("| https-plaintext-c16 | 3,000 | 2,000 | 1,500 | 1.50× | 2.00× |"), md);
    }

    /** A 10 s run of {@code requests} requests taking {@code serverSeconds} of server CPU. */
    private static RunResult run(Side side, long requests, double serverSeconds)
    {
        WrkResult wrk = new WrkResult(requests, 10_000_000, 0, 0, 0, 0, 0, 0, 500, 2000, 3000, 4000);
        return new RunResult(side, 0, wrk, serverSeconds, 200_000, true, 0, 0, 0, 5, 0, 10, 0, -1);
    }
}
