package io.lyger.tck.staticcontent;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.WebXml;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Range requests on static files (RFC 9110 §14): 206 with Content-Range, several ranges, 416, If-Range. */
@ExtendWith(ArquillianExtension.class)
class RangeRequestsIT
{
    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "static-range.war")
            .addAsWebResource(new StringAsset(ALPHABET), "alphabet.txt")
            .addAsWebResource(new ByteArrayAsset(StaticResourcesIT.large()), "large.bin")
            .setWebXML(WebXml.webApp()
                .xml("<context-param><param-name>org.eclipse.jetty.servlet.Default.etags</param-name><param-value>true</param-value></context-param>")
                .asset());
    }

    @ArquillianResource
    URL base;

    private RawHttp.Response get(String path, String... headerLines)
    {
        List<String> lines = new ArrayList<>(List.of(headerLines));
        lines.add("Connection: close");
        return RawHttp.exchange(base, RawHttp.get(base, path, lines.toArray(String[]::new)));
    }

    @Test
    void fullResponseAdvertisesByteRanges()
    {
        RawHttp.Response response = get("alphabet.txt");
        assertEquals(200, response.status());
        assertEquals("bytes", response.header("Accept-Ranges"));
    }

    @Test
    void singleRangeIsAPartialContent()
    {
        RawHttp.Response response = get("alphabet.txt", "Range: bytes=0-4");
        assertEquals(206, response.status());
        assertEquals("bytes 0-4/26", response.header("Content-Range"));
        assertEquals("5", response.header("Content-Length"));
        assertEquals("abcde", response.text());
    }

    @Test
    void suffixRangeIsTheLastBytes()
    {
        RawHttp.Response response = get("alphabet.txt", "Range: bytes=-5");
        assertEquals(206, response.status());
        assertEquals("bytes 21-25/26", response.header("Content-Range"));
        assertEquals("vwxyz", response.text());
    }

    @Test
    void openEndedRangeRunsToTheEnd()
    {
        RawHttp.Response response = get("alphabet.txt", "Range: bytes=20-");
        assertEquals(206, response.status());
        assertEquals("bytes 20-25/26", response.header("Content-Range"));
        assertEquals("uvwxyz", response.text());
    }

    @Test
    void lastPositionBeyondTheEndIsClipped()
    {
        RawHttp.Response response = get("alphabet.txt", "Range: bytes=23-100");
        assertEquals(206, response.status());
        assertEquals("bytes 23-25/26", response.header("Content-Range"));
        assertEquals("xyz", response.text());
    }

    /** Several ranges: multipart/byteranges, one part per range with its own Content-Range. */
    @Test
    void severalRangesAreAMultipartByteranges()
    {
        RawHttp.Response response = get("alphabet.txt", "Range: bytes=0-1,24-25");
        assertEquals(206, response.status());
        String type = response.header("Content-Type");
        assertNotNull(type);
        assertTrue(type.startsWith("multipart/byteranges"), type);
        Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
        assertTrue(boundary.find(), type);
        String body = response.text();
        String[] parts = body.split("--" + Pattern.quote(boundary.group(1)));
        List<String> ranges = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        for (String part : parts)
        {
            Matcher range = Pattern.compile("(?i)Content-Range: (bytes \\S+)").matcher(part);
            if (range.find())
            {
                ranges.add(range.group(1));
                contents.add(part.substring(part.indexOf("\r\n\r\n") + 4).replaceFirst("\r\n$", ""));
            }
        }
        assertEquals(List.of("bytes 0-1/26", "bytes 24-25/26"), ranges, body);
        assertEquals(List.of("ab", "yz"), contents, body);
        assertTrue(body.trim().endsWith("--" + boundary.group(1) + "--"), body);
    }

    @Test
    void unsatisfiableRangeIs416WithTheLength()
    {
        RawHttp.Response response = get("alphabet.txt", "Range: bytes=30-40");
        assertEquals(416, response.status());
        assertEquals("bytes */26", response.header("Content-Range"));
    }

    @Test
    void rangeOfALargeFileFromItsMiddle()
    {
        RawHttp.Response response = get("large.bin", "Range: bytes=500000-500099");
        assertEquals(206, response.status());
        assertEquals("bytes 500000-500099/" + StaticResourcesIT.LARGE, response.header("Content-Range"));
        byte[] expected = new byte[100];
        System.arraycopy(StaticResourcesIT.large(), 500000, expected, 0, 100);
        assertArrayEquals(expected, response.body());
    }

    @Test
    void ifRangeWithTheCurrentETagGivesTheRange()
    {
        String etag = Http.get(base, "alphabet.txt").headers().firstValue("ETag").orElse(null);
        assertNotNull(etag);
        RawHttp.Response response = get("alphabet.txt", "Range: bytes=0-2", "If-Range: " + etag);
        assertEquals(206, response.status());
        assertEquals("abc", response.text());
    }

    /** RFC 9110 §13.1.5: a validator that does not match the current representation means the Range is ignored. */
    @Test
    void ifRangeWithAnotherETagGivesTheWholeFile()
    {
        RawHttp.Response response = get("alphabet.txt", "Range: bytes=0-2", "If-Range: \"stale\"");
        assertEquals(200, response.status());
        assertEquals(ALPHABET, response.text());
    }

    @Test
    void ifRangeWithTheLastModifiedDateGivesTheRange()
    {
        String lastModified = Http.get(base, "alphabet.txt").headers().firstValue("Last-Modified").orElse(null);
        assertNotNull(lastModified);
        RawHttp.Response response = get("alphabet.txt", "Range: bytes=3-5", "If-Range: " + lastModified);
        assertEquals(206, response.status());
        assertEquals("def", response.text());
    }

    /** A Range header that is not a valid ranges-specifier is ignored: the whole file (RFC 9110 §14.2). */
    @Test
    void invalidRangeSyntaxIsIgnoredOrRefused()
    {
        RawHttp.Response response = get("alphabet.txt", "Range: bytes=abc");
        assertTrue(response.status() == 200 || response.status() == 416, response.statusLine());
        if (response.status() == 200)
            assertEquals(ALPHABET, new String(response.body(), StandardCharsets.US_ASCII));
    }

    /** RFC 9110 §14.2: an origin server must ignore a Range header with a range unit it does not understand. */
    @Test
    void rangeWithAnotherUnitIsIgnored()
    {
        RawHttp.Response response = get("alphabet.txt", "Range: lines=1-2");
        assertEquals(200, response.status());
        assertEquals(ALPHABET, response.text());
    }
}
