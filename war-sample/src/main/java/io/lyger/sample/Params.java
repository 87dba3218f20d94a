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

    /** A client error whose message is sent as the 400 reason. */
    static final class BadRequest extends RuntimeException
    {
        BadRequest(String message)
        {
            super(message, null, false, false);
        }
    }
}
