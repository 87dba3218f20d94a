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
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the native library cannot be loaded, LygerConnector says why in one line and serves the same port
 * through Jetty's ServerConnector. Runs a real JVM with the library disabled, as on an unsupported platform.
 */
public class FallbackIT
{
    @Test
    public void unloadableLibraryFallsBackWithOneLine() throws Exception
    {
        Path stderr = Files.createTempFile("lyger-fallback", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dlyger.native.disable=true",
            "-cp", System.getProperty("java.class.path"), FallbackMain.class.getName())
            .redirectError(stderr.toFile())
            .start();
        try
        {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = Integer.parseInt(out.readLine().substring("PORT=".length()));
            assertEquals("NATIVE=false", out.readLine());

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("ok", response.body());

            List<String> lines = Files.readAllLines(stderr).stream()
                .filter(line -> line.contains("Lyger native engine not used"))
                .toList();
            assertEquals(1, lines.size(), "one line says why: " + Files.readString(stderr));
            assertTrue(lines.get(0).contains("disabled by -Dlyger.native.disable=true"), lines.get(0));
            assertTrue(lines.get(0).contains("ServerConnector"), lines.get(0));
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
