package io.lyger.spring.boot;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import io.lyger.connector.internal.FileRegions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Static files of a Spring Boot application, fetched with a real client and compared byte for byte, on both
 * connectors: through Spring MVC's resource handler ({@code spring.web.resources.static-locations}, the way Spring
 * Boot serves {@code /static} by default) and through Jetty's DefaultServlet ({@code
 * server.servlet.register-default-servlet}, with the DispatcherServlet under {@code /app}). On the native engine the
 * large file goes out as a file region (sendfile) both ways; on Jetty's connector, the control, never.
 */
class StaticFilesIT
{
    private static final int LARGE = 256 * 1024 + 13;
    private static final int SMALL = 1000;

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void largeFilesGoAsFileRegionsOnTheNativeEngine(String connector, @TempDir Path root) throws Exception
    {
        byte[] large = write(root.resolve("large.bin"), LARGE, 1);
        byte[] small = write(root.resolve("small.txt"), SMALL, 2);
        boolean nativeEngine = connector.equals("native");
        try (RunningApp app = RunningApp.start("server.address=127.0.0.1", "lyger.connector=" + connector,
            "server.servlet.register-default-servlet=true", "spring.mvc.servlet.path=/app",
            "sample.document-root=" + root, "spring.web.resources.static-locations=file:" + root + "/"))
        {
            assertEquals(nativeEngine, app.connector().isNative());

            long before = FileRegions.sent();
            assertArrayEquals(large, fetch(app, "/app/large.bin"), "Spring MVC's resource handler");
            long byMvc = FileRegions.sent() - before;
            assertArrayEquals(large, fetch(app, "/large.bin"), "Jetty's DefaultServlet");
            long byDefaultServlet = FileRegions.sent() - before - byMvc;
            assertEquals(nativeEngine ? 1 : 0, byMvc, "file regions sent for Spring MVC's response");
            assertEquals(nativeEngine ? 1 : 0, byDefaultServlet, "file regions sent for the DefaultServlet's response");

            // small files go as bytes; a range is Spring's (and Jetty's) own answer
            long beforeSmall = FileRegions.sent();
            assertArrayEquals(small, fetch(app, "/app/small.txt"));
            assertArrayEquals(small, fetch(app, "/small.txt"));
            assertEquals(0, FileRegions.sent() - beforeSmall, "no file region for a small file");
            for (String path : new String[]{"/app/large.bin", "/large.bin"})
            {
                HttpResponse<byte[]> range = RunningApp.CLIENT.send(HttpRequest.newBuilder(app.uri(path)).header("Range", "bytes=1000-70999")
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(206, range.statusCode(), path);
                assertArrayEquals(Arrays.copyOfRange(large, 1000, 71000), range.body(), path);
            }
            // the file changed on disk: the new bytes, whatever was mapped before
            byte[] changed = write(root.resolve("large.bin"), LARGE + 100, 3);
            assertArrayEquals(changed, fetch(app, "/app/large.bin"), "Spring MVC after a change");
            assertArrayEquals(changed, fetch(app, "/large.bin"), "DefaultServlet after a change");
        }
    }

    private static byte[] fetch(RunningApp app, String path) throws Exception
    {
        HttpResponse<byte[]> response = RunningApp.CLIENT.send(HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path);
        assertTrue(response.headers().firstValue("Content-Length").isPresent(), path + ": a known length");
        return response.body();
    }

    private static byte[] write(Path file, int size, long seed) throws Exception
    {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
        return bytes;
    }
}
