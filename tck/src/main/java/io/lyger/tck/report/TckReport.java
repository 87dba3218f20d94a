package io.lyger.tck.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Compares the two TCK runs (the Failsafe reports of the native connector and of Jetty's ServerConnector) and
 * writes the summary table; run by {@code mvn verify} in tck/ after both runs.
 * <pre>
 * TckReport compare NATIVE_REPORTS JETTY_REPORTS known-differences.md tck-summary.md
 * TckReport readme tck-summary.md README.md
 * </pre>
 * {@code compare} fails (an exception, so a failed build) when a test's outcome differs between the two runs, or a
 * test fails on both, and the test is not listed in {@code known-differences.md}. {@code readme} copies the summary
 * between the {@value #BEGIN} and {@value #END} lines of the README.
 */
public final class TckReport
{
    static final String BEGIN = "<!-- tck-summary:begin -->";
    static final String END = "<!-- tck-summary:end -->";
    static final String PACKAGE = "io.lyger.tck.";

    /** A test's outcome in one run; failures and errors count as one ("failed"). */
    enum Outcome
    {
        PASSED("passes"), FAILED("fails"), SKIPPED("skipped"), MISSING("did not run");

        final String words;

        Outcome(String words)
        {
            this.words = words;
        }
    }

    /** One test (class#method) in both runs, with the first line of its failure message in each. */
    record Result(String test, Outcome nativeOutcome, Outcome jettyOutcome, String nativeMessage, String jettyMessage)
    {
        String area()
        {
            return TckReport.area(test);
        }

        boolean differs()
        {
            return nativeOutcome != jettyOutcome;
        }

        boolean failsOnBoth()
        {
            return nativeOutcome == Outcome.FAILED && jettyOutcome == Outcome.FAILED;
        }
    }

    /** What {@code compare} found: the summary and the problems that fail the build. */
    record Comparison(List<Result> results, Map<String, String> known, String summary, List<String> problems)
    {
    }

    private TckReport()
    {
    }

    public static void main(String[] args) throws IOException
    {
        if (args.length == 5 && args[0].equals("compare"))
        {
            Path nativeReports = Path.of(args[1]);
            Path jettyReports = Path.of(args[2]);
            if (!Files.isDirectory(nativeReports) && !Files.isDirectory(jettyReports))
            {
                System.out.println("[tck] no reports in " + nativeReports + " nor " + jettyReports + ": nothing to compare");
                return;
            }
            Comparison comparison = compare(nativeReports, jettyReports, Path.of(args[3]));
            Path summary = Path.of(args[4]);
            Files.createDirectories(summary.toAbsolutePath().getParent());
            Files.writeString(summary, comparison.summary(), StandardCharsets.UTF_8);
            System.out.println("[tck] " + comparison.results().size() + " tests compared on both connectors; summary in " + summary);
            System.out.print(table(comparison.results(), comparison.known()));
            if (!comparison.problems().isEmpty())
                throw new IllegalStateException(comparison.problems().size() + " TCK problem(s), see " + summary + ":\n  - "
                    + String.join("\n  - ", comparison.problems()));
            return;
        }
        if (args.length == 3 && args[0].equals("readme"))
        {
            Path readme = Path.of(args[2]);
            String updated = replaceBetweenMarkers(Files.readString(readme), Files.readString(Path.of(args[1])));
            Files.writeString(readme, updated, StandardCharsets.UTF_8);
            System.out.println("[tck] " + readme + " updated from " + args[1]);
            return;
        }
        throw new IllegalArgumentException("usage: TckReport compare NATIVE_REPORTS JETTY_REPORTS KNOWN_DIFFERENCES SUMMARY"
            + " | TckReport readme SUMMARY README");
    }

    static Comparison compare(Path nativeReports, Path jettyReports, Path knownDifferences) throws IOException
    {
        List<String> problems = new ArrayList<>();
        for (Path reports : List.of(nativeReports, jettyReports))
        {
            if (!Files.isDirectory(reports))
                problems.add("no reports in " + reports + ": that run did not happen");
        }
        Map<String, Report> nativeRun = read(nativeReports);
        Map<String, Report> jettyRun = read(jettyReports);
        Map<String, String> known = Files.exists(knownDifferences) ? knownDifferences(Files.readString(knownDifferences)) : Map.of();
        Set<String> tests = new TreeSet<>(nativeRun.keySet());
        tests.addAll(jettyRun.keySet());
        List<Result> results = new ArrayList<>();
        for (String test : tests)
        {
            Report n = nativeRun.getOrDefault(test, Report.MISSING);
            Report j = jettyRun.getOrDefault(test, Report.MISSING);
            results.add(new Result(test, n.outcome(), j.outcome(), n.message(), j.message()));
        }
        for (Result result : results)
        {
            boolean listed = knownReason(known, result.test()) != null;
            if (result.differs() && !listed)
                problems.add(result.test() + " " + result.nativeOutcome().words + " on native but " + result.jettyOutcome().words
                    + " on Jetty" + message(result) + ": fix it, or list it with its reason in known-differences.md");
            else if (result.failsOnBoth() && !listed)
                problems.add(result.test() + " fails on both connectors" + message(result) + ": fix it, or list it in known-differences.md");
        }
        for (Map.Entry<String, String> entry : known.entrySet())
        {
            if (entry.getValue().isBlank())
                problems.add("known-differences.md lists " + entry.getKey() + " without a reason");
        }
        return new Comparison(results, known, summary(results, known), problems);
    }

    private static String message(Result result)
    {
        String message = result.nativeOutcome() == Outcome.FAILED ? result.nativeMessage() : result.jettyMessage();
        return message == null || message.isBlank() ? "" : " (" + message + ")";
    }

    /** @return the reason a test is listed with (by class#method, or by its whole class), or null if it is not. */
    static String knownReason(Map<String, String> known, String test)
    {
        String reason = known.get(test);
        if (reason == null)
        {
            int hash = test.indexOf('#');
            reason = known.get(hash >= 0 ? test.substring(0, hash) : test);
        }
        return reason;
    }

    /** @return "request" for io.lyger.tck.request.FooIT#bar; "other" outside io.lyger.tck. */
    static String area(String test)
    {
        String className = test.contains("#") ? test.substring(0, test.indexOf('#')) : test;
        if (!className.startsWith(PACKAGE))
            return "other";
        String rest = className.substring(PACKAGE.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? "other" : rest.substring(0, dot);
    }

    private record Report(Outcome outcome, String message)
    {
        static final Report MISSING = new Report(Outcome.MISSING, null);
    }

    /** @return test (class#method) → outcome, from the TEST-*.xml files of a Failsafe reports directory. */
    static Map<String, Report> read(Path reports) throws IOException
    {
        Map<String, Report> results = new TreeMap<>();
        if (!Files.isDirectory(reports))
            return results;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(reports, "TEST-*.xml"))
        {
            for (Path file : files)
            {
                Document document = parse(file);
                NodeList testcases = document.getElementsByTagName("testcase");
                for (int i = 0; i < testcases.getLength(); i++)
                {
                    Element testcase = (Element) testcases.item(i);
                    // A failure of the class as a whole (its deployment) is reported under the class name alone.
                    String name = testcase.getAttribute("name");
                    String test = testcase.getAttribute("classname") + (name.isBlank() ? "" : "#" + name);
                    results.put(test, outcome(testcase));
                }
            }
        }
        return results;
    }

    private static Report outcome(Element testcase)
    {
        for (Node child = testcase.getFirstChild(); child != null; child = child.getNextSibling())
        {
            if (!(child instanceof Element element))
                continue;
            switch (element.getTagName())
            {
                case "failure", "error":
                    String message = element.getAttribute("message");
                    if (message.isBlank())
                        message = element.getAttribute("type");
                    return new Report(Outcome.FAILED, message.lines().findFirst().orElse("").strip());
                case "skipped":
                    return new Report(Outcome.SKIPPED, null);
                default:
                    // system-out, system-err, properties; flakyFailure/rerunFailure: passed in the end
            }
        }
        return new Report(Outcome.PASSED, null);
    }

    private static Document parse(Path file)
    {
        try
        {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        }
        catch (Exception x)
        {
            throw new IllegalStateException("cannot read the Failsafe report " + file + ": " + x.getMessage(), x);
        }
    }

    private static final Pattern TABLE_ROW = Pattern.compile("^\\|\\s*`?(" + Pattern.quote(PACKAGE) + "[\\w.$]+(?:#[^`|\\s]+)?)`?\\s*\\|(.*)\\|\\s*$");

    /**
     * @return test → reason from the table rows of known-differences.md whose first cell is a test
     * ({@code io.lyger.tck.area.FooIT#method}, or {@code io.lyger.tck.area.FooIT} for all its methods); the other
     * cells, joined, are the reason
     */
    static Map<String, String> knownDifferences(String markdown)
    {
        Map<String, String> known = new LinkedHashMap<>();
        for (String line : markdown.split("\n"))
        {
            Matcher matcher = TABLE_ROW.matcher(line.strip());
            if (!matcher.matches())
                continue;
            List<String> cells = new ArrayList<>();
            for (String cell : matcher.group(2).split("\\|"))
            {
                if (!cell.isBlank())
                    cells.add(cell.strip());
            }
            known.put(matcher.group(1), String.join("; ", cells));
        }
        return known;
    }

    static String summary(List<Result> results, Map<String, String> known)
    {
        StringBuilder out = new StringBuilder();
        out.append("Each test runs on the native connector and on Jetty's ServerConnector (`mvn -B verify` in tck/).\n\n");
        out.append(table(results, known));
        List<Result> listed = results.stream().filter(r -> knownReason(known, r.test()) != null).toList();
        if (!listed.isEmpty())
        {
            out.append("\nKnown differences (tck/known-differences.md):\n\n");
            out.append("| test | native | Jetty | reason |\n|------|--------|-------|--------|\n");
            for (Result r : listed)
                out.append("| `").append(r.test()).append("` | ").append(r.nativeOutcome().words).append(" | ")
                    .append(r.jettyOutcome().words).append(" | ").append(knownReason(known, r.test()).replace("|", "\\|")).append(" |\n");
        }
        List<Result> unexpected = results.stream()
            .filter(r -> knownReason(known, r.test()) == null && (r.differs() || r.failsOnBoth())).toList();
        if (!unexpected.isEmpty())
        {
            out.append("\nNot listed, failing the build:\n\n");
            for (Result r : unexpected)
                out.append("- `").append(r.test()).append("`: native ").append(r.nativeOutcome().words).append(", Jetty ")
                    .append(r.jettyOutcome().words).append(message(r)).append('\n');
        }
        return out.toString();
    }

    static String table(List<Result> results, Map<String, String> known)
    {
        Map<String, int[]> areas = new TreeMap<>();
        int[] total = new int[4];
        for (Result r : results)
        {
            int[] counts = areas.computeIfAbsent(r.area(), a -> new int[4]);
            int[] row = {1, r.nativeOutcome() == Outcome.PASSED ? 1 : 0, r.jettyOutcome() == Outcome.PASSED ? 1 : 0,
                knownReason(known, r.test()) != null ? 1 : 0};
            for (int i = 0; i < 4; i++)
            {
                counts[i] += row[i];
                total[i] += row[i];
            }
        }
        StringBuilder out = new StringBuilder("| area | tests | passed on native | passed on Jetty | known differences |\n");
        out.append("|------|------:|-----------------:|----------------:|------------------:|\n");
        for (Map.Entry<String, int[]> area : areas.entrySet())
            row(out, area.getKey(), area.getValue());
        row(out, "**all**", total);
        return out.toString();
    }

    private static void row(StringBuilder out, String name, int[] counts)
    {
        out.append("| ").append(name);
        for (int count : counts)
            out.append(" | ").append(count);
        out.append(" |\n");
    }

    static String replaceBetweenMarkers(String readme, String summary)
    {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin)
            throw new IllegalArgumentException("the README has no " + BEGIN + " ... " + END + " block to replace");
        return readme.substring(0, begin + BEGIN.length()) + "\n" + summary.strip() + "\n" + readme.substring(end);
    }
}
