package io.lyger.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code lyger} module in a real jetty-home (unpacked by the build from Maven Central's jetty-home tar.gz):
 * a new Jetty base gets the module files (this build's lyger-jetty-module overlay), {@code start.jar
 * --add-modules=ee11-deploy,lyger}, the sample WAR in {@code webapps/}, and Jetty runs as a real
 * {@code java -jar start.jar} subprocess.
 */
class JettyModuleIT
{
    static final Path JETTY_HOME = Path.of(System.getProperty("lyger.jetty.home", "target/jetty-home/jetty-home-12.1.7")).toAbsolutePath();
    static final Path MODULE_DIR = Path.of(System.getProperty("lyger.jetty.module.dir", "target/jetty-base-overlay")).toAbsolutePath();
    static final Path SAMPLE_WAR = Path.of(System.getProperty("lyger.sample.war", "target/test-wars/lyger-sample.war")).toAbsolutePath();
    static final Path JAVA = Path.of(System.getProperty("lyger.java.home", System.getProperty("java.home")), "bin", "java");

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    record Result(int exitCode, String output)
    {
    }

    @Test
    void addModulesReplacesHttpAndServesTheSampleWarThroughTheNativeEngine(@TempDir Path base) throws Exception
    {
        assertTrue(Files.isRegularFile(JETTY_HOME.resolve("start.jar")), "no jetty-home at " + JETTY_HOME + ": run mvn verify");
        copyTree(MODULE_DIR, base);
        assertTrue(Files.isRegularFile(base.resolve("modules/lyger.mod")));

        Result added = startJar(base, "--add-modules=ee11-deploy,lyger");
        assertEquals(0, added.exitCode(), added.output());
        assertTrue(Files.isRegularFile(base.resolve("start.d/lyger.ini")), "start.d/lyger.ini; " + added.output());
        assertTrue(Files.readString(base.resolve("start.d/lyger.ini")).contains("# lyger.port=8080"), "the ini-template documents lyger.port");
        assertFalse(Files.exists(base.resolve("start.d/http.ini")), "the http module is not enabled");

        // lyger provides "http": the stock http module now conflicts with it instead of adding a second connector.
        Result http = startJar(base, "--add-modules=http");
        assertTrue(http.output().contains("already provided by lyger"), http.output());
        assertFalse(Files.exists(base.resolve("start.d/http.ini")), "http was not added: " + http.output());

        Files.copy(SAMPLE_WAR, base.resolve("webapps/ROOT.war"));
        Path log = base.resolve("jetty.log");
        Process jetty = startJarProcess(base, "lyger.host=127.0.0.1", "lyger.port=0", "lyger.maxRequestBodySize=1024",
                "lyger.proxyProtocol=true")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try
        {
            String started = awaitLog(jetty, log, Pattern.compile("Started oejs\\.Server"));
            Matcher listening = Pattern.compile("Lyger native HTTP/1\\.1 engine listening on 127\\.0\\.0\\.1:(\\d+)").matcher(started);
            assertTrue(listening.find(), "the native engine serves the connector:\n" + started);
            assertFalse(started.contains("ServerConnector@"), "no Jetty ServerConnector was added:\n" + started);
            URI root = URI.create("http://127.0.0.1:" + listening.group(1) + "/");

            HttpResponse<String> plaintext = CLIENT.send(HttpRequest.newBuilder(root.resolve("/plaintext")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, plaintext.statusCode());
            assertEquals("Hello, World!", plaintext.body());

            // lyger.maxRequestBodySize reached the connector: the native engine answers 413 above it.
            HttpResponse<String> tooLarge = CLIENT.send(HttpRequest.newBuilder(root.resolve("/echo")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, tooLarge.statusCode());
            HttpResponse<String> small = CLIENT.send(HttpRequest.newBuilder(root.resolve("/echo")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("ping")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, small.statusCode());
            assertEquals("ping", small.body());

            // lyger.proxyProtocol reached the connector: a request behind a PROXY v1 header is served (without it, the
            // line would be a malformed request: 400), and a malformed header closes the connection unanswered.
            int port = Integer.parseInt(listening.group(1));
            String proxied = rawExchange(port, "PROXY TCP4 192.0.2.7 127.0.0.1 51000 " + port + "\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(proxied.startsWith("HTTP/1.1 200 ") && proxied.endsWith("Hello, World!"), proxied);
            assertEquals("", rawExchange(port, "PROXY TCP4 192.0.2.7\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));

            jetty.destroy(); // SIGTERM: Jetty's stopAtShutdown stops the server
            assertTrue(jetty.waitFor(60, TimeUnit.SECONDS), "Jetty exits on SIGTERM");
            String stopped = Files.readString(log);
            assertTrue(stopped.contains("Stopped oejs.Server"), "Jetty stopped cleanly:\n" + stopped);
            assertFalse(stopped.contains("Exception"), "no exception in the log:\n" + stopped);
        }
        finally
        {
            if (jetty.isAlive())
                jetty.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Writes {@code request} on a new connection and reads until the server closes it: the bytes it answered. */
    static String rawExchange(int port, String request) throws IOException
    {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port))
        {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            try
            {
                return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            catch (java.net.SocketException reset)
            {
                return "";
            }
        }
    }

    static ProcessBuilder startJarProcess(Path base, String... args)
    {
        return startJarProcess(List.of(), base, args);
    }

    /** @param jvmArgs options of the JVM that runs start.jar (and Jetty, in the same process) */
    static ProcessBuilder startJarProcess(List<String> jvmArgs, Path base, String... args)
    {
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", JETTY_HOME.resolve("start.jar").toString(), "jetty.home=" + JETTY_HOME, "jetty.base=" + base));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile());
        builder.environment().remove("JETTY_HOME");
        builder.environment().remove("JETTY_BASE");
        return builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }

    static Result startJar(Path base, String... args) throws Exception
    {
        Path out = Files.createTempFile("start-jar", ".txt");
        try
        {
            Process process = startJarProcess(base, args).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                fail("start.jar " + String.join(" ", args) + " did not exit: " + Files.readString(out));
            }
            return new Result(process.exitValue(), Files.readString(out));
        }
        finally
        {
            Files.deleteIfExists(out);
        }
    }

    /** @return the log once {@code pattern} is in it; fails if the process exits first or after 120 s. */
    static String awaitLog(Process process, Path log, Pattern pattern) throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true)
        {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (pattern.matcher(text).find())
                return text;
            if (!process.isAlive())
                fail("the process exited (" + process.exitValue() + ") before logging /" + pattern + "/:\n" + text);
            if (System.nanoTime() - deadline > 0)
                fail("no /" + pattern + "/ in the log after 120 s:\n" + text);
            Thread.sleep(50);
        }
    }

    static void copyTree(Path from, Path to) throws IOException
    {
        assertTrue(Files.isDirectory(from), "missing " + from + ": run mvn verify (package stages it)");
        try (Stream<Path> paths = Files.walk(from))
        {
            for (Path path : (Iterable<Path>) paths::iterator)
            {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path))
                    Files.createDirectories(target);
                else
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

}
