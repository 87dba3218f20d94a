package io.lyger.tck.staticcontent;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.WebXml;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default servlet serving files: Content-Type by extension and by mime-mapping, Content-Length, conditional
 * requests (Last-Modified, ETag), HEAD, WEB-INF and META-INF hidden, META-INF/resources of a jar in WEB-INF/lib.
 */
@ExtendWith(ArquillianExtension.class)
class StaticResourcesIT
{
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final int LARGE = 3 * 1024 * 1024;

    @Deployment(testable = false)
    static WebArchive deployment()
    {
        JavaArchive jar = ShrinkWrap.create(JavaArchive.class, "resources.jar")
            .addAsResource(new StringAsset("FROM THE JAR"), "META-INF/resources/from-jar.txt")
            .addAsResource(new StringAsset("JAR DIR INDEX"), "META-INF/resources/jar-dir/index.html")
            .addAsResource(new StringAsset("JAR VERSION"), "META-INF/resources/both.txt");
        return ShrinkWrap.create(WebArchive.class, "static-resources.war")
            .addAsWebResource(new StringAsset("<html><body>page</body></html>"), "page.html")
            .addAsWebResource(new StringAsset("body { color: red }"), "style.css")
            .addAsWebResource(new StringAsset("console.log(1);"), "app.js")
            .addAsWebResource(new StringAsset("{\"a\":1}"), "data.json")
            .addAsWebResource(new StringAsset("plain notes\n"), "notes.txt")
            .addAsWebResource(new StringAsset("a,b\n1,2\n"), "table.csv")
            .addAsWebResource(new ByteArrayAsset(PNG), "image.png")
            .addAsWebResource(new StringAsset("custom"), "thing.lyg")
            .addAsWebResource(new StringAsset("who knows"), "mystery.zzqq")
            .addAsWebResource(new StringAsset("spaced"), "my file.txt")
            .addAsWebResource(new StringAsset("accented"), "h\u00e9llo.txt")
            .addAsWebResource(new StringAsset("WEBAPP VERSION"), "both.txt")
            .addAsWebResource(new ByteArrayAsset(large()), "large.bin")
            .addAsWebInfResource(new StringAsset("top secret"), "secret.txt")
            .addAsWebResource(new StringAsset("meta secret"), "META-INF/secret.txt")
            .addAsLibrary(jar)
            .setWebXML(WebXml.webApp()
                .xml("<context-param><param-name>org.eclipse.jetty.servlet.Default.etags</param-name><param-value>true</param-value></context-param>")
                .xml("<mime-mapping><extension>lyg</extension><mime-type>application/x-lyger</mime-type></mime-mapping>")
                .xml("<mime-mapping><extension>csv</extension><mime-type>text/x-comma-separated</mime-type></mime-mapping>")
                .asset());
    }

    @ArquillianResource
    URL base;

    /** A body that is not one byte repeated, so a misplaced chunk shows. */
    static byte[] large()
    {
        byte[] bytes = new byte[LARGE];
        for (int i = 0; i < bytes.length; i++)
            bytes[i] = (byte) (i % 251 + i / 65536);
        return bytes;
    }

    private static String type(HttpResponse<String> response)
    {
        return response.headers().firstValue("Content-Type").orElse(null);
    }

    private static String mediaType(HttpResponse<String> response)
    {
        String type = type(response);
        return type == null ? null : type.split(";")[0].trim().toLowerCase();
    }

