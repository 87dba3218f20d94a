package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Main run in the test JVM for the tests of bad configurations: a {@code serve} that starts is stopped at once. */
final class InProcessCli
{
    record Result(int exitCode, String stderr)
    {
    }

    private InProcessCli()
    {
    }

    static Result main(String... args)
    {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), LygerServer::stop).execute(args);
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    /** The run failed with {@code exitCode} and one line {@code lyger: ...} holding each of {@code parts}. */
    static void assertOneLine(Result result, int exitCode, String... parts)
    {
        assertEquals(exitCode, result.exitCode(), result.stderr());
        assertEquals(1, result.stderr().lines().count(), "one line: " + result.stderr());
        assertTrue(result.stderr().startsWith("lyger: "), result.stderr());
        for (String part : parts)
            assertTrue(result.stderr().contains(part), "'" + part + "' in: " + result.stderr());
    }
}
