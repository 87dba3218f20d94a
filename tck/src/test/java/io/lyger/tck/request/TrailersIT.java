package io.lyger.tck.request;

import java.io.IOException;
import java.net.URL;
import java.util.Map;
import java.util.TreeMap;

import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.RawRequests;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Request trailers (getTrailerFields) of chunked bodies. */
@ExtendWith(ArquillianExtension.class)
class TrailersIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "request-trailers.war").addClasses(TextServlet.class, KeyValues.class, Trailers.class);
    }

    @ArquillianResource
    URL base;

    /** Reads the whole body, then reports isTrailerFieldsReady and getTrailerFields (sorted). */
    @WebServlet("/trailers")
    public static class Trailers extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            byte[] body = request.getInputStream().readAllBytes();
            return new KeyValues().put("body", new String(body, java.nio.charset.StandardCharsets.UTF_8))
                .put("ready", request.isTrailerFieldsReady())
                .put("trailers", new TreeMap<>(request.getTrailerFields()))
                .put("lateHeader", request.getHeader("X-Late")).toString();
        }
    }

    private Map<String, String> post(String framing, String body)
    {
        RawHttp.Response response = RawHttp.exchange(base, RawRequests.post(base, "trailers", body, framing.split("\r\n")));
        assertEquals(200, response.status(), response.text());
        return KeyValues.parse(response.text());
    }

    /** Trailer names are lower-cased (HttpServletRequest#getTrailerFields); values as sent. */
    @Test
    void trailersOfAChunkedBody()
    {
        Map<String, String> result = post("Transfer-Encoding: chunked\r\nTrailer: X-Checksum, X-Count",
            "4\r\ndata\r\n0\r\nX-Checksum: abc123\r\nX-Count: 4\r\n\r\n");
        assertEquals("data", result.get("body"));
        assertEquals("true", result.get("ready"));
        assertEquals("{x-checksum=abc123, x-count=4}", result.get("trailers"));
    }

    @Test
    void chunkedBodyWithoutTrailersHasAnEmptyMap()
    {
        Map<String, String> result = post("Transfer-Encoding: chunked", "4\r\ndata\r\n0\r\n\r\n");
        assertEquals("data", result.get("body"));
        assertEquals("{}", result.get("trailers"));
    }

    @Test
    void contentLengthBodyHasNoTrailers()
    {
        Map<String, String> result = post("Content-Length: 4", "data");
        assertEquals("true", result.get("ready"));
        assertEquals("{}", result.get("trailers"));
    }

    /** Trailer fields of the same name are joined with commas. */
    @Test
    void repeatedTrailersAreJoined()
    {
        Map<String, String> result = post("Transfer-Encoding: chunked", "1\r\nx\r\n0\r\nX-Multi: a\r\nx-multi: b\r\n\r\n");
        assertEquals("{x-multi=a,b}", result.get("trailers"));
    }

    /** Trailers do not become headers. */
    @Test
    void trailersAreNotHeaders()
    {
        Map<String, String> result = post("Transfer-Encoding: chunked", "1\r\nx\r\n0\r\nX-Late: 1\r\n\r\n");
        assertEquals("{x-late=1}", result.get("trailers"));
        assertEquals("null", result.get("lateHeader"));
    }
}
