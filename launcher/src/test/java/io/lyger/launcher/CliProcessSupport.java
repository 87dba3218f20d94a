package io.lyger.launcher;

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
        Path script = LYGER_HOME.resolve("bin/lyger");
        assertTrue(Files.isExecutable(script), script + " is not executable");
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("lyger.java.home", System.getProperty("java.home")));
        builder.environment().remove("LYGER_DEBUG");
        builder.environment().remove("LYGER_JAVA_OPTS");
        return builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }

    /**
     * Waits (up to 120 s) for a {@code serve} on 127.0.0.1 writing its log to {@code out} to say it is ready.
     *
     * @return the port it listens on
     */
    static int readyPort(Process process, Path out, Path err) throws Exception
    {
        Pattern ready = Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true)
        {
            Matcher matcher = ready.matcher(Files.readString(out));
            if (matcher.find())
                return Integer.parseInt(matcher.group(1));
            if (!process.isAlive() || System.nanoTime() - deadline > 0)
                fail("bin/lyger never said it was ready; stdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
            Thread.sleep(50);
        }
    }
}
