package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import io.lyger.connector.internal.FileRegions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Static files through Jetty's DefaultServlet on both connectors, with a real client, bodies compared byte for byte
 * with the files: small (bytes), medium and large (on the native connector: file regions, sendfile), a range, HEAD,
 * conditional 304s, a precompressed variant, and a file behind a security constraint. Jetty's connector is the control:
 * the same assertions hold there, and no file region is sent.
 */
class StaticFilesIT
{
    private static final int SMALL = 1000;
    private static final int MEDIUM = 64 * 1024;
    private static final int LARGE = 3 * 1024 * 1024 + 17;

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void staticFilesAsJettyServesThem(ConnectorKind connector, @TempDir Path dir) throws Exception
    {
        Path war = SecureWars.assemble("static", dir);
        byte[] small = write(war.resolve("small.txt"), SMALL, 1);
        byte[] medium = write(war.resolve("medium.bin"), MEDIUM, 2);
        byte[] large = write(war.resolve("large.bin"), LARGE, 3);
        byte[] secret = write(war.resolve("private/secret.bin"), MEDIUM, 4);
        write(war.resolve("pre.txt"), 100_000, 5);
        // the server does not look inside a precompressed variant: any bytes do, large enough for a file region
        byte[] preGz = write(war.resolve("pre.txt.gz"), 40_000, 6);
        Path users = SecureWars.write(dir.resolve("shop.properties"), SecureWars.USERS);
        long regionsBefore = FileRegions.sent();
        try (LygerServer server = Lyger.server().war(war).realm("shop", users)
            .host("127.0.0.1").port(0).connector(connector).stopAtShutdown(false).start())
        {
            URI base = server.uri();
            assertFile(small, send(base, "/small.txt", "GET"));
            assertFile(medium, send(base, "/medium.bin", "GET"));
            HttpResponse<byte[]> whole = send(base, "/large.bin", "GET");
            assertFile(large, whole);
            assertEquals(String.valueOf(LARGE), whole.headers().firstValue("Content-Length").orElse(null));

            HttpResponse<byte[]> range = send(base, "/large.bin", "GET", "Range", "bytes=1000-200999");
            assertEquals(206, range.statusCode());
            assertEquals("bytes 1000-200999/" + LARGE, range.headers().firstValue("Content-Range").orElse(null));
            assertArrayEquals(Arrays.copyOfRange(large, 1000, 201_000), range.body());
            HttpResponse<byte[]> ranges = send(base, "/large.bin", "GET", "Range", "bytes=0-9,100000-199999");
            assertEquals(206, ranges.statusCode());
            assertTrue(ranges.headers().firstValue("Content-Type").orElse("").startsWith("multipart/byteranges"));
            assertTrue(contains(ranges.body(), Arrays.copyOfRange(large, 100_000, 200_000)), "the second part's bytes");

            HttpResponse<byte[]> head = send(base, "/large.bin", "HEAD");
            assertEquals(200, head.statusCode());
            assertEquals(String.valueOf(LARGE), head.headers().firstValue("Content-Length").orElse(null));
            assertEquals(0, head.body().length);

            String etag = whole.headers().firstValue("ETag").orElseThrow();
            String lastModified = whole.headers().firstValue("Last-Modified").orElseThrow();
            HttpResponse<byte[]> notModified = send(base, "/large.bin", "GET", "If-None-Match", etag);
            assertEquals(304, notModified.statusCode());
            assertEquals(0, notModified.body().length);
            assertEquals(304, send(base, "/large.bin", "GET", "If-Modified-Since", lastModified).statusCode());
            assertFile(large, send(base, "/large.bin", "GET", "If-None-Match", "\"other\""));

            HttpResponse<byte[]> gzipped = send(base, "/pre.txt", "GET", "Accept-Encoding", "gzip");
            assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
            assertFile(preGz, gzipped);

            HttpResponse<byte[]> refused = send(base, "/private/secret.bin", "GET");
            assertEquals(401, refused.statusCode());
            assertFalse(contains(refused.body(), Arrays.copyOf(secret, 64)), "no byte of the file in the refusal");
            String alice = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
            assertFile(secret, send(base, "/private/secret.bin", "GET", "Authorization", alice));

            // a file replaced by another version: once the server sees it (Jetty's cache revalidates within a second
            // or so), the new bytes, whole; never a mixture
            byte[] replaced = write(war.resolve("medium.bin"), MEDIUM + 4096, 7);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            HttpResponse<byte[]> current = send(base, "/medium.bin", "GET");
            while (!Arrays.equals(replaced, current.body()) && System.nanoTime() < deadline)
            {
                assertFile(medium, current);
                Thread.sleep(100);
                current = send(base, "/medium.bin", "GET");
            }
            assertFile(replaced, current);
            medium = replaced;

            assertEquals(404, send(base, "/missing.bin", "GET").statusCode());
            // the same connection pool goes on being served after all of it
            assertFile(medium, send(base, "/medium.bin", "GET"));

            long regions = FileRegions.sent() - regionsBefore;
            if (server.isNativeConnector())
                assertTrue(regions >= 7, "bodies sent as file regions: " + regions);
            else
                assertEquals(0, regions, "Jetty's connector sends no file region");
        }
    }

    private static byte[] write(Path file, int size, long seed) throws IOException
    {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return bytes;
    }

    private static HttpResponse<byte[]> send(URI base, String path, String method, String... headers) throws IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2)
            request.header(headers[i], headers[i + 1]);
        return TestSupport.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertFile(byte[] expected, HttpResponse<byte[]> response)
    {
        assertEquals(200, response.statusCode());
        assertEquals(expected.length, response.body().length);
        assertArrayEquals(expected, response.body());
    }

    private static boolean contains(byte[] haystack, byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                    continue outer;
            }
            return true;
        }
        return false;
    }
}
