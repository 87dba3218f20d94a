package io.lyger.connector;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Response trailers (setTrailerFields): as Jetty's HttpGenerator, a response with trailers is chunked, even when its
 * whole body fits the buffer, and its last chunk carries the fields.
 */
class ResponseTrailersIT
{
    private static RawResponse get(RawClient client, String query) throws Exception
    {
        RawResponse response = client.send("GET /trailers?" + query + " HTTP/1.1\r\nHost: localhost\r\nTE: trailers\r\n\r\n").read();
        assertEquals(200, response.status(), response.toString());
        // the connection goes on after the trailer section
        assertEquals("Hello, World!", client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n").read().bodyText());
        return response;
    }

    private static Map<String, String> trailers(RawResponse response)
    {
        Map<String, String> trailers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.trailers().forEach(e -> trailers.put(e.getKey(), e.getValue()));
        return trailers;
    }

    @BothConnectors
    void trailersFollowAFlushedChunkedBody(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = get(client, "trailer=X-Checksum:abc123&trailer=X-Two:2&part=part+one+&part=part+two&flush=true");
            assertTrue(response.chunked(), response.toString());
            assertEquals("part one part two", response.bodyText());
            assertEquals(Map.of("X-Checksum", "abc123", "X-Two", "2"), trailers(response), response.trailers().toString());
        }
    }

    @BothConnectors
    void aResponseWithTrailersIsChunkedEvenWhenItFitsTheBuffer(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = get(client, "trailer=X-Small:yes&part=small");
            assertTrue(response.chunked(), response.toString());
            assertNull(response.header("Content-Length"), response.toString());
            assertEquals("small", response.bodyText());
            assertEquals("yes", trailers(response).get("X-Small"), response.trailers().toString());
            // and one without any body
            response = get(client, "trailer=X-Empty:1");
            assertTrue(response.chunked(), response.toString());
            assertEquals("", response.bodyText());
            assertEquals("1", trailers(response).get("X-Empty"), response.trailers().toString());
        }
    }

    /** CR/LF in a trailer value cannot add a field: sanitised as in headers (HttpGenerator.putSanitisedValue). */
    @BothConnectors
    void trailerValuesCannotInjectFields(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = new RawClient(server.port()))
        {
            RawResponse response = get(client, "trailer=X-Split:a%0D%0AX-Injected:+yes&part=body");
            assertEquals("body", response.bodyText());
            Map<String, String> trailers = trailers(response);
            assertFalse(trailers.containsKey("X-Injected"), response.trailers().toString());
            assertEquals("a  X-Injected: yes", trailers.get("X-Split"), response.trailers().toString());
        }
    }
}
