package io.lyger.connector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One HTTP response as read off a raw socket by {@link RawClient}: status line, headers in order, decoded body. */
public record RawResponse(String version, int status, List<Map.Entry<String, String>> headers, byte[] body,
                          List<Map.Entry<String, String>> trailers, boolean chunked)
{
    /** @return the first value of the header (case-insensitive name), or null. */
    public String header(String name)
    {
        for (Map.Entry<String, String> header : headers)
        {
            if (header.getKey().equalsIgnoreCase(name))
                return header.getValue();
        }
        return null;
    }

    /** @return every value of the header, in order. */
    public List<String> headers(String name)
    {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> header : headers)
        {
            if (header.getKey().equalsIgnoreCase(name))
                values.add(header.getValue());
        }
        return values;
    }

    /** @return true when a Connection header lists the given token (case-insensitive). */
    public boolean hasConnectionToken(String token)
    {
        for (String value : headers("Connection"))
        {
            for (String part : value.split(","))
            {
                if (part.trim().equalsIgnoreCase(token))
                    return true;
            }
        }
        return false;
    }

    public String bodyText()
    {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString()
    {
        String text = bodyText();
        return version + " " + status + " " + headers + " body(" + body.length + ")=" + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
