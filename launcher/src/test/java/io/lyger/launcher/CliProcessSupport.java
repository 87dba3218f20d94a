package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** bin/lyger of this checkout as a subprocess, with the JDK running the tests. */
final class CliProcessSupport
{
    static final Path LYGER_HOME = Path.of(System.getProperty("lyger.home", "..")).toAbsolutePath().normalize();

    private CliProcessSupport()
    {
    }

    static ProcessBuilder lyger(String... args)
    {
        return lyger(List.of(), args);
    }

    /**
     * bin/lyger with SIGINT's disposition reset to the default, for a test that sends it SIGINT: a child inherits an
     * ignored signal (mvn started from a background job, or under nohup, ignores SIGINT), exec keeps it ignored, and
     * the JVM then installs no handler for it, so the signal would do nothing. A shell cannot undo it ({@code trap -
     * INT} in a non-interactive bash leaves an inherited ignore as it is); GNU env's {@code --default-signal}
     * (coreutils 8.31+) does, then execs. Where env lacks it, the child is started as before and
     * {@link #ignoresSigint(Process)} tells the test.
     */
    static ProcessBuilder lygerWithDefaultSigint(String... args)
    {
        return lyger(DefaultSigint.PREFIX, args);
    }

    /** @return whether {@code process} ignores SIGINT (from /proc; false where /proc does not tell) */
    static boolean ignoresSigint(Process process) throws java.io.IOException
    {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.isReadable(status))
            return false;
        for (String line : Files.readAllLines(status))
        {
            if (line.startsWith("SigIgn:"))
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << (2 - 1))) != 0; // SIGINT is 2
        }
        return false;
    }

    /**
     * Waits until a request other than its own is in flight in a {@code bin/lyger serve} at {@code base}, as its
     * {@code /_lyger/metrics} count them on the native connector ({@code lyger_requests_in_flight} of 2 or more: the
     * metrics request is one), rather than a fixed sleep a loaded machine outlasts. Where the metrics have no such
     * gauge (Jetty's connector), it waits 1 s.
     *
     * @param request the request that should reach the server; the wait fails if it ends first
     */
    static void awaitRequestInFlight(java.net.URI base, java.util.concurrent.Future<?> request) throws Exception
    {
        java.util.regex.Pattern inFlight = java.util.regex.Pattern.compile("\nlyger_requests_in_flight\\{[^}]*\\} (\\d+)\n");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            java.util.regex.Matcher matcher = inFlight.matcher(TestSupport.get(base.resolve("/_lyger/metrics")).body());
            if (!matcher.find())
            {
                Thread.sleep(1000);
                return;
            }
            if (Integer.parseInt(matcher.group(1)) >= 2)
                return;
            assertTrue(!request.isDone(), "the request ended before it was seen in flight");
            assertTrue(System.nanoTime() - deadline < 0, "the request never reached the server");
            Thread.sleep(20);
        }
    }

    /** The command prefix that resets SIGINT to its default, or none where env cannot (checked once). */
    private static final class DefaultSigint
    {
        static final List<String> PREFIX = probe();

        private static List<String> probe()
        {
            List<String> prefix = List.of("env", "--default-signal=INT");
            try
            {
                List<String> command = new ArrayList<>(prefix);
                command.add("true");
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() == 0 ? prefix : List.of();
            }
            catch (java.io.IOException x)
            {
                return List.of();
            }
            catch (InterruptedException x)
            {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    private static ProcessBuilder lyger(List<String> prefix, String... args)
    {
        Path script = LYGER_HOME.resolve("bin/lyger");
        assertTrue(Files.isExecutable(script), script + " is not executable");
        List<String> command = new ArrayList<>(prefix);
        command.add(script.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("lyger.java.home", System.getProperty("java.home")));
        builder.environment().remove("LYGER_DEBUG");
        builder.environment().remove("LYGER_JAVA_OPTS");
        return builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }

    /**
     * Waits (up to 120 s) for a {@code serve} on 127.0.0.1 to log that it is ready.
     *
     * @return the match of {@code ready on http://127.0.0.1:(port) with (connector)}
     */
    static Matcher awaitReady(Process process, Path out, Path err) throws Exception
    {
        return awaitLog(process, out, err, Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+) with (.*)"));
    }

    /** Waits (up to 120 s) for the stdout of bin/lyger to hold {@code pattern}; @return its match */
    static Matcher awaitLog(Process process, Path out, Path err, Pattern pattern) throws Exception
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true)
        {
            Matcher m = pattern.matcher(Files.readString(out));
            if (m.find())
                return m;
            if (!process.isAlive() || System.nanoTime() - deadline > 0)
                fail("bin/lyger never logged " + pattern + "; stdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
            Thread.sleep(50);
        }
    }

    /** Waits (up to 120 s) for a {@code serve} on 127.0.0.1 to log that it is ready; returns the port it listens on. */
    static int readyPort(Process process, Path out, Path err) throws Exception
    {
        return Integer.parseInt(awaitReady(process, out, err).group(1));
    }

    /** Sends SIGTERM to a {@code serve} and checks that it stops gracefully: exit 0 within 60 s. */
    static void assertStopsOnSigterm(Process process, Path err) throws Exception
    {
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/lyger exits after SIGTERM");
        assertEquals(0, process.exitValue(), Files.readString(err));
    }
}
