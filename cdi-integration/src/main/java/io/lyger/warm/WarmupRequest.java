package io.lyger.warm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request the JIT warm-up replays: a method, a path and query relative to the server root (context path
 * included), the headers the application declared with it, for a declared non-GET request its body and content type,
 * and its weight (how many times a pass of the plan sends it).
 */
public record WarmupRequest(String method, String pathAndQuery, String body, String contentType, Map<String, String> headers, int weight)
{
    public WarmupRequest
    {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        if (!pathAndQuery.startsWith("/"))
            throw new IllegalArgumentException("a warm-up path starts with /: " + pathAndQuery);
        body = body == null ? "" : body;
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (weight < 1)
            throw new IllegalArgumentException("a warm-up request's weight is at least 1, got " + weight);
    }

    public WarmupRequest(String method, String pathAndQuery, String body, String contentType)
    {
        this(method, pathAndQuery, body, contentType, Map.of(), 1);
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