    private static String header(HttpResponse<String> response, String name)
    {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void contentTypeFollowsTheExtension()
    {
        assertEquals("text/html", mediaType(Http.get(base, "page.html")));
        assertEquals("text/css", mediaType(Http.get(base, "style.css")));
        assertEquals("application/json", mediaType(Http.get(base, "data.json")));
        assertEquals("text/plain", mediaType(Http.get(base, "notes.txt")));
        String js = mediaType(Http.get(base, "app.js"));
        assertTrue("text/javascript".equals(js) || "application/javascript".equals(js), js);
    }

    @Test
    void binaryFileIsServedByteForByte()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "image.png", "Connection: close"));
        assertEquals(200, response.status());
        assertEquals("image/png", response.header("Content-Type"));
        assertArrayEquals(PNG, response.body());
    }

    @Test
    void mimeMappingOfTheDescriptorAddsAType()
    {
        assertEquals("application/x-lyger", mediaType(Http.get(base, "thing.lyg")));
    }

    @Test
    void mimeMappingOfTheDescriptorOverridesTheContainersType()
    {
        assertEquals("text/x-comma-separated", mediaType(Http.get(base, "table.csv")));
    }

    @Test
    void unknownExtensionHasNoMadeUpTextType()
    {
        HttpResponse<String> response = Http.get(base, "mystery.zzqq");
        assertEquals(200, response.statusCode());
        assertEquals("who knows", response.body());
        String type = mediaType(response);
        assertTrue(type == null || type.equals("application/octet-stream"), type);
    }

    @Test
    void contentLengthIsTheFileSize()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "notes.txt", "Connection: close"));
        assertEquals(200, response.status());
        assertEquals("12", response.header("Content-Length"));
        assertNull(response.header("Transfer-Encoding"));
        assertEquals("plain notes\n", response.text());
    }

    @Test
    void largeFileArrivesWholeOnAKeptAliveConnection()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, "large.bin")).read();
            assertEquals(200, response.status());
            assertEquals(String.valueOf(LARGE), response.header("Content-Length"));
            assertArrayEquals(large(), response.body());
            assertEquals("plain notes\n", connection.send(RawHttp.get(base, "notes.txt")).read().text(), "the connection is reused");
        }
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response head = connection.send(RawHttp.request("HEAD", base, "page.html")).read();
            assertEquals(200, head.status());
            assertEquals(String.valueOf("<html><body>page</body></html>".length()), head.header("Content-Length"));
            assertTrue(head.header("Content-Type").startsWith("text/html"), head.header("Content-Type"));
            assertNotNull(head.header("Last-Modified"));
            assertEquals(0, head.body().length);
            RawHttp.Response get = connection.send(RawHttp.get(base, "notes.txt")).read();
            assertEquals("plain notes\n", get.text(), "nothing of a HEAD body was left on the connection");
        }
    }

    @Test
    void ifModifiedSinceTheLastModificationIs304()
    {
        HttpResponse<String> first = Http.get(base, "notes.txt");
        String lastModified = header(first, "Last-Modified");
        assertNotNull(lastModified);
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "notes.txt", "If-Modified-Since: " + lastModified, "Connection: close"));
        assertEquals(304, response.status());
        assertEquals(0, response.body().length);
    }

    @Test
    void ifModifiedSinceAnOlderDateIs200()
    {
        String old = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        HttpResponse<String> response = Http.get(base, "notes.txt", "If-Modified-Since", old);
        assertEquals(200, response.statusCode());
        assertEquals("plain notes\n", response.body());
    }

    @Test
    void ifUnmodifiedSinceAnOlderDateIs412()
    {
        String old = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertEquals(412, Http.get(base, "notes.txt", "If-Unmodified-Since", old).statusCode());
    }

    @Test
    void matchingIfNoneMatchIs304WithTheETag()
    {
        String etag = header(Http.get(base, "notes.txt"), "ETag");
        assertNotNull(etag, "etags are on (context parameter)");
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "notes.txt", "If-None-Match: " + etag, "Connection: close"));
        assertEquals(304, response.status());
        assertEquals(etag, response.header("ETag"));
        assertEquals(304, RawHttp.exchange(base, RawHttp.get(base, "notes.txt", "If-None-Match: \"other\", " + etag, "Connection: close")).status());
    }

    /** RFC 9110 §13.1.2: If-None-Match: * is false when the resource exists, so a GET is answered 304. */
    @Test
    void ifNoneMatchStarOnAnExistingFileIs304()
    {
        assertEquals(304, RawHttp.exchange(base, RawHttp.get(base, "notes.txt", "If-None-Match: *", "Connection: close")).status());
    }

    @Test
    void otherIfNoneMatchIs200()
    {
        HttpResponse<String> response = Http.get(base, "notes.txt", "If-None-Match", "\"not-this-one\"");
        assertEquals(200, response.statusCode());
        assertEquals("plain notes\n", response.body());
    }

    @Test
    void ifMatchWithAnotherTagIs412()
    {
        assertEquals(412, Http.get(base, "notes.txt", "If-Match", "\"not-this-one\"").statusCode());
        String etag = header(Http.get(base, "notes.txt"), "ETag");
        assertEquals(200, Http.get(base, "notes.txt", "If-Match", etag).statusCode());
    }

    @Test
    void etagDiffersBetweenFiles()
    {
        String a = header(Http.get(base, "notes.txt"), "ETag");
        String b = header(Http.get(base, "page.html"), "ETag");
        assertNotNull(a);
        assertNotEquals(a, b);
    }

    @Test
    void webInfIsNotServed()
    {
        assertEquals(404, Http.get(base, "WEB-INF/secret.txt").statusCode());
        assertEquals(404, Http.get(base, "WEB-INF/web.xml").statusCode());
        assertEquals(404, Http.get(base, "WEB-INF/").statusCode());
    }

    @Test
    void webInfCannotBeReachedByEncodingOrCase()
    {
        int encoded = RawHttp.exchange(base, "GET /static-resources/%57EB-INF/secret.txt HTTP/1.1\r\nHost: " + RawHttp.host(base)
            + "\r\nConnection: close\r\n\r\n").status();
        assertTrue(encoded == 404 || encoded == 400, "encoded W: " + encoded);
        int dotted = RawHttp.exchange(base, "GET /static-resources/./WEB-INF/secret.txt HTTP/1.1\r\nHost: " + RawHttp.host(base)
            + "\r\nConnection: close\r\n\r\n").status();
        assertTrue(dotted == 404 || dotted == 400, "dot segment: " + dotted);
        assertEquals(404, Http.get(base, "web-inf/secret.txt").statusCode());
    }

    @Test
    void metaInfIsNotServed()
    {
        assertEquals(404, Http.get(base, "META-INF/secret.txt").statusCode());
        assertEquals(404, Http.get(base, "META-INF/MANIFEST.MF").statusCode());
    }

    @Test
    void metaInfResourcesOfAJarAreServed()
    {
        HttpResponse<String> response = Http.get(base, "from-jar.txt");
        assertEquals(200, response.statusCode());
        assertEquals("FROM THE JAR", response.body());
        assertEquals("text/plain", mediaType(response));
    }

    @Test
    void welcomeFileOfAJarDirectory()
    {
        assertEquals("JAR DIR INDEX", Http.get(base, "jar-dir/").body());
    }

    /** §10.5: the document root of the application comes before META-INF/resources of its jars. */
    @Test
    void webappFileComesBeforeTheJarsResource()
    {
        assertEquals("WEBAPP VERSION", Http.get(base, "both.txt").body());
    }

    @Test
    void fileNamesAreDecoded()
    {
        assertEquals("spaced", Http.get(base, "my%20file.txt").body());
        assertEquals("accented", Http.get(base, "h%C3%A9llo.txt").body());
    }

    @Test
    void missingFileIs404()
    {
        assertEquals(404, Http.get(base, "no-such-file.txt").statusCode());
        assertEquals(404, Http.get(base, "notes.txt/below").statusCode());
    }

    @Test
    void writeMethodsAreNotAllowed()
    {
        RawHttp.Response put = RawHttp.exchange(base, RawHttp.request("PUT", base, "notes.txt", "Content-Length: 1", "Connection: close") + "x");
        assertEquals(405, put.status());
        assertEquals(405, Http.send(Http.request(base, "notes.txt").DELETE().build()).statusCode());
        assertEquals("plain notes\n", Http.get(base, "notes.txt").body(), "unchanged");
    }
}
