package io.lyger.tck.response;

import java.net.URL;
import java.util.Map;

import io.lyger.tck.support.RawHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.lyger.tck.response.Scripts.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Response trailers (setTrailerFields): sent after a chunked body, refused after the commit and on HTTP/1.0. */
@ExtendWith(ArquillianExtension.class)
class TrailersIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return Scripts.archive("response-trailers.war");
    }

    @ArquillianResource
    URL base;

    private RawHttp.Response raw(String... steps)
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, steps(steps), "TE: trailers")).read();
            assertEquals(200, response.status(), response.text());
            assertEquals("next", connection.send(RawHttp.get(base, steps("write:next"))).read().text(), "the connection goes on");
            return response;
        }
    }

    private static Map<String, String> trailers(RawHttp.Response response)
    {
        Map<String, String> trailers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.trailers().forEach(e -> trailers.put(e.getKey(), e.getValue()));
        return trailers;
    }

    @Test
    void trailersFollowAChunkedBody()
    {
        RawHttp.Response response = raw("trailer:X-Checksum:abc123", "write:part one ", "flush", "write:part two");
        assertEquals("chunked", response.header("Transfer-Encoding"));
        assertEquals("part one part two", response.text());
        assertEquals("abc123", trailers(response).get("X-Checksum"));
    }

    @Test
    void severalTrailers()
    {
        RawHttp.Response response = raw("trailer:X-One:1", "trailer:X-Two:2", "write:a", "flush", "write:b");
        Map<String, String> trailers = trailers(response);
        assertEquals("1", trailers.get("X-One"));
        assertEquals("2", trailers.get("X-Two"));
    }

    /** A response with trailers is chunked even when it fits the buffer (Content-Length cannot carry trailers). */
    @Test
    void trailersWithoutAFlush()
    {
        RawHttp.Response response = raw("trailer:X-Small:yes", "write:small");
        assertEquals("small", response.text());
        assertEquals("yes", trailers(response).get("X-Small"));
    }

    @Test
    void setTrailerFieldsAfterTheCommitThrowsIllegalStateException()
    {
        RawHttp.Response response = raw("write:sent ", "flush", "trailer:X-Late:1", "notes");
        assertEquals("sent trailer!IllegalStateException", response.text());
        assertTrue(trailers(response).isEmpty(), response.trailers().toString());
    }

    /** HTTP/1.0 has no trailers: setTrailerFields throws IllegalStateException. */
    @Test
    void setTrailerFieldsOnHttp10ThrowsIllegalStateException()
    {
        String request = "GET " + RawHttp.path(base, steps("trailer:X-T:1", "write:x")) + " HTTP/1.0\r\n\r\n";
        RawHttp.Response response = RawHttp.exchange(base, request);
        assertEquals("trailer!IllegalStateException", response.header("X-Notes"));
    }
}
