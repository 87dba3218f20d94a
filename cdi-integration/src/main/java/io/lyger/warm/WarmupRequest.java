package io.lyger.warm;

import java.util.Locale;
import java.util.Objects;

/**
 * One request the JIT warm-up replays: a method, a path and query relative to the server root (context path
 * included), and for a declared non-GET request its body and content type.
 */
public record WarmupRequest(String method, String pathAndQuery, String body, String contentType)
{
    public WarmupRequest
    {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        if (!pathAndQuery.startsWith("/"))
            throw new IllegalArgumentException("a warm-up path starts with /: " + pathAndQuery);
        body = body == null ? "" : body;
    }

    static WarmupRequest get(String pathAndQuery)
    {
        return new WarmupRequest("GET", pathAndQuery, "", null);
    }

    /** @return true for GET and HEAD, which HTTP defines as safe */
    public boolean safe()
    {
        return method.equals("GET") || method.equals("HEAD");
    }

    @Override
    public String toString()
    {
        return method + " " + pathAndQuery;
    }
}
