package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --threads}, {@code --watch} (in process) and {@code --open-when-ready} (bin/lyger subprocess). */
class ServeOptionsIT
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    interface ThrowingConsumer
    {
        void accept(LygerServer server) throws Exception;
    }

    private int run(java.util.function.Consumer<LygerServer> onStarted, String... args)
    {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), onStarted).execute(args);
    }

    private void serve(ThrowingConsumer test, String... args) throws Exception
    {
        CompletableFuture<LygerServer> started = new CompletableFuture<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(started::complete, args));
        exit.whenComplete((code, x) -> started.completeExceptionally(new AssertionError("serve exited with " + code + " before starting; stderr: " + err)));
        LygerServer server = started.get(60, TimeUnit.SECONDS);
        try
        {
            test.accept(server);
        }
        finally
        {
            server.stop();
        }
        assertEquals(0, exit.get(60, TimeUnit.SECONDS), "serve exits 0 once the server is stopped");
        assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing on stderr");
    }

    /** A small WAR: WEB-INF/web.xml and a static hello.txt holding {@code text}. */
    static void writeWar(Path war, String text) throws IOException
    {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war)))
        {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\" metadata-complete=\"true\"/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("hello.txt"));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    @Test
    void threadsSetsTheMaximumOfTheThreadPool() throws Exception
    {
        serve(server ->
        {
            QueuedThreadPool pool = assertInstanceOf(QueuedThreadPool.class, server.jetty().getThreadPool());
            assertEquals(12, pool.getMaxThreads());
            HttpResponse<String> response = TestSupport.get(server, "/plaintext");
            assertEquals(200, response.statusCode());
            assertEquals("Hello, World!", response.body());
        }, "serve", TestSupport.sampleWar().toString(), "--host=127.0.0.1", "--port=0", "--threads=12", "--no-warmup");
    }

    @Test
    void tooFewThreadsIsAUsageError()
    {
        int code = run(server -> fail("must not start"), "serve", TestSupport.sampleWar().toString(), "--port=0", "--threads=2");
        assertEquals(2, code);
        assertEquals("lyger: --threads must be at least " + Lyger.MIN_THREADS + ", got 2", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void watchRedeploysAChangedWarWhileTheServerStaysUp(@TempDir Path dir) throws Exception
    {
        Path app = dir.resolve("app.war");
        Path other = dir.resolve("other.war");
        writeWar(app, "version 1");
        writeWar(other, "other 1");
        serve(server ->
        {
            int port = server.port();
            assertEquals("version 1", TestSupport.get(server, "/app/hello.txt").body());
            assertEquals("other 1", TestSupport.get(server, "/other/hello.txt").body());

            // Replace the WAR as a build does (written aside, then moved over the old one).
            Path next = dir.resolve("app.war.tmp");
            writeWar(next, "version 2, changed");
            Files.move(next, app, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String body = "";
            while (!body.equals("version 2, changed"))
            {
                if (System.nanoTime() - deadline > 0)
                    fail("the new WAR was not served within 30 s; last answer: " + body + "\n" + out.toString(StandardCharsets.UTF_8));
                Thread.sleep(100);
                HttpResponse<String> response = TestSupport.get(server, "/app/hello.txt");
                body = response.statusCode() == 200 ? response.body() : "";
            }
            assertTrue(server.isRunning(), "the server stayed up");
            assertEquals(port, server.port());
            assertEquals("other 1", TestSupport.get(server, "/other/hello.txt").body(), "the other WAR is untouched");
        }, "serve", app.toString(), other.toString(), "--host=127.0.0.1", "--port=0", "--watch", "--watch-interval=100", "--no-warmup");
    }

    @Test
    void watchWarmsUpARedeployedWarAndReadinessSays503Meanwhile(@TempDir Path dir) throws Exception
    {
        Path app = dir.resolve("app.war");
        Files.copy(TestSupport.sampleWar(), app);
        serve(server ->
        {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            long warmedAtStart = warmupRequests(base);
            assertTrue(warmedAtStart > 0, "the start warmed up");

            // A rebuild: the same WAR written aside, then moved over the old one.
            Path next = dir.resolve("app.war.tmp");
            Files.copy(TestSupport.sampleWar(), next);
            Files.move(next, app, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            List<Integer> statuses = new ArrayList<>(List.of(200));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(statuses.size() >= 3 && statuses.get(statuses.size() - 1) == 200))
            {
                if (System.nanoTime() - deadline > 0)
                    fail("readiness answered " + statuses + " in 120 s");
                int status = TestSupport.get(base.resolve("/_lyger/health/ready")).statusCode();
                if (status != statuses.get(statuses.size() - 1))
                    statuses.add(status);
                Thread.sleep(10);
            }
            assertEquals(List.of(200, 503, 200), statuses, "ready, not ready during the redeployment and its warm-up, ready again");
            long warmedAfterRedeploy = warmupRequests(base);
            assertTrue(warmedAfterRedeploy > warmedAtStart,
                "the redeployed WAR was warmed up: " + warmedAtStart + " warm-up requests at the start, " + warmedAfterRedeploy + " after");
            assertEquals(200, TestSupport.get(base.resolve("/db")).statusCode());
        }, "serve", app.toString(), "--host=127.0.0.1", "--port=0", "--watch", "--watch-interval=100", "--warmup-budget=2");
    }

    /** @return the warm-up requests the server has counted ({@code lyger_warmup_requests_total} in /_lyger/metrics) */
    private static long warmupRequests(URI base) throws Exception
    {
        String metrics = TestSupport.get(base.resolve("/_lyger/metrics")).body();
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("\nlyger_warmup_requests_total (\\d+)\n").matcher(metrics);
        assertTrue(total.find(), metrics);
        return Long.parseLong(total.group(1));
    }

    @Test
    void openWhenReadyRefusesConnectionsUntilTheWarmUpHasEnded(@TempDir Path dir) throws Exception
    {
        int port;
        try (ServerSocket probe = new ServerSocket(0))
        {
            port = probe.getLocalPort();
        }
        Path log = dir.resolve("stdout.txt");
        Path errors = dir.resolve("stderr.txt");
        ProcessBuilder builder = CliProcessSupport.lyger("serve", TestSupport.sampleWar().toString(), "--host=127.0.0.1", "--port=" + port,
            "--open-when-ready", "--warmup-budget=3");
        Process process = builder.redirectOutput(log.toFile()).redirectError(errors.toFile()).start();
        try
        {
            List<String> refusedWhile = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true)
            {
                String text = Files.readString(log);
                if (text.contains(" ready on http://127.0.0.1:" + port))
                    break;
                if (!process.isAlive() || System.nanoTime() - deadline > 0)
                    fail("bin/lyger never said it was ready; stdout:\n" + text + "\nstderr:\n" + Files.readString(errors));
                boolean deployed = text.contains("Started oeje11w.WebAppContext");
                try (Socket socket = new Socket())
                {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    // Connected: only acceptable once the port has opened (the ready line may not be logged yet).
                    String now = Files.readString(log);
                    assertTrue(now.contains("listening on 127.0.0.1:" + port), "a connection was accepted before the port opened:\n" + now);
                }
                catch (ConnectException refused)
                {
                    if (deployed)
                        refusedWhile.add("warm-up");
                }
                Thread.sleep(50);
            }
            assertTrue(!refusedWhile.isEmpty(), "connections were refused after the WAR had started, during the warm-up:\n" + Files.readString(log));
            String text = Files.readString(log);
            assertTrue(text.indexOf("JIT warm-up:") < text.indexOf("listening on 127.0.0.1:" + port), "the port opened after the warm-up:\n" + text);

            URI base = URI.create("http://127.0.0.1:" + port);
            assertEquals(200, TestSupport.get(base.resolve("/_lyger/health/ready")).statusCode());
            HttpResponse<String> plaintext = TestSupport.get(base.resolve("/plaintext"));
            assertEquals(200, plaintext.statusCode());
            assertEquals("Hello, World!", plaintext.body());

            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/lyger exits after SIGTERM");
            assertEquals(0, process.exitValue(), Files.readString(errors));
        }
        finally
        {
            if (process.isAlive())
                process.destroyForcibly();
        }
    }

    @Test
    void aSecondCtrlCStopsAtOnce(@TempDir Path dir) throws Exception
    {
        Path log = dir.resolve("stdout.txt");
        Path errors = dir.resolve("stderr.txt");
        Process process = CliProcessSupport.lygerWithDefaultSigint("serve", TestSupport.sampleWar().toString(), "--host=127.0.0.1", "--port=0",
            "--no-warmup").redirectOutput(log.toFile()).redirectError(errors.toFile()).start();
        try
        {
            java.util.regex.Matcher ready = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (ready == null)
            {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+)").matcher(Files.readString(log));
                if (m.find())
                    ready = m;
                else if (!process.isAlive() || System.nanoTime() - deadline > 0)
                    fail("bin/lyger never said it was ready; stdout:\n" + Files.readString(log) + "\nstderr:\n" + Files.readString(errors));
                else
                    Thread.sleep(50);
            }
            // started from a shell that ignores SIGINT (a background job) where env cannot reset it: the signal
            // cannot be delivered, there is nothing to test (read once the JVM runs: env, bash and java share the pid)
            org.junit.jupiter.api.Assumptions.assumeFalse(CliProcessSupport.ignoresSigint(process),
                "bin/lyger inherited SIGINT as ignored and env --default-signal is not available");
            URI base = URI.create("http://127.0.0.1:" + ready.group(1));
            assertEquals(200, TestSupport.get(base.resolve("/plaintext")).statusCode());
            // A request the graceful stop would wait 60 s for (the stop timeout is 30 s).
            CompletableFuture<HttpResponse<String>> slow = TestSupport.CLIENT.sendAsync(
                java.net.http.HttpRequest.newBuilder(base.resolve("/slow?ms=60000")).build(), HttpResponse.BodyHandlers.ofString());
            CliProcessSupport.awaitRequestInFlight(base, slow);
            signal(process, "INT");
            long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("SIGINT: stopping gracefully") && System.nanoTime() - stopAt < 0)
                Thread.sleep(50);
            assertTrue(process.isAlive(), "the first Ctrl+C waits for the request in flight");
            signal(process, "INT");
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the second Ctrl+C stops at once:\n" + Files.readString(log));
            assertEquals(130, process.exitValue());
            assertTrue(Files.readString(log).contains("SIGINT again: stopping at once"), Files.readString(log));
            assertTrue(slow.handle((response, failure) -> failure != null).get(30, TimeUnit.SECONDS), "the slow request was cut off");
        }
        finally
        {
            if (process.isAlive())
                process.destroyForcibly();
        }
    }

    private static void signal(Process process, String signal) throws Exception
    {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());
    }
}
