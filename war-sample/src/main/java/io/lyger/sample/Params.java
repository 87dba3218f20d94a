package io.lyger.sample;

import jakarta.servlet.http.HttpServletRequest;

/** Query-parameter parsing shared by the servlets; a bad value becomes a 400 through {@link BadRequest}. */
final class Params
{
    private Params()
    {
    }

    static long longParam(HttpServletRequest request, String name, long defaultValue, long min, long max)
    {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty())
            return defaultValue;
        long parsed;
        try
        {
            parsed = Long.parseLong(value.trim());
        }
        catch (NumberFormatException x)
        {
            throw new BadRequest(name + " must be an integer, got '" + value + "'");
        }
        if (parsed < min || parsed > max)
            throw new BadRequest(name + " must be between " + min + " and " + max + ", got " + parsed);
        return parsed;
    }

    static long requiredLong(HttpServletRequest request, String name, long min, long max)
    {
        if (request.getParameter(name) == null)
            throw new BadRequest("query parameter " + name + " is required");
        return longParam(request, name, 0, min, max);
    }

    /**
     * @return TechEmpower's query count: parameter {@code n} (or {@code queries}), 1 when missing or not a number,
     * clamped to 1..500 (never a 400, as the benchmark's rules ask)
     */
    static int queryCount(HttpServletRequest request)
    {
        String value = request.getParameter("n");
        if (value == null)
            value = request.getParameter("queries");
        int count;
        try
        {
            count = value == null ? 1 : Integer.parseInt(value.trim());
        }
        catch (NumberFormatException x)
        {
            count = 1;
        }
        return Math.max(1, Math.min(500, count));
    }

    /** A client error whose message is sent as the 400 reason. */
    static final class BadRequest extends RuntimeException
    {
        BadRequest(String message)
        {
            super(message, null, false, false);
        }
    }
}
