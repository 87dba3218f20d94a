package io.lyger.spring.boot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server.* properties Spring applies as Jetty handlers rather than on the connector, through the connector Lyger
 * puts in place: server.compression.* (Jetty's CompressionHandler) and server.jetty.accesslog.* (Jetty's
 * RequestLog). On the native engine, and on Jetty's ServerConnector (lyger.connector=jetty) as the control.
 */
class HandlerPropertiesIT
{
    @Test
    void nativeEngine(@TempDir Path dir) throws Exception
    {
        compressionAndAccessLog(dir, false);
    }

    @Test
    void jettyConnector(@TempDir Path dir) throws Exception
    {
        compressionAndAccessLog(dir, true);
    }

    private static void compressionAndAccessLog(Path dir, boolean jetty) throws Exception
    {
        Path accessLog = dir.resolve("access.log");
        try (RunningApp app = RunningApp.start("server.compression.enabled=true", "server.compression.min-response-size=1B",
            "server.jetty.accesslog.enabled=true", "server.jetty.accesslog.filename=" + accessLog, "lyger.connector=" + (jetty ? "jetty" : "native")))
        {
            assertEquals(!jetty, app.connector().isNative());

            HttpResponse<byte[]> gzipped = send(app, HttpRequest.newBuilder(app.uri("/text")).header("Accept-Encoding", "gzip"));
            assertEquals(200, gzipped.statusCode());
            assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null), "server.compression: gzip when asked");
            String text = new String(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("Hello from Spring\n".repeat(4096 / 18 + 1), text);
            assertTrue(gzipped.body().length < text.length() / 4, "compressed: " + gzipped.body().length + " bytes");

            HttpResponse<byte[]> plain = send(app, HttpRequest.newBuilder(app.uri("/text?plain")));
            assertEquals(200, plain.statusCode());
            assertFalse(plain.headers().firstValue("Content-Encoding").isPresent(), "not compressed when not asked");
            assertEquals("Hello from Spring\n".repeat(4096 / 18 + 1), new String(plain.body(), StandardCharsets.UTF_8));

            // Jetty writes a request's line once it has completed: poll for both
            String log = "";
            for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() - deadline < 0; Thread.sleep(50))
            {
                log = Files.exists(accessLog) ? Files.readString(accessLog) : "";
                if (log.contains("\"GET /text?plain HTTP/1.1\" 200"))
                    break;
            }
            assertTrue(log.contains("\"GET /text HTTP/1.1\" 200"), "server.jetty.accesslog: " + log);
            assertTrue(log.contains("\"GET /text?plain HTTP/1.1\" 200"), "server.jetty.accesslog: " + log);
        }
    }

    private static HttpResponse<byte[]> send(RunningApp app, HttpRequest.Builder request) throws IOException, InterruptedException
    {
        return RunningApp.CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
