package io.lyger.tck.support;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code Set-Cookie} header as the server sent it, test side: {@code SetCookie.named(response, "JSESSIONID")}
 * then {@link #value()}, {@link #attribute(String)} ({@code "Path"}, {@code "Max-Age"}, ...) and {@link #has(String)}
 * for flags ({@code "HttpOnly"}, {@code "Secure"}). Attribute names are matched case-insensitively.
 *
 * @param attributes the attributes in order, names lower-cased, a flag's value ""
 */
public record SetCookie(String name, String value, Map<String, String> attributes)
{
    /** @return the cookie of one {@code Set-Cookie} header value. */
    public static SetCookie parse(String header)
    {
        String[] parts = header.split(";");
        String pair = parts[0].trim();
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals).trim();
        String value = equals < 0 ? "" : unquote(pair.substring(equals + 1).trim());
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++)
        {
            String part = parts[i].trim();
            if (part.isEmpty())
                continue;
            int eq = part.indexOf('=');
            String key = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            attributes.put(key, eq < 0 ? "" : unquote(part.substring(eq + 1).trim()));
        }
        return new SetCookie(name, value, attributes);
    }

    /** @return every cookie the response sets, in order. */
    public static List<SetCookie> all(HttpResponse<?> response)
    {
        return response.headers().allValues("Set-Cookie").stream().map(SetCookie::parse).toList();
    }

    /** @return the last cookie named {@code name} (case-sensitive) the response sets, or null. */
    public static SetCookie named(HttpResponse<?> response, String name)
    {
        SetCookie found = null;
        for (SetCookie cookie : all(response))
        {
            if (cookie.name().equals(name))
                found = cookie;
        }
        return found;
    }

    /** @return the value of attribute {@code name} ("" for a flag), or null when the cookie does not have it. */
    public String attribute(String name)
    {
        return attributes.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return true if the cookie has attribute or flag {@code name}. */
    public boolean has(String name)
    {
        return attributes.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** @return {@code name=value}, as a {@code Cookie} request header sends it back. */
    public String pair()
    {
        return name + "=" + value;
    }

    private static String unquote(String text)
    {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }
}
