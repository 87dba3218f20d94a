package io.lyger.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lyger-&lt;version&gt;.tar.gz as a user gets it: unpacked into an empty temporary directory (outside the checkout), run
 * with nothing but a JDK (JAVA_HOME, a PATH of /usr/bin:/bin, no Maven build around it).
 */
class DistributionIT
{
    static final Path DIST = Path.of(System.getProperty("lyger.dist", "target/lyger-0.1.0-SNAPSHOT.tar.gz")).toAbsolutePath();
    static final String DIST_NAME = System.getProperty("lyger.dist.name", "lyger-0.1.0-SNAPSHOT");
    static final Path SAMPLE_WAR = Path.of(System.getProperty("lyger.sample.war", "target/test-wars/lyger-sample.war")).toAbsolutePath();

    static Path unpack(Path dir) throws Exception
    {
        assertTrue(Files.isRegularFile(DIST), "no distribution at " + DIST + ": run mvn verify");
        Process tar = new ProcessBuilder("tar", "xzf", DIST.toString(), "-C", dir.toString()).inheritIO().start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, tar.exitValue());
        Path home = dir.resolve(DIST_NAME);
        for (String file : List.of("bin/lyger", "bin/lyger-profile.bash", "README.md", "conf/simplelogger.properties", "conf/lyger.service"))
            assertTrue(Files.isRegularFile(home.resolve(file)), file + " in the distribution");
        assertTrue(Files.isExecutable(home.resolve("bin/lyger")), "bin/lyger is executable");
        return home;
    }

    static ProcessBuilder lyger(Path home, String... args)
    {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/lyger").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.getParent().toFile());
        Map<String, String> env = builder.environment();
        String warmup = env.get("LYGER_WARMUP_BUDGET");
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", home.getParent().toString());
        env.put("JAVA_HOME", System.getProperty("lyger.java.home", System.getProperty("java.home")));
        if (warmup != null)
            env.put("LYGER_WARMUP_BUDGET", warmup);
        return builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }

    @Test
    void unpackedDistributionServesTheSampleWarAndStopsWithExit0OnSigterm(@TempDir Path dir) throws Exception
    {
        Path home = unpack(dir);

        Path versionOut = dir.resolve("version.txt");
        Process version = lyger(home, "version").redirectErrorStream(true).redirectOutput(versionOut.toFile()).start();
        assertTrue(version.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, version.exitValue(), Files.readString(versionOut));
        assertTrue(Files.readString(versionOut).startsWith("Lyger 0.1.0-SNAPSHOT"), Files.readString(versionOut));

        Path war = dir.resolve("app.war");
        Files.copy(SAMPLE_WAR, war);
        // an exploded WAR with a JSP page using JSTL: lib/ has Jetty's ee11 JSP and the JSTL tag libraries
        Path jsp = Files.createDirectories(dir.resolve("jsp"));
        Files.writeString(jsp.resolve("index.jsp"), "<%@ page contentType=\"text/plain\" %><%@ taglib prefix=\"c\" uri=\"jakarta.tags.core\" %>"
            + "<c:forEach var=\"i\" begin=\"1\" end=\"3\">${i}</c:forEach> <%= 6 * 7 %>");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = lyger(home, "serve", war.toString(), jsp.toString(), "--context-path=/", "--context-path=/jsp", "--host=127.0.0.1", "--port=0")
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            Pattern ready = Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+) with the native HTTP/1\\.1 connector");
            Matcher matcher = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (matcher == null)
            {
                Matcher m = ready.matcher(Files.readString(out));
                if (m.find())
                    matcher = m;
                else if (!process.isAlive() || System.nanoTime() - deadline > 0)
                    fail("bin/lyger never said it was ready with the native connector; stdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
                else
                    Thread.sleep(50);
            }
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + matcher.group(1) + "/plaintext"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("Hello, World!", response.body());
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + matcher.group(1) + "/jsp/"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertEquals("123 42", page.body().strip());
            // conf/simplelogger.properties is the one in effect: its date format.
            assertTrue(Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO ").matcher(Files.readString(out)).find(), Files.readString(out));

            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exits after SIGTERM");
            assertEquals(0, process.exitValue(), "graceful stop exits 0; stderr: " + Files.readString(err));
            assertEquals("", Files.readString(err), "nothing on stderr");
        }
        finally
        {
            if (process.isAlive())
                process.destroyForcibly();
        }
    }

    @Test
    void systemdUnitRunsTheDistributionsCommand(@TempDir Path dir) throws Exception
    {
        Path home = unpack(dir);
        String unit = Files.readString(home.resolve("conf/lyger.service"));
        Matcher exec = Pattern.compile("(?m)^ExecStart=/opt/lyger/bin/lyger (serve .*)$").matcher(unit);
        assertTrue(exec.find(), unit);
        Matcher stopTimeout = Pattern.compile("--stop-timeout=(\\d+)").matcher(exec.group(1));
        Matcher timeoutStopSec = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)$").matcher(unit);
        assertTrue(stopTimeout.find() && timeoutStopSec.find(), unit);
        assertTrue(Integer.parseInt(timeoutStopSec.group(1)) > Integer.parseInt(stopTimeout.group(1)),
            "systemd waits longer than Lyger's graceful stop before SIGKILL");

        // The unit's serve options parse: the same command with a missing WAR fails on the WAR (exit 2), not on usage.
        List<String> args = new ArrayList<>(List.of(exec.group(1).split(" ")));
        args.set(1, dir.resolve("missing.war").toString());
        Path errOut = dir.resolve("err.txt");
        Process process = lyger(home, args.toArray(String[]::new)).redirectErrorStream(true).redirectOutput(errOut.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), Files.readString(errOut));
        assertEquals("lyger: no such WAR file or directory: " + dir.resolve("missing.war"), Files.readString(errOut).strip());
    }
}
