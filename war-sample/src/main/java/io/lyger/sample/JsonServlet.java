package io.lyger.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /json}: {@code {"message":"Hello, World!"}} as application/json.
 * <p>
 * The JSON is written by hand with {@link #quote(String)}: the sample serializes flat maps of strings only, and a
 * JSON library in the WAR would add startup and per-request cost that a connector benchmark should not measure.
 * When the sample grows real objects (the CDI/JPA issue), replace this with Jakarta JSON-B.
 */
public class JsonServlet extends SampleServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        byte[] body = object(Map.of("message", "Hello, World!")).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** @return a JSON object of the string-valued {@code fields}. */
    static String object(Map<String, String> fields)
    {
        StringBuilder json = new StringBuilder(64).append('{');
        fields.forEach((name, value) ->
        {
            if (json.length() > 1)
                json.append(',');
            json.append(quote(name)).append(':').append(quote(value));
        });
        return json.append('}').toString();
    }

    /** @return {@code value} as a JSON string literal (RFC 8259 section 7: quote, backslash and controls escaped). */
    static String quote(String value)
    {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++)
        {
            char c = value.charAt(i);
            switch (c)
            {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default ->
                {
                    if (c < 0x20)
                        json.append(String.format("\\u%04x", (int)c));
                    else
                        json.append(c);
                }
            }
        }
        return json.append('"').toString();
    }
}
