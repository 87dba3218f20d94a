package io.lyger.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Large bodies, streamed on both sides and checked by SHA-256, with the test JVM heap at 256 MB (failsafe argLine):
 * nothing may buffer a whole body. SIZE is 1 GiB (override with -Dlyger.it.large.size): on the 2-core development machine one direction took 1-4 s
 * per connector (Jetty fallback), well under the 15 s that would have made us use 512 MiB.
 */
class LargeTransferIT
{
    private static final long SIZE = Long.getLong("lyger.it.large.size", 1L << 30);
    private static final Map<Long, String> EXPECTED = new ConcurrentHashMap<>();

    @BothConnectors
    void largeUploadWithContentLength(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind))
        {
            HttpClient client = HttpClients.http11();
            HttpRequest request = HttpRequest.newBuilder(server.uri("/sha256"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new PatternInputStream(SIZE)), SIZE))
                .build();
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            log(kind, "upload", start);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(expected(SIZE) + " " + SIZE, response.body());
        }
    }

    @BothConnectors
    void largeDownloadWithContentLength(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind))
        {
            HttpClient client = HttpClients.http11();
            HttpRequest request = HttpRequest.newBuilder(server.uri("/bytes?n=" + SIZE)).build();
            long start = System.nanoTime();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            assertEquals(String.valueOf(SIZE), response.headers().firstValue("Content-Length").orElse(null));
            String digest = digest(response.body());
            log(kind, "download", start);
            assertEquals(expected(SIZE) + " " + SIZE, digest);
        }
    }

    /**
     * Smaller, both ways at once: a chunked upload echoed back chunked while it is still being sent. The JDK client
     * does not read an HTTP/1.1 response before it has sent the whole request, so this one is on a raw socket with
     * a writer thread.
     */
    @BothConnectors
    void chunkedEchoRoundTrip(ConnectorKind kind) throws Exception
    {
        int size = 16 << 20;
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() ->
            {
                try
                {
                    client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
                    byte[] buffer = new byte[TestPattern.MAX_SLICE];
                    for (int offset = 0; offset < size; offset += buffer.length)
                    {
                        int len = Math.min(buffer.length, size - offset);
                        TestPattern.fill(offset, buffer, 0, len);
                        client.send((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        client.send(Arrays.copyOf(buffer, len));
                        client.send("\r\n");
                    }
                    client.send("0\r\n\r\n");
                }
                catch (IOException x)
                {
                    throw new UncheckedIOException(x);
                }
            });
            RawResponse response = client.read();
            sent.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.status(), response.toString());
            assertTrue(response.chunked(), "echo of unknown length must be chunked on HTTP/1.1: " + response);
            assertEquals(expected(size) + " " + size, HexFormat.of().formatHex(Sha256Servlet.sha256().digest(response.body())) + " " + response.body().length);
        }
    }

    /** @return "hex count" of the stream, read to its end in 64 KiB pieces. */
    private static String digest(InputStream in) throws Exception
    {
        try (in)
        {
            MessageDigest digest = Sha256Servlet.sha256();
            byte[] buffer = new byte[64 * 1024];
            long count = 0;
            int n;
            while ((n = in.read(buffer)) >= 0)
            {
                digest.update(buffer, 0, n);
                count += n;
            }
            return HexFormat.of().formatHex(digest.digest()) + " " + count;
        }
    }

    /** @return the hex SHA-256 of the first size bytes of the pattern (computed once per size). */
    private static String expected(long size) throws Exception
    {
        String digest = EXPECTED.get(size);
        if (digest == null)
        {
            String line = digest(new PatternInputStream(size));
            digest = line.substring(0, line.indexOf(' '));
            EXPECTED.put(size, digest);
        }
        return digest;
    }

    private static void log(ConnectorKind kind, String what, long start)
    {
        System.err.printf("LargeTransferIT %s %s of %d MiB in %d ms%n", kind, what, SIZE >> 20, (System.nanoTime() - start) / 1_000_000);
    }
}
