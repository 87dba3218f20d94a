package io.lyger.tck.request;

import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code <request-character-encoding>} in web.xml: the default when the request names no charset. */
@ExtendWith(ArquillianExtension.class)
class ContextEncodingIT
{
    /** windows-1252 tells itself apart: 0x80 is the euro sign there, a C1 control in ISO-8859-1, invalid in UTF-8. */
    static final Charset CP1252 = Charset.forName("windows-1252");

    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "request-context-encoding.war")
            .addClasses(TextServlet.class, KeyValues.class, EncodingIT.Decode.class)
            .setWebXML(WebXml.webApp().xml("<request-character-encoding>windows-1252</request-character-encoding>").asset());
    }

    @ArquillianResource
    URL base;

    /**
     * The context's encoding is what getCharacterEncoding reports for a request that names none. (A type without a
     * charset of its own: Jetty infers ISO-8859-1 for text/plain.) Not asserted: §3.12 has the reader and form
     * parameters decode with it too, but Jetty 12.1 decodes them with ISO-8859-1 and UTF-8 whatever the context says.
     */
    @Test
    void contextEncodingIsTheDefault()
    {
        Map<String, String> result = EncodingIT.post(base, "decode", "text/x-tck", "x", CP1252);
        assertEquals("windows-1252", result.get("encoding"));
    }

    @Test
    void contentTypeCharsetWinsOverTheContextEncoding()
    {
        Map<String, String> result = EncodingIT.post(base, "decode", "text/x-tck; charset=UTF-8", "\u20ac5", StandardCharsets.UTF_8);
        assertEquals("UTF-8", result.get("encoding"));
        assertEquals("\u20ac5", result.get("text"));
    }

    @Test
    void setCharacterEncodingWinsOverTheContextEncoding()
    {
        Map<String, String> result = EncodingIT.post(base, "decode", "text/x-tck", "\u20ac5", StandardCharsets.UTF_8, "X-Set: UTF-8");
        assertEquals("UTF-8", result.get("encoding"));
        assertEquals("\u20ac5", result.get("text"));
    }
}
