package io.lyger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Which target serves which path where: by default the peers serve every path from the same WAR Lyger serves, at
 * /lyger-sample; with --peer-app=servlets, their root's servlets and the WAR for /db and /fortunes only; --app=minimal
 * leaves the CDI endpoints out on every target.
 */
class PeerAppTest
{
    @Test
    void byDefaultThePeersServeEveryPathFromTheWarLygerServes()
    {
        BenchOptions options = BenchOptions.parse("--root=..");
        assertEquals(App.SAMPLE, options.app());
        assertEquals(PeerApp.WAR, options.peerApp());
        assertTrue(options.war().endsWith("lyger-sample.war"), options.war().toString());
        for (String path : List.of("/plaintext", "/json", "/bytes?n=1048576", "/sha256", "/db", "/fortunes"))
        {
            assertEquals("/lyger-sample", PeerApp.WAR.contextPath(Side.TOMCAT, path), path);
            assertEquals("", PeerApp.WAR.contextPath(Side.NATIVE, path), "Lyger serves the WAR at the root: " + path);
            assertTrue(PeerApp.WAR.serves(Side.UNDERTOW, App.SAMPLE, path), path);
        }
        assertEquals("", PeerApp.WAR.contextPath(Side.BARE_JETTY, "/static/1k.bin"), "static files stay at the root");
        assertTrue(PeerApp.WAR.serves(Side.TOMCAT, App.SAMPLE, "/echo"), "the whole WAR, not the four servlets");
        assertTrue(PeerApp.WAR.peersDeployWar(List.of("/plaintext")), "the WAR serves plaintext: it is deployed");
        for (Scenario scenario : Scenarios.all())
            assertEquals(Suite.HTTP.sides(), BenchMain.targets(options, scenario), scenario.id());
    }

    @Test
    void theOldWayServesTheServletsAtThePeersRootAndTheWarForTheCdiEndpointsOnly()
    {
        BenchOptions options = BenchOptions.parse("--root=..", "--peer-app=servlets");
        assertEquals(PeerApp.SERVLETS, options.peerApp());
        assertEquals("", PeerApp.SERVLETS.contextPath(Side.TOMCAT, "/plaintext"));
        assertEquals("", PeerApp.SERVLETS.contextPath(Side.TOMCAT, "/bytes?n=1048576"));
        assertEquals("/lyger-sample", PeerApp.SERVLETS.contextPath(Side.UNDERTOW, "/db"));
        assertEquals("", PeerApp.SERVLETS.contextPath(Side.NATIVE, "/db"));
        assertFalse(PeerApp.SERVLETS.serves(Side.TOMCAT, App.SAMPLE, "/echo"), "the root context has the servlets without CDI only");
        assertTrue(PeerApp.SERVLETS.serves(Side.JETTY, App.SAMPLE, "/echo"));
        assertFalse(PeerApp.SERVLETS.peersDeployWar(List.of("/plaintext", "/json")), "no WAR on the peers without a CDI path");
        assertTrue(PeerApp.SERVLETS.peersDeployWar(List.of("/plaintext", "/db")));
    }

    @Test
    void theMinimalWarLeavesTheCdiEndpointsOutOnEveryTarget()
    {
        BenchOptions options = BenchOptions.parse("--root=..", "--app=minimal");
        assertTrue(options.war().endsWith("minimal"), options.war().toString());
        List<String> ids = BenchMain.selectScenarios(options).stream().map(Scenario::id).toList();
        assertFalse(ids.contains("db-c16") || ids.contains("fortunes-c64"), ids.toString());
        assertTrue(ids.contains("plaintext-c16") && ids.contains("upload-1m") && ids.contains("static-1k"), ids.toString());
        assertFalse(PeerApp.WAR.serves(Side.NATIVE, App.MINIMAL, "/db"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BenchMain.selectScenarios(BenchOptions.parse("--root=..", "--app=minimal", "--only=db-c16")));
        assertTrue(e.getMessage().contains("minimal"), e.getMessage());
    }

    @Test
    void theCheckCoversEveryPathOfTheRunAndTheSmokeRunEveryPathOfTheFullRun()
    {
        BenchOptions options = BenchOptions.parse("--root=..", "--only=plaintext-c16,json-c64,upload-1m,static-1k");
        assertEquals(List.of(new SampleWarCheck.Probe("/plaintext", false), new SampleWarCheck.Probe("/json", false),
            new SampleWarCheck.Probe("/sha256", true)), BenchMain.checkProbes(options, BenchMain.selectScenarios(options)));
        List<String> smoke = BenchMain.checkProbes(BenchOptions.parse("--root=..", "--smoke"), Scenarios.smoke()).stream()
            .map(SampleWarCheck.Probe::path).toList();
        assertEquals(List.of("/plaintext", "/json", "/bytes?n=1048576", "/sha256", "/db", "/fortunes"), smoke);
        List<String> minimal = BenchMain.checkProbes(BenchOptions.parse("--root=..", "--smoke", "--app=minimal"),
            Scenarios.smoke()).stream().map(SampleWarCheck.Probe::path).toList();
        assertEquals(List.of("/plaintext", "/json", "/bytes?n=1048576", "/sha256"), minimal);
    }

    @Test
    void theEstimateCountsThePeersDeploymentOfTheWarAndTheirWarmUpOnTheCdiEndpoints()
    {
        BenchOptions options = BenchOptions.parse("--root=..", "--only=db-c16,db-c64,fortunes-c64");
        List<Scenario> scenarios = BenchMain.selectScenarios(options);
        assertEquals(3, scenarios.size(), "db-c16, db-c64 and fortunes-c64 exist");
        // 5 targets: start 50 + 24 for the WAR on the 3 peers, warm-up 5 × (5 + 1.4) + the peers' of both paths
        // 3 × 2 × (5 + 0.7), the profile of Lyger's two 2 × (10 + 3); per scenario 5 × (1 + 0.7) of scenario warm-up
        // and 5 × 3 × (4 + 0.7) measured
        assertEquals(Math.round(50 + 24 + 32 + 34.2 + 26 + 3 * (8.5 + 70.5)), BenchMain.estimate(options, scenarios).toSeconds());
        // plaintext alone: the WAR is deployed on the peers all the same (24), no warm-up on the CDI endpoints
        BenchOptions plaintext = BenchOptions.parse("--root=..", "--only=plaintext-c16");
        assertEquals(Math.round(50 + 24 + 32 + 26 + 8.5 + 70.5), BenchMain.estimate(plaintext, BenchMain.selectScenarios(plaintext)).toSeconds());
        BenchOptions old = BenchOptions.parse("--root=..", "--only=plaintext-c16", "--peer-app=servlets");
        assertEquals(Math.round(50 + 32 + 26 + 8.5 + 70.5), BenchMain.estimate(old, BenchMain.selectScenarios(old)).toSeconds());
    }

    @Test
    void theCdiEndpointsAreComparedWithTheirDigitsAsideTheOthersExactly()
    {
        assertEquals(SampleWarCheck.comparable("/db", "{\"id\":1,\"randomNumber\":2}"),
            SampleWarCheck.comparable("/db", "{\"id\":37,\"randomNumber\":9000}"));
        assertFalse(SampleWarCheck.comparable("/sha256", "ab12 65536").equals(SampleWarCheck.comparable("/sha256", "ab13 65536")));
    }

    @Test
    void unknownValuesAreRefusedWithTheKnownOnes()
    {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--root=..", "--peer-app=wars"));
        assertTrue(e.getMessage().contains("servlets"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--root=..", "--app=tiny"));
        assertTrue(e.getMessage().contains("minimal"), e.getMessage());
    }
}
