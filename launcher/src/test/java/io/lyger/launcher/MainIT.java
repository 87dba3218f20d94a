package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.lyger.connector.NativeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI, run in process through Main.execute. */
class MainIT
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Consumer<LygerServer> onStarted, String... args)
    {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), onStarted).execute(args);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Runs {@code serve} on a thread, hands the started server to {@code test}, then stops it. */
    private void serve(ThrowingConsumer test, String... args) throws Exception
    {
        CompletableFuture<LygerServer> started = new CompletableFuture<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(started::complete, args));
        exit.whenComplete((code, x) -> started.completeExceptionally(new AssertionError("serve exited with " + code + " before starting; stderr: " + err())));
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
        assertEquals("", err(), "nothing on stderr");
    }

    interface ThrowingConsumer
    {
        void accept(LygerServer server) throws Exception;
    }

    @Test
    void serveTheSampleWar() throws Exception
    {
        serve(server ->
        {
            assertEquals("Hello, World!", TestSupport.get(server, "/plaintext").body());
            assertEquals("{\"message\":\"Hello, World!\"}", TestSupport.get(server, "/json").body());
            assertEquals(NativeEngine.isAvailable(), server.isNativeConnector());
        }, "serve", TestSupport.sampleWar().toString(), "--host=127.0.0.1", "--port=0");
    }

    @Test
    void serveTwoWarsAtTheirContextPaths(@TempDir Path dir) throws Exception
    {
        Path second = Files.copy(TestSupport.sampleWar(), dir.resolve("second.war"));
        serve(server ->
        {
            assertEquals(ConnectorKind.JETTY, server.requestedConnector());
            assertEquals(false, server.isNativeConnector());
            assertEquals("Hello, World!", TestSupport.get(server, "/first/plaintext").body());
            assertEquals("Hello, World!", TestSupport.get(server, "/second/plaintext").body());
            assertEquals(404, TestSupport.get(server, "/plaintext").statusCode());
        }, "serve", TestSupport.sampleWar().toString(), second.toString(), "--context-path=/first", "--context-path=second",
            "--host=127.0.0.1", "--port=0", "--connector=JETTY");
    }

    @Test
    void version()
    {
        assertEquals(0, run(s -> {}, "version"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Lyger 0.1.0"), text);
        assertTrue(text.contains("Jetty 12.1.7"), text);
    }

    @Test
    void check()
    {
        int code = run(s -> {}, "check");
        String text = out.toString(StandardCharsets.UTF_8);
        if (NativeEngine.isAvailable())
        {
            assertEquals(0, code);
            assertTrue(text.startsWith("native engine: available"), text);
        }
        else
        {
            assertEquals(1, code);
            assertTrue(text.startsWith("native engine: unavailable: " + NativeEngine.unavailableReason()), text);
        }
    }

    @Test
    void helpListsEveryCommandThoughANamedCommandParsesAlone()
    {
        // a command line naming its command gives picocli that command only (Main.execute): the others stay listed
        assertEquals(0, run(s -> {}, "--help"));
        String text = out.toString(StandardCharsets.UTF_8);
        for (String command : new String[]{"serve", "train", "version", "check", "help"})
            assertTrue(text.contains("\n  " + command + " "), command + " missing from: " + text);

        out.reset();
        assertEquals(0, run(s -> {}, "help", "train"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: lyger train "), out.toString(StandardCharsets.UTF_8));

        out.reset();
        assertEquals(0, run(s -> {}, "serve", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: lyger serve "), out.toString(StandardCharsets.UTF_8));

        assertEquals(2, run(s -> {}, "serv", "x.war"));
        assertTrue(err().startsWith("lyger: Unmatched arguments"), err());
    }

    @Test
    void usageErrorsAreOneLineAndExit2()
    {
        assertEquals(2, run(s -> {}, "serve"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("lyger: Missing required parameter"), err());

        err.reset();
        assertEquals(2, run(s -> {}, "serve", "x.war", "--connector=fast"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("lyger: Invalid value for option '--connector'"), err());

        err.reset();
        assertEquals(2, run(s -> {}, "serve", "target/missing.war", "--port=0"));
        assertEquals("lyger: no such WAR file or directory: target/missing.war\n", err());
    }
}
