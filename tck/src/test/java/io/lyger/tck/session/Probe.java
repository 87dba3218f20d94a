package io.lyger.tck.session;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.SetCookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Test side of {@link SessionProbe}: one request, its report and the session cookie it set. */
record Probe(HttpResponse<String> response, Map<String, String> values)
{
    /** GET {@code session?query}, sending {@code cookie} ({@code name=value}) when not null. */
    static Probe get(URL base, String query, String cookie)
    {
        String path = "session" + (query.isEmpty() ? "" : "?" + query);
        HttpResponse<String> response = cookie == null ? Http.get(base, path) : Http.get(base, path, "Cookie", cookie);
        assertEquals(200, response.statusCode(), () -> path + ": " + response.body());
        return new Probe(response, KeyValues.parse(response.body()));
    }

    String value(String key)
    {
        return values.get(key);
    }

    String session()
    {
        return values.get("session");
    }

    /** @return the cookie named {@code name} this response set; fails if there is none. */
    SetCookie cookie(String name)
    {
        SetCookie cookie = SetCookie.named(response, name);
        assertNotNull(cookie, () -> "no " + name + " cookie in " + response.headers().allValues("Set-Cookie"));
        return cookie;
    }
}
