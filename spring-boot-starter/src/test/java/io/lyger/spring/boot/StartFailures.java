package io.lyger.spring.boot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asserts that a start fails with Lyger's one line, naming what it must name. */
final class StartFailures
{
    private StartFailures()
    {
    }

    /** @return the one line the start failed with */
    static String assertStartFails(String mustName, String... properties)
    {
        Throwable failure = assertThrows(Throwable.class, () -> RunningApp.start(properties).close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof LygerStartException))
            cause = cause.getCause();
        assertNotNull(cause, "fails with a LygerStartException: " + failure);
        String line = cause.getMessage();
        assertTrue(line.contains(mustName), line);
        assertFalse(line.contains("\n"), "one line: " + line);
        return line;
    }
}
