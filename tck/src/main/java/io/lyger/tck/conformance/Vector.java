package io.lyger.tck.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One row of {@code src/test/resources/conformance/vectors.tsv}: a request sent over a raw socket and the outcome
 * expected from the server. Columns, separated by tabs: id, area, what (a few words), expected, clause, request.
 * Lines that are blank or start with {@code #} are comments. The request's notation is read by the test
 * ({@code io.lyger.tck.conformance.Script}); the outcome's by {@link Outcome}.
 */
public record Vector(String id, String area, String what, String expected, String clause, String request)
{
    /** @return the vectors of {@code file}, in order; a malformed line fails with its file and line number. */
    public static List<Vector> read(Path file) throws IOException
    {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    static List<Vector> parse(String text, String source)
    {
        List<Vector> vectors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            String line = lines[i].stripTrailing();
            if (line.isBlank() || line.startsWith("#"))
                continue;
            String[] cells = line.split("\t");
            String where = source + ":" + (i + 1);
            if (cells.length != 6)
                throw new IllegalArgumentException(where + ": expected 6 tab-separated cells (id, area, what, expected, clause, request), got " + cells.length);
            Vector vector = new Vector(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip(), cells[5]);
            if (!ids.add(vector.id()))
                throw new IllegalArgumentException(where + ": duplicate vector id " + vector.id());
            Outcome.check(vector.expected(), where);
            vectors.add(vector);
        }
        return vectors;
    }
}
