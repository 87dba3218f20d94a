package io.lyger.tck.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes the conformance table from the vectors and the outcomes ConformanceIT wrote on each connector, and fails
 * (an exception, so a failed build) when the native connector and Jetty's answer a vector differently and
 * conformance-differences.md lists neither; run by {@code mvn verify} in tck/ after both runs.
 * <pre>
 * ConformanceReport vectors.tsv observed-native.tsv observed-jetty.tsv conformance-differences.md conformance.md
 * </pre>
 * When a run left no outcomes (a filtered run, {@code -Dit.test=...}), there is nothing to compare and no table.
 */
public final class ConformanceReport
{
    /** Requests longer than this are cut in the table (the whole request is in vectors.tsv). */
    private static final int REQUEST_CHARS = 90;

    private ConformanceReport()
    {
    }

    public static void main(String[] args) throws IOException
    {
        if (args.length != 5)
            throw new IllegalArgumentException("usage: ConformanceReport VECTORS OBSERVED_NATIVE OBSERVED_JETTY DIFFERENCES OUTPUT");
        Path nativeObserved = Path.of(args[1]);
        Path jettyObserved = Path.of(args[2]);
        if (!Files.exists(nativeObserved) || !Files.exists(jettyObserved))
        {
            System.out.println("[conformance] no outcomes from both connectors (" + nativeObserved + ", " + jettyObserved + "): no table");
            return;
        }
        List<Vector> vectors = Vector.read(Path.of(args[0]));
        ListedDifferences listed = ListedDifferences.read(Path.of(args[3]));
        Map<String, String> nativeOutcomes = observed(nativeObserved);
        Map<String, String> jettyOutcomes = observed(jettyObserved);
        List<String> problems = problems(vectors, nativeOutcomes, jettyOutcomes, listed);
        Path output = Path.of(args[4]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, table(vectors, nativeOutcomes, jettyOutcomes, listed), StandardCharsets.UTF_8);
        System.out.println("[conformance] " + vectors.size() + " vectors compared on both connectors; table in " + output);
        if (!problems.isEmpty())
            throw new IllegalStateException(problems.size() + " conformance problem(s):\n  - " + String.join("\n  - ", problems));
    }

    /** @return what fails the build: a vector without an outcome, or answered unlike on the two connectors and listed for neither */
    static List<String> problems(List<Vector> vectors, Map<String, String> nativeOutcomes, Map<String, String> jettyOutcomes,
                                 ListedDifferences listed)
    {
        List<String> problems = new ArrayList<>();
        for (Vector vector : vectors)
        {
            String n = nativeOutcomes.get(vector.id());
            String j = jettyOutcomes.get(vector.id());
            if (n == null || j == null)
                problems.add(vector.id() + " has no outcome on " + (n == null ? "native" : "jetty"));
            else if (!agree(vector, n, j) && listed.reason(vector.id(), "native") == null && listed.reason(vector.id(), "jetty") == null)
                problems.add(vector.id() + " (" + vector.what() + "): native " + n + ", Jetty " + j + ", not listed in conformance-differences.md");
        }
        return problems;
    }

