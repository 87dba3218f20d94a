package io.lyger.tck.support;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test side: a response whose body is {@link KeyValues}, checked for its status first (the body is the message). */
public final class Answers
{
    private Answers()
    {
    }

    /** @return the key=value lines of {@code response}'s body, after asserting its status is {@code status}. */
    public static Map<String, String> values(HttpResponse<String> response, int status)
    {
        assertEquals(status, response.statusCode(), () -> response.uri() + ": " + response.body());
        return KeyValues.parse(response.body());
    }
}
