package io.lyger.tck.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison of two report directories, on Failsafe XML written here. */
class TckReportTest
{
    @TempDir
    Path dir;

    private Path reports(String name, String... testcases) throws IOException
    {
        Path reports = Files.createDirectories(dir.resolve(name));
        Files.writeString(reports.resolve("TEST-io.lyger.tck.request.SomeIT.xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"io.lyger.tck.request.SomeIT\">\n"
                + String.join("\n", testcases) + "\n</testsuite>\n");
        return reports;
    }

    private static String passed(String name)
    {
        return "<testcase name=\"" + name + "\" classname=\"io.lyger.tck.request.SomeIT\" time=\"0.1\"/>";
    }

    private static String failed(String name, String message)
    {
        return "<testcase name=\"" + name + "\" classname=\"io.lyger.tck.request.SomeIT\" time=\"0.1\">"
            + "<failure message=\"" + message + "\" type=\"org.opentest4j.AssertionFailedError\">trace</failure></testcase>";
    }

    private Path known(String rows) throws IOException
    {
        return Files.writeString(dir.resolve("known-differences.md"), "# Known\n\n| test | reason | plan |\n|---|---|---|\n" + rows);
    }

    @Test
    void identicalRunsPass() throws IOException
    {
        TckReport.Comparison comparison = TckReport.compare(reports("n", passed("a"), failed("b", "x")),
            reports("j", passed("a"), failed("b", "x")), known("| `io.lyger.tck.request.SomeIT#b` | broken everywhere | fix |\n"));
        assertEquals(List.of(), comparison.problems());
        assertTrue(comparison.summary().contains("| request | 2 | 1 | 1 | 1 |"), comparison.summary());
    }

    @Test
    void aDifferenceNotListedIsAProblemNamingTheTestAndBothOutcomes() throws IOException
    {
        TckReport.Comparison comparison = TckReport.compare(reports("n", passed("a"), failed("b", "expected 200")),
            reports("j", passed("a"), passed("b")), known(""));
        assertEquals(1, comparison.problems().size());
        String problem = comparison.problems().get(0);
        assertTrue(problem.contains("io.lyger.tck.request.SomeIT#b fails on native but passes on Jetty (expected 200)"), problem);
    }

    @Test
    void aFailureOnBothNotListedIsAProblem() throws IOException
    {
        TckReport.Comparison comparison = TckReport.compare(reports("n", failed("a", "m")), reports("j", failed("a", "m")), known(""));
        assertEquals(1, comparison.problems().size());
        assertTrue(comparison.problems().get(0).contains("fails on both connectors"));
    }

    @Test
    void aListedClassCoversItsMethods() throws IOException
    {
        TckReport.Comparison comparison = TckReport.compare(reports("n", failed("a", "m")), reports("j", passed("a")),
            known("| io.lyger.tck.request.SomeIT | the engine does not do X yet | issue 7 |\n"));
        assertEquals(List.of(), comparison.problems());
        assertTrue(comparison.summary().contains("the engine does not do X yet; issue 7"), comparison.summary());
    }

    @Test
    void aTestMissingFromOneRunIsADifference() throws IOException
    {
        TckReport.Comparison comparison = TckReport.compare(reports("n", passed("a"), passed("b")), reports("j", passed("a")), known(""));
        assertEquals(1, comparison.problems().size());
        assertTrue(comparison.problems().get(0).contains("passes on native but did not run on Jetty"));
    }

    @Test
    void aMissingRunIsAProblem() throws IOException
    {
        TckReport.Comparison comparison = TckReport.compare(reports("n", passed("a")), dir.resolve("none"), known(""));
        assertTrue(comparison.problems().stream().anyMatch(p -> p.contains("that run did not happen")), comparison.problems().toString());
    }

    @Test
    void areaIsThePackageUnderTck()
    {
        assertEquals("request", TckReport.area("io.lyger.tck.request.FooIT#bar"));
        assertEquals("async", TckReport.area("io.lyger.tck.async.nested.FooIT#bar"));
        assertEquals("other", TckReport.area("org.example.FooIT#bar"));
    }

    @Test
    void knownDifferencesReadsOnlyTestRows()
    {
        Map<String, String> known = TckReport.knownDifferences("text io.lyger.tck.a.B\n| test | reason |\n|---|---|\n"
            + "| `io.lyger.tck.a.BIT#c` | why | plan |\n| not a test | x |\n");
        assertEquals(Map.of("io.lyger.tck.a.BIT#c", "why; plan"), known);
        assertNull(TckReport.knownReason(known, "io.lyger.tck.a.BIT#d"));
    }

    @Test
    void readmeBlockIsReplaced()
    {
        String readme = "# TCK\n" + TckReport.BEGIN + "\nold\n" + TckReport.END + "\nrest\n";
        assertEquals("# TCK\n" + TckReport.BEGIN + "\nnew table\n" + TckReport.END + "\nrest\n", TckReport.replaceBetweenMarkers(readme, "new table\n"));
        assertThrows(IllegalArgumentException.class, () -> TckReport.replaceBetweenMarkers("no block", "x"));
    }
}