    /** @return id → outcome from an observed-*.tsv file (id, tab, outcome; # comments) */
    static Map<String, String> observed(Path file) throws IOException
    {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8))
        {
            int tab = line.indexOf('\t');
            if (!line.startsWith("#") && tab > 0)
                outcomes.put(line.substring(0, tab), line.substring(tab + 1).strip());
        }
        return outcomes;
    }

    static String table(List<Vector> vectors, Map<String, String> nativeOutcomes, Map<String, String> jettyOutcomes, ListedDifferences listed)
    {
        Map<String, int[]> areas = new TreeMap<>();
        int[] total = new int[4];
        for (Vector vector : vectors)
        {
            String n = nativeOutcomes.get(vector.id());
            String j = jettyOutcomes.get(vector.id());
            int[] row = {1, Outcome.matches(vector.expected(), n) ? 1 : 0, Outcome.matches(vector.expected(), j) ? 1 : 0, agree(vector, n, j) ? 1 : 0};
            int[] counts = areas.computeIfAbsent(vector.area(), a -> new int[4]);
            for (int i = 0; i < row.length; i++)
            {
                counts[i] += row[i];
                total[i] += row[i];
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# Conformance vectors: native connector and Jetty's ServerConnector\n\n");
        out.append("Generated from the last `mvn -B verify` in tck/ (`tck/report` copies it here) by\n");
        out.append("`io.lyger.tck.conformance.ConformanceReport`: each vector of\n");
        out.append("[src/test/resources/conformance/vectors.tsv](src/test/resources/conformance/vectors.tsv) sent over a raw socket to\n");
        out.append("each connector by `ConformanceIT`. Outcome words: the statuses received in order (`200(5)`: the application read\n");
        out.append("5 body bytes), then `close` (the server closed the connection), `open` (a probe request on the same connection was\n");
        out.append("served), `timeout` (nothing more within the test's wait) or `alive` (after a client reset, a new connection was\n");
        out.append("served). The expected outcome is Jetty's, or the RFC's where a reason is listed. A cell in bold differs from the\n");
        out.append("expected outcome; [conformance-differences.md](conformance-differences.md) gives the reason.\n\n");
        out.append("| area | vectors | as expected on native | as expected on Jetty | alike on both |\n");
        out.append("|------|--------:|----------------------:|---------------------:|---------------:|\n");
        for (Map.Entry<String, int[]> area : areas.entrySet())
            counts(out, area.getKey(), area.getValue());
        counts(out, "**all**", total);
        out.append("\n| id | area | what | request | expected | native | Jetty | clause |\n");
        out.append("|----|------|------|---------|----------|--------|-------|--------|\n");
        for (Vector vector : vectors)
        {
            out.append("| ").append(vector.id()).append(" | ").append(vector.area()).append(" | ").append(cell(vector.what()))
                .append(" | `").append(cell(shorten(vector.request()))).append("` | ").append(cell(vector.expected()))
                .append(" | ").append(outcome(vector, nativeOutcomes.get(vector.id())))
                .append(" | ").append(outcome(vector, jettyOutcomes.get(vector.id())))
                .append(" | ").append(cell(vector.clause())).append(" |\n");
        }
        List<String> reasons = new ArrayList<>();
        for (Vector vector : vectors)
        {
            for (String connector : List.of("native", "jetty"))
            {
                String reason = listed.reason(vector.id(), connector);
                if (reason != null)
                    reasons.add("| " + vector.id() + " | " + connector + " | " + cell(reason) + " |");
            }
        }
        if (!reasons.isEmpty())
        {
            out.append("\nListed differences (conformance-differences.md):\n\n| id | connector | reason |\n|----|-----------|--------|\n");
            out.append(String.join("\n", reasons)).append('\n');
        }
        return out.toString();
    }

    /** @return whether both connectors answered alike: the same outcome, or each an expected alternative */
    private static boolean agree(Vector vector, String nativeOutcome, String jettyOutcome)
    {
        if (nativeOutcome == null || jettyOutcome == null)
            return false;
        return nativeOutcome.equals(jettyOutcome)
            || Outcome.matches(vector.expected(), nativeOutcome) && Outcome.matches(vector.expected(), jettyOutcome);
    }

    private static void counts(StringBuilder out, String name, int[] counts)
    {
        out.append("| ").append(name);
        for (int count : counts)
            out.append(" | ").append(count);
        out.append(" |\n");
    }

    private static String outcome(Vector vector, String observed)
    {
        if (observed == null)
            return "*did not run*";
        return Outcome.matches(vector.expected(), observed) ? observed : "**" + observed + "**";
    }

    private static String shorten(String request)
    {
        return request.length() <= REQUEST_CHARS ? request : request.substring(0, REQUEST_CHARS) + "…";
    }

    private static String cell(String text)
    {
        return text.replace("|", "\\|");
    }
}
