package io.lyger.tck.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bodies of {@code key=value} lines: what a test servlet writes to report several observations at once, and what the
 * test reads back. A value is everything after the first {@code '='} of its line ({@code "null"} for a null).
 */
public final class KeyValues
{
    private final StringBuilder text = new StringBuilder();

    /** Adds a line {@code key=value}. */
    public KeyValues put(String key, Object value)
    {
        text.append(key).append('=').append(value).append('\n');
        return this;
    }

    @Override
    public String toString()
    {
        return text.toString();
    }

    /** @return the lines of {@code body} in order; a line without {@code '='} is a key with the value "". */
    public static Map<String, String> parse(String body)
    {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : body.split("\n"))
        {
            if (line.isEmpty())
                continue;
            int equals = line.indexOf('=');
            if (equals < 0)
                values.put(line, "");
            else
                values.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return values;
    }
}
