package io.lyger.tck.conformance;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** vectors.tsv reads, and its notation means what Script says, before any server is started. */
class VectorsTest
{
    private static List<Vector> vectors() throws IOException, URISyntaxException
    {
        return Vector.read(Path.of(VectorsTest.class.getResource("/conformance/vectors.tsv").toURI()));
    }

    @Test
    void everyVectorParsesWithAClauseAndAnOutcome() throws IOException, URISyntaxException
    {
        List<Vector> vectors = vectors();
        assertTrue(vectors.size() >= 150, "issue 14 asks for at least 150 vectors, the file has " + vectors.size());
        for (Vector vector : vectors)
        {
            assertTrue(vector.clause().contains("RFC") || vector.clause().contains("Servlet"), vector.id() + " names no clause");
            assertTrue(!Script.parse(vector.request(), "/conformance").steps().isEmpty(), vector.id());
        }
    }

    @Test
    void notation()
    {
        Script script = Script.parse("GET {ctx}/a\\r\\n{3*ab}\\x00{pause}x{await}{slow}yz{shut}", "/c");
        assertEquals(6, script.steps().size());
        assertArrayEquals("GET /c/a\r\nababab\0".getBytes(StandardCharsets.ISO_8859_1), ((Script.Send) script.steps().get(0)).bytes());
        assertEquals(Script.Action.PAUSE, script.steps().get(1));
        assertEquals(Script.Action.AWAIT, script.steps().get(3));
        Script.Send slow = (Script.Send) script.steps().get(4);
        assertTrue(slow.slow());
        assertEquals(Script.Action.SHUT, script.steps().get(5));
        assertThrows(IllegalArgumentException.class, () -> Script.parse("{nope}", "/c"));
    }

    @Test
    void outcomesAreStatusesThenAnEnd()
    {
        Outcome.check("100 200(5) open", "t");
        Outcome.check("close", "t");
        assertEquals(2, Outcome.responses("100 200(5) open"));
        Outcome.check("400 close|close", "t");
        assertTrue(Outcome.matches("400 close|close", "close"));
        assertTrue(!Outcome.matches("400 close|close", "400 open"));
        assertEquals(1, Outcome.responses("400 close|close"));
        assertThrows(IllegalArgumentException.class, () -> Outcome.check("200", "t"));
        assertThrows(IllegalArgumentException.class, () -> Outcome.check("open 200", "t"));
    }

    @Test
    void listedDifferencesNeedAReason()
    {
        ListedDifferences listed = ListedDifferences.parse("| id | connector | reason |\n|---|---|---|\n| ck-08 | native | lenient |\n", "f");
        assertEquals("lenient", listed.reason("ck-08", "native"));
        assertEquals(null, listed.reason("ck-08", "jetty"));
        assertThrows(IllegalArgumentException.class, () -> ListedDifferences.parse("| ck-08 | native |  |\n", "f"));
    }
}
