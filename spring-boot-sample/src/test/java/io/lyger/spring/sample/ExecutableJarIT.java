package io.lyger.spring.sample;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The executable jar (spring-boot-maven-plugin's repackage) started with {@code java -jar}, as a user would: the
 * native engine serves it (its start line names the port), readiness turns UP after the warm-up, every endpoint
 * answers, and SIGTERM stops it.
 */
class ExecutableJarIT
{
    private static final Pattern LISTENING = Pattern.compile("Lyger native HTTP/1\\.1 engine listening on [^ ]*:(\\d+)");

    @Test
    void javaDashJar() throws Exception
    {
        Path jar = Path.of(System.getProperty("sample.jar", "target/lyger-spring-boot-sample-0.1.0-SNAPSHOT.jar"));
        assertTrue(Files.isRegularFile(jar), "the executable jar is built before the integration tests: " + jar);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
            "-jar", jar.toString(), "--server.port=0", "--lyger.warmup.budget=3s")
            .redirectErrorStream(true).start();
        StringBuffer log = new StringBuffer();
        Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                for (String line; (line = lines.readLine()) != null; )
                    log.append(line).append('\n');
            }
            catch (java.io.IOException x)
            {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try
        {
            int port = awaitPort(process, log);
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            awaitReady(process, base, log);
            SampleEndpoints.assertAll(base);
        }
        finally
        {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                fail("java -jar did not stop within 60 s of SIGTERM:\n" + log);
            }
        }
    }

    private static int awaitPort(Process process, StringBuffer log) throws InterruptedException
    {
        for (long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos(); System.nanoTime() - deadline < 0; Thread.sleep(100))
        {
            Matcher matcher = LISTENING.matcher(log);
            if (matcher.find())
                return Integer.parseInt(matcher.group(1));
            if (!process.isAlive())
                fail("java -jar exited with " + process.exitValue() + " before the native engine listened:\n" + log);
        }
        throw new AssertionError("no 'Lyger native HTTP/1.1 engine listening' line within 3 minutes:\n" + log);
    }

    private static void awaitReady(Process process, URI base, StringBuffer log) throws Exception
    {
        for (long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos(); System.nanoTime() - deadline < 0; Thread.sleep(100))
        {
            if (!process.isAlive())
                fail("java -jar exited with " + process.exitValue() + ":\n" + log);
            try
            {
                if (SampleEndpoints.get(base, "/actuator/health/readiness").statusCode() == 200)
                    return;
            }
            catch (java.io.IOException x)
            {
                // not listening yet
            }
        }
        throw new AssertionError("not ready within 3 minutes:\n" + log);
    }
}
