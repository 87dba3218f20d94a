package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
