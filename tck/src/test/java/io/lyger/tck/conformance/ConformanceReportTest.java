package io.lyger.tck.conformance;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What fails the build, and what the table shows, from outcomes given here. */
class ConformanceReportTest
{
    private static final List<Vector> VECTORS = Vector.parse(
        "a-1\tarea\tfirst\t400 close\tRFC 9112 §3\tGET / HTTP/1.1\\r\\n\\r\\n\n"
            + "a-2\tarea\tsecond\t400 close|close\tRFC 9112 §9.6\tGET /{shut}\n", "test");

    @Test
    void sameOutcomesOrExpectedAlternativesAreNoProblem()
    {
        Map<String, String> outcomes = Map.of("a-1", "400 close", "a-2", "close");
        assertEquals(List.of(), ConformanceReport.problems(VECTORS, outcomes, Map.of("a-1", "400 close", "a-2", "400 close"), ListedDifferences.parse("", "none")));
    }

    @Test
    void anUnlistedDifferenceFailsAndAListedOneDoesNot()
    {
        Map<String, String> jetty = Map.of("a-1", "400 close", "a-2", "close");
        Map<String, String> lenient = Map.of("a-1", "200 open", "a-2", "close");
        List<String> problems = ConformanceReport.problems(VECTORS, lenient, jetty, ListedDifferences.parse("", "none"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("a-1 (first): native 200 open, Jetty 400 close"), problems.get(0));
        ListedDifferences listed = ListedDifferences.parse("| a-1 | native | engine leniency |\n", "listed");
        assertEquals(List.of(), ConformanceReport.problems(VECTORS, lenient, jetty, listed));
        String table = ConformanceReport.table(VECTORS, lenient, jetty, listed);
        assertTrue(table.contains("| a-1 | area | first | `GET / HTTP/1.1\\r\\n\\r\\n` | 400 close | **200 open** | 400 close | RFC 9112 §3 |"), table);
        assertTrue(table.contains("| a-1 | native | engine leniency |"), table);
    }

    @Test
    void aMissingOutcomeFails()
    {
        assertEquals(List.of("a-2 has no outcome on native"),
            ConformanceReport.problems(VECTORS, Map.of("a-1", "400 close"), Map.of("a-1", "400 close", "a-2", "close"), ListedDifferences.parse("", "none")));
    }
}
