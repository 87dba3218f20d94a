package io.lyger.tck.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tck/conformance-differences.md: the vectors a connector may answer otherwise than vectors.tsv expects, each with
 * its reason. A table row {@code | id | native | reason |} (connector {@code native} or {@code jetty}).
 */
public record ListedDifferences(Map<String, String> reasons)
{
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`?([\\w.-]+)`?\\s*\\|\\s*(native|jetty)\\s*\\|(.*)\\|\\s*$");

    /** @return the rows of {@code file}; none when it does not exist */
    public static ListedDifferences read(Path file) throws IOException
    {
        return parse(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "", file.toString());
    }

    static ListedDifferences parse(String markdown, String source)
    {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String line : markdown.split("\n"))
        {
            Matcher row = ROW.matcher(line.strip());
            if (!row.matches())
                continue;
            String reason = row.group(3).strip();
            if (reason.isEmpty())
                throw new IllegalArgumentException(source + ": " + row.group(1) + " (" + row.group(2) + ") is listed without a reason");
            reasons.put(key(row.group(1), row.group(2)), reason);
        }
        return new ListedDifferences(reasons);
    }

    /** @return why {@code connector} ({@code native} or {@code jetty}) may differ on vector {@code id}, or null */
    public String reason(String id, String connector)
    {
        return reasons.get(key(id, connector));
    }

    private static String key(String id, String connector)
    {
        return id + " " + connector;
    }
}
