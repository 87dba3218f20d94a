package io.lyger.tck.response;

import java.net.URL;
import java.nio.charset.StandardCharsets;

import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.WebXml;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.lyger.tck.response.Scripts.steps;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Content type, character encoding and locale (Servlet 6.1 §5.6): their interplay, when the writer fixes the
 * charset, and locale-encoding-mapping in web.xml.
 */
@ExtendWith(ArquillianExtension.class)
class ContentTypeIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return Scripts.archive("response-content-type.war", WebXml.webApp()
                .xml("<locale-encoding-mapping-list><locale-encoding-mapping><locale>ja</locale><encoding>Shift_JIS</encoding>"
                    + "</locale-encoding-mapping></locale-encoding-mapping-list>"));
    }

    @ArquillianResource
    URL base;

    private RawHttp.Response raw(String... steps)
    {
        return Scripts.ok(base, steps);
    }

    /** @return the Content-Type header without spaces, the charset lower-cased (the comparison the spec allows). */
    private static String type(RawHttp.Response response)
    {
        String type = response.header("Content-Type");
        return type == null ? null : type.replace(" ", "").toLowerCase();
    }

    @Test
    void contentTypeWithCharsetEncodesTheWriter()
    {
        RawHttp.Response response = raw("type:text/plain;charset=UTF-8", "write:\u00e9\u20ac");
        assertEquals("text/plain;charset=utf-8", type(response));
        assertArrayEquals("\u00e9\u20ac".getBytes(StandardCharsets.UTF_8), response.body());
    }

    @Test
    void setCharacterEncodingThenSetContentType()
    {
        RawHttp.Response response = raw("encoding:UTF-8", "type:text/html", "write:\u00e9");
        assertEquals("text/html;charset=utf-8", type(response));
        assertArrayEquals("\u00e9".getBytes(StandardCharsets.UTF_8), response.body());
    }

    @Test
    void setContentTypeThenSetCharacterEncoding()
    {
        RawHttp.Response response = raw("type:text/html", "encoding:ISO-8859-1", "write:\u00e9");
        assertEquals("text/html;charset=iso-8859-1", type(response));
        assertArrayEquals(new byte[] {(byte) 0xE9}, response.body());
    }

    /** Without any charset the writer encodes ISO-8859-1 and says so in the Content-Type (§5.6). */
    @Test
    void writerDefaultsToIso88591()
    {
        RawHttp.Response response = raw("type:text/plain", "write:\u00e9");
        assertEquals("text/plain;charset=iso-8859-1", type(response));
        assertArrayEquals(new byte[] {(byte) 0xE9}, response.body());
    }

    /** getWriter fixes the charset: setCharacterEncoding afterwards has no effect. */
    @Test
    void setCharacterEncodingAfterGetWriterIsIgnored()
    {
        RawHttp.Response response = raw("type:text/plain", "encoding:UTF-8", "writer", "encoding:ISO-8859-1", "encoding?", "write:\u00e9");
        assertEquals("encoding=utf-8", response.header("X-Notes").toLowerCase());
        assertEquals("text/plain;charset=utf-8", type(response));
        assertArrayEquals("\u00e9".getBytes(StandardCharsets.UTF_8), response.body());
    }

    /** setContentType after getWriter changes the type but not the charset. */
    @Test
    void setContentTypeAfterGetWriterKeepsTheCharset()
    {
        RawHttp.Response response = raw("encoding:UTF-8", "writer", "type:text/html;charset=ISO-8859-1", "write:\u00e9");
        assertEquals("text/html;charset=utf-8", type(response));
        assertArrayEquals("\u00e9".getBytes(StandardCharsets.UTF_8), response.body());
    }

    @Test
    void getContentTypeAndGetCharacterEncoding()
    {
        RawHttp.Response response = raw("content-type", "encoding?", "type:text/plain;charset=UTF-8", "content-type", "encoding?");
        String notes = response.header("X-Notes").replace(" ", "").toLowerCase();
        assertEquals("content-type=null|encoding=iso-8859-1|content-type=text/plain;charset=utf-8|encoding=utf-8", notes);
    }

    @Test
    void setLocaleSetsContentLanguage()
    {
        RawHttp.Response response = raw("locale:fr-CA", "type:text/plain", "write:x");
        assertEquals("fr-CA", response.header("Content-Language"));
    }

    /** The charset of a locale comes from locale-encoding-mapping (web.xml) when none was set otherwise. */
    @Test
    void setLocaleChoosesTheMappedCharset()
    {
        RawHttp.Response response = raw("type:text/plain", "locale:ja", "write:\u65e5\u672c");
        assertEquals("text/plain;charset=shift_jis", type(response));
        assertArrayEquals("\u65e5\u672c".getBytes(java.nio.charset.Charset.forName("Shift_JIS")), response.body());
    }

    /** An explicit setCharacterEncoding wins over the locale's mapping. */
    @Test
    void setCharacterEncodingWinsOverTheLocale()
    {
        RawHttp.Response response = raw("type:text/plain", "encoding:UTF-8", "locale:ja", "write:\u65e5");
        assertEquals("text/plain;charset=utf-8", type(response));
        assertEquals("ja", response.header("Content-Language"));
    }

    @Test
    void contentTypeChangesAfterTheCommitAreIgnored()
    {
        RawHttp.Response response = raw("type:text/plain;charset=UTF-8", "write:x", "flush", "type:text/html", "locale:de");
        assertEquals("text/plain;charset=utf-8", type(response));
        assertEquals(null, response.header("Content-Language"));
    }

    /** The output stream does not add a charset to a type that has none. */
    @Test
    void outputStreamAddsNoCharset()
    {
        RawHttp.Response response = raw("type:application/octet-stream", "bytes:\u00ff\u0000\u0080");
        assertEquals("application/octet-stream", type(response));
        assertArrayEquals(new byte[] {(byte) 0xFF, 0, (byte) 0x80}, response.body());
    }

    /** setCharacterEncoding(null) forgets an encoding set before (Servlet 6.0). */
    @Test
    void setCharacterEncodingNullResets()
    {
        RawHttp.Response response = raw("type:text/plain", "encoding:UTF-8", "encoding:", "write:\u00e9");
        assertEquals("text/plain;charset=iso-8859-1", type(response));
    }

    /** setContentType(null) removes the type. */
    @Test
    void setContentTypeNullRemovesIt()
    {
        RawHttp.Response response = raw("type:text/plain", "type:", "bytes:x");
        assertEquals(null, response.header("Content-Type"));
    }
}
