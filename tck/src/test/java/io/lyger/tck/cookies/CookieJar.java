package io.lyger.tck.cookies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.lyger.tck.support.RawHttp;

/** Test side: the {@code Set-Cookie} lines of a response, split into their {@code ;}-separated parts. */
final class CookieJar
{
    private CookieJar()
    {
    }

    /** @return the parts of every Set-Cookie of {@code response}, trimmed: {@code ["a=1", "Path=/x", "HttpOnly"]} per cookie. */
    static List<List<String>> setCookies(RawHttp.Response response)
    {
        List<List<String>> cookies = new ArrayList<>();
        for (String header : response.headers("Set-Cookie"))
            cookies.add(Arrays.stream(header.split(";")).map(String::trim).filter(p -> !p.isEmpty()).toList());
        return cookies;
    }

    /** @return the only Set-Cookie of {@code response}, split. */
    static List<String> single(RawHttp.Response response)
    {
        List<List<String>> cookies = setCookies(response);
        if (cookies.size() != 1)
            throw new AssertionError("expected one Set-Cookie, got " + response.headers("Set-Cookie"));
        return cookies.get(0);
    }

    /** @return the value of attribute {@code name} (case-insensitive) among {@code parts}, "" for a flag, null if absent. */
    static String attribute(List<String> parts, String name)
    {
        for (String part : parts.subList(1, parts.size()))
        {
            int equals = part.indexOf('=');
            String key = equals < 0 ? part : part.substring(0, equals).trim();
            if (key.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                return equals < 0 ? "" : part.substring(equals + 1).trim();
        }
        return null;
    }
}
