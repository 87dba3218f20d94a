package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/lyger as a real subprocess (the launcher jar and target/lib this build packaged, the JDK running the tests):
 * exit codes, one-line errors on stderr, and a graceful stop on SIGTERM.
 */
class CliProcessIT
{

    record Result(int exitCode, String stdout, String stderr)
    {
    }

    /**
     * Runs bin/lyger to its exit. Its output goes to files, not pipes: the JDK closes a process's pipe when the
     * process exits, which can cut a concurrent reader off before it has read everything.
     */
    static Result run(String... args) throws Exception
    {
        Path out = Files.createTempFile("lyger-out", ".txt");
        Path err = Files.createTempFile("lyger-err", ".txt");
        try
        {
            Process process = CliProcessSupport.lyger(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                fail("bin/lyger " + String.join(" ", args) + " did not exit; stdout: " + Files.readString(out) + " stderr: " + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        }
        finally
        {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static void assertOneLineError(Result result, int exitCode, String expectedLine)
    {
        String context = "stderr:\n" + result.stderr() + "\nstdout:\n" + result.stdout();
        assertEquals(exitCode, result.exitCode(), context);
        assertEquals(1, result.stderr().lines().count(), "exactly one line on stderr; " + context);
        assertEquals(expectedLine, result.stderr().strip(), context);
        assertTrue(!result.stderr().contains("\tat ") && !result.stdout().contains("\tat "), "no stack trace; " + context);
    }

    @Test
    void portInUseExits3WithOneLine() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")))
        {
            int port = taken.getLocalPort();
            Result result = run("serve", TestSupport.sampleWar().toString(), "--host=127.0.0.1", "--port=" + port);
            assertOneLineError(result, 3, "lyger: cannot listen on 127.0.0.1:" + port + ": address already in use");
        }
    }

    @Test
    void missingWarExits2WithOneLine() throws Exception
    {
        Result result = run("serve", "/nonexistent/app.war", "--port=0");
        assertOneLineError(result, 2, "lyger: no such WAR file or directory: /nonexistent/app.war");
    }

    @Test
    void corruptWarExits4WithOneLine(@TempDir Path dir) throws Exception
    {
        Path war = dir.resolve("x.war");
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        Files.write(war, garbage);
        Result result = run("serve", war.toString(), "--port=0");
        assertOneLineError(result, 4, "lyger: cannot deploy " + war + ": not a WAR (not a valid zip archive)");
    }

    @Test
    void failingDeploymentExits4WithOneLine(@TempDir Path dir) throws Exception
    {
        // A valid WAR whose load-on-startup servlet class does not exist: Jetty fails the deployment.
        Path war = dir.resolve("broken.war");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war)))
        {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write(("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\" metadata-complete=\"true\">"
                + "<servlet><servlet-name>broken</servlet-name><servlet-class>com.example.DoesNotExist</servlet-class>"
                + "<load-on-startup>1</load-on-startup></servlet>"
                + "<servlet-mapping><servlet-name>broken</servlet-name><url-pattern>/x</url-pattern></servlet-mapping>"
                + "</web-app>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Result result = run("serve", war.toString(), "--host=127.0.0.1", "--port=0");
        assertEquals(4, result.exitCode(), result.stderr() + result.stdout());
        assertEquals(1, result.stderr().lines().count(), "exactly one line on stderr: " + result.stderr());
        assertTrue(result.stderr().startsWith("lyger: cannot deploy " + war + " at /: "), result.stderr());
        assertTrue(result.stderr().contains("com.example.DoesNotExist"), result.stderr());
    }

    @Test
    void usageErrorExits2WithOneLine() throws Exception
    {
        Result result = run("serve", TestSupport.sampleWar().toString(), "--port=notaport");
        assertEquals(2, result.exitCode());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().startsWith("lyger: Invalid value for option '--port'"), result.stderr());
    }

    @Test
    void servesAndStopsGracefullyOnSigterm(@TempDir Path dir) throws Exception
    {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = CliProcessSupport.lyger("serve", TestSupport.sampleWar().toString(), "--host=127.0.0.1", "--port=0")
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            Matcher matcher = CliProcessSupport.awaitReady(process, out, err);
            assertTrue(matcher.group(2).toLowerCase(java.util.Locale.ROOT).contains("connector"), "the log names the active connector: " + matcher.group());

            URI base = URI.create("http://127.0.0.1:" + matcher.group(1));
            HttpResponse<String> plaintext = TestSupport.get(base.resolve("/plaintext"));
            assertEquals(200, plaintext.statusCode());
            assertEquals("Hello, World!", plaintext.body());

            CompletableFuture<HttpResponse<String>> slow = TestSupport.CLIENT.sendAsync(
                HttpRequest.newBuilder(base.resolve("/slow?ms=5000")).build(), HttpResponse.BodyHandlers.ofString());
            CliProcessSupport.awaitRequestInFlight(base, slow); // the stop must find it in the servlet (it sleeps 5 s there)
            process.destroy(); // SIGTERM

            HttpResponse<String> response = slow.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("slept 5000 ms\n", response.body());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/lyger exits after SIGTERM");
            String log = Files.readString(out);
            assertTrue(log.contains("Stopped oejs.Server"), "the server logged its stop:\n" + log);
            assertEquals("", Files.readString(err), "nothing on stderr");
        }
        finally
        {
            if (process.isAlive())
                process.destroyForcibly();
        }
    }
}
