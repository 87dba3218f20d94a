package io.lyger.connector;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lyger.connector.internal.LygerLibrary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java calls the engine through FFM on JDK 22+ and through JNA on JDK 17-21, or on any JDK with
 * {@code -Dlyger.native.binding=jna}; either way requests are served, and the connector's start line says which.
 */
public class BindingIT
{
    private static final String EXPECTED = Runtime.version().feature() >= 22 ? "ffm" : "jna";

    @Test
    public void bindingFollowsTheJdkAndServes() throws Exception
    {
        Assumptions.assumeTrue(NativeEngine.isAvailable(), () -> "native engine not available: " + NativeEngine.unavailableReason());
        assertEquals(EXPECTED, NativeEngine.binding(), "on JDK " + Runtime.version().feature());
        try (TestServer server = TestServer.start(ConnectorKind.NATIVE);
             RawClient client = new RawClient(server.port()))
        {
            assertTrue(((LygerConnector)server.connector()).isNative());
            // A request head, a body read through the engine and a chunked response, on one keep-alive connection.
            RawResponse hello = client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertEquals(200, hello.status());
            assertEquals("Hello, World!", hello.bodyText());
            RawResponse echo = client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello").read();
            assertEquals(200, echo.status());
            assertEquals("hello", echo.bodyText());
        }
    }

    @Test
    public void defaultBindingInItsOwnJvm() throws Exception
    {
        assertForkedBinding(null, EXPECTED);
    }

    @Test
    public void jnaForcedByProperty() throws Exception
    {
        assertForkedBinding("jna", "jna");
    }

    /** Runs {@link FallbackMain} in a JVM of its own, with {@code -Dlyger.native.binding=property} unless null. */
    private static void assertForkedBinding(String property, String expected) throws Exception
    {
        Assumptions.assumeTrue(NativeEngine.isAvailable(), () -> "native engine not available: " + NativeEngine.unavailableReason());
        Path stderr = Files.createTempFile("lyger-binding", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        if (property != null)
            command.add("-D" + LygerLibrary.BINDING_PROPERTY + "=" + property);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FallbackMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try
        {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = Integer.parseInt(out.readLine().substring("PORT=".length()));
            assertEquals("NATIVE=true", out.readLine());
            assertEquals("BINDING=" + expected, out.readLine());

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("ok", response.body());

            String log = Files.readString(stderr);
            assertTrue(log.contains("listening on 127.0.0.1:" + port + " (" + expected + " binding)"), log);
            assertFalse(log.contains("FFM binding could not be made"), log);
        }
        finally
        {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS))
                process.destroyForcibly();
            Files.deleteIfExists(stderr);
        }
    }
}
