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

/** {@code <response-character-encoding>} in web.xml: the writer's default charset. */
@ExtendWith(ArquillianExtension.class)
class ContextEncodingIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return Scripts.archive("response-context-encoding.war",
            WebXml.webApp().xml("<response-character-encoding>UTF-8</response-character-encoding>"));
    }

    @ArquillianResource
    URL base;

    private RawHttp.Response raw(String... steps)
    {
        return Scripts.exchange(base, steps);
    }

    /**
     * A type without a charset of its own takes the context's. (Not text/plain: Jetty infers ISO-8859-1 for it from
     * its encoding.properties and lets that win over the context's encoding, which §5.6 does not foresee.)
     */
    @Test
    void contextEncodingIsTheWritersDefault()
    {
        RawHttp.Response response = raw("type:text/x-tck", "encoding?", "write:\u00e9\u20ac");
        assertEquals("encoding=utf-8", response.header("X-Notes").toLowerCase());
        assertEquals("text/x-tck;charset=utf-8", response.header("Content-Type").replace(" ", "").toLowerCase());
        assertArrayEquals("\u00e9\u20ac".getBytes(StandardCharsets.UTF_8), response.body());
    }

    @Test
    void explicitCharsetWinsOverTheContextEncoding()
    {
        RawHttp.Response response = raw("type:text/plain;charset=ISO-8859-1", "write:\u00e9");
        assertArrayEquals(new byte[] {(byte) 0xE9}, response.body());
    }
}
