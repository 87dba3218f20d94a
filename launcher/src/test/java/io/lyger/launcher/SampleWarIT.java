package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import io.lyger.connector.NativeEngine;
import io.lyger.sample.SampleBytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sample WAR served through the programmatic API, on both connectors, fetched with java.net.http. */
class SampleWarIT
{
    private static LygerServer start(ConnectorKind kind) throws Exception
    {
        LygerServer server = Lyger.server()
            .war(TestSupport.sampleWar())
            .contextPath("/")
            .host("127.0.0.1")
            .port(0)
            .connector(kind)
            .stopAtShutdown(false)
            .start();
        server.awaitReady();
        return server;
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void servesTheSampleEndpoints(ConnectorKind kind) throws Exception
    {
        try (LygerServer server = start(kind))
        {
            assertTrue(server.port() > 0);
            assertEquals(kind == ConnectorKind.NATIVE && NativeEngine.isAvailable(), server.isNativeConnector(),
                "NATIVE serves natively exactly when the engine loads (" + NativeEngine.unavailableReason() + "); JETTY never does");

            HttpResponse<String> plaintext = TestSupport.get(server, "/plaintext");
            assertEquals(200, plaintext.statusCode());
            assertEquals("Hello, World!", plaintext.body());
            assertTrue(plaintext.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
            assertEquals(Optional.of("13"), plaintext.headers().firstValue("content-length"));

            HttpResponse<String> json = TestSupport.get(server, "/json");
            assertEquals(200, json.statusCode());
            assertEquals("{\"message\":\"Hello, World!\"}", json.body());
            assertEquals(Optional.of("application/json"), json.headers().firstValue("content-type"));

            HttpResponse<String> index = TestSupport.get(server, "/");
            assertEquals(200, index.statusCode());
            for (String endpoint : new String[]{"/plaintext", "/json", "/echo", "/sha256", "/bytes", "/headers", "/status", "/slow"})
                assertTrue(index.body().contains(">" + endpoint), "index lists " + endpoint);

            assertEquals(404, TestSupport.get(server, "/no-such-endpoint").statusCode());
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void streamsBytesEchoAndDigests(ConnectorKind kind) throws Exception
    {
        try (LygerServer server = start(kind))
        {
            long n = 3 * 1024 * 1024 + 17;
            for (boolean chunked : new boolean[]{false, true})
            {
                HttpResponse<byte[]> bytes = TestSupport.CLIENT.send(
                    HttpRequest.newBuilder(server.uri().resolve("/bytes?n=" + n + (chunked ? "&chunked=true" : ""))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, bytes.statusCode());
                assertEquals(chunked ? Optional.empty() : Optional.of(Long.toString(n)), bytes.headers().firstValue("content-length"));
                assertEquals(n, bytes.body().length);
                assertEquals(SampleBytes.sha256Hex(n), SampleBytes.hex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes.body())));
            }

            // A request body of unknown length (sent chunked by HttpClient) is digested as it streams in.
            long size = 5 * 1024 * 1024 + 3;
            HttpResponse<String> sha = TestSupport.CLIENT.send(
                HttpRequest.newBuilder(server.uri().resolve("/sha256"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> sampleStream(size)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, sha.statusCode());
            assertEquals(SampleBytes.sha256Hex(size) + " " + size, sha.body());

            byte[] body = new byte[1024 * 1024 + 5];
            SampleBytes.fill(body, body.length, 11);
            HttpResponse<byte[]> echo = TestSupport.CLIENT.send(
                HttpRequest.newBuilder(server.uri().resolve("/echo"))
                    .header("Content-Type", "application/x-lyger-test")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, echo.statusCode());
            assertEquals(Optional.of("application/x-lyger-test"), echo.headers().firstValue("content-type"));
            assertFalse(echo.headers().firstValue("content-length").isPresent(), "echo streams its response chunked");
            assertArrayEquals(body, echo.body());
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void headersAndStatus(ConnectorKind kind) throws Exception
    {
        try (LygerServer server = start(kind))
        {
            HttpResponse<String> headers = TestSupport.CLIENT.send(
                HttpRequest.newBuilder(server.uri().resolve("/headers?a=1&b=two"))
                    .header("X-Lyger-Test", "first")
                    .header("X-Lyger-Test", "second")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, headers.statusCode());
            String[] lines = headers.body().split("\n");
            assertEquals("GET /headers?a=1&b=two HTTP/1.1", lines[0]);
            assertTrue(headers.body().contains("\nX-Lyger-Test: first\n"), headers.body());
            assertTrue(headers.body().contains("\nX-Lyger-Test: second\n"), headers.body());
            assertTrue(headers.body().contains("\nHost: 127.0.0.1:" + server.port() + "\n"), headers.body());

            HttpResponse<String> created = TestSupport.get(server, "/status?code=201");
            assertEquals(201, created.statusCode());
            assertEquals("status 201\n", created.body());
            assertEquals(204, TestSupport.get(server, "/status?code=204").statusCode());
            HttpResponse<String> teapot = TestSupport.get(server, "/status?code=418");
            assertEquals(418, teapot.statusCode());
            assertEquals(503, TestSupport.get(server, "/status?code=503").statusCode());
            assertEquals(400, TestSupport.get(server, "/status?code=abc").statusCode());
            assertEquals(400, TestSupport.get(server, "/bytes?n=-1").statusCode());

            HttpResponse<String> slow = TestSupport.get(server, "/slow?ms=1");
            assertEquals(200, slow.statusCode());
            assertEquals("slept 1 ms\n", slow.body());
        }
    }

    private static InputStream sampleStream(long size)
    {
        return new InputStream()
        {
            private long position;

            @Override
            public int read()
            {
                return position < size ? SampleBytes.at(position++) & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length)
            {
                if (position >= size)
                    return -1;
                int count = (int)Math.min(length, size - position);
                for (int i = 0; i < count; i++)
                    buffer[offset + i] = SampleBytes.at(position++);
                return count;
            }
        };
    }

}
