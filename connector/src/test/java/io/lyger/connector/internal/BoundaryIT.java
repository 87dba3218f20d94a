package io.lyger.connector.internal;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's encoders and the Java decoders agree on ABI.md: a head parsed and encoded by the production Rust
 * code decodes into the same fields in Java, and a head encoded by Java is accepted and framed by the engine.
 */
public class BoundaryIT
{
    private final BoundaryProbe probe = new BoundaryProbe();

    @Test
    public void requestEventsDecodeWithEveryField()
    {
        assertEquals(0, probe.requestToJava(0).size());
        for (int headers : new int[]{8, 32})
        {
            HttpFields fields = probe.requestToJava(headers);
            assertEquals(headers, fields.size());
            assertEquals("localhost:8080", fields.get(HttpHeader.HOST));
            assertEquals("keep-alive", fields.get(HttpHeader.CONNECTION));
            // Known names resolve to Jetty's constants, unknown ones keep their spelling
            assertTrue(fields.stream().anyMatch(f -> f.getHeader() == HttpHeader.USER_AGENT));
            if (headers == 32)
                assertEquals("value-31", fields.get("X-Custom-Header-31"));
        }
    }

    @Test
    public void javaResponseHeadsAreFramedByTheEngine()
    {
        HttpFields.Mutable fields = HttpFields.build()
            .add(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8")
            .add("X-Custom", "1");
        int framed = probe.responseToNative(new MetaData.Response(200, null, HttpVersion.HTTP_1_1, fields), 13);
        // "HTTP/1.1 200 OK\r\n" + the two fields + Content-Length + Date + final CRLF
        assertTrue(framed > 17 + 40 + 20 + 37, "framed length " + framed);

        // CR/LF in a value become spaces in Java, as Jetty's HttpGenerator does: one field, framed (the engine would
        // refuse the head otherwise: response splitting)
        HttpFields.Mutable splitting = HttpFields.build().add("X-Bad", "a\r\nSet-Cookie: x=1");
        HttpFields.Mutable plain = HttpFields.build().add("X-Bad", "a  Set-Cookie: x=1");
        assertEquals(probe.responseToNative(new MetaData.Response(200, null, HttpVersion.HTTP_1_1, plain), 0),
            probe.responseToNative(new MetaData.Response(200, null, HttpVersion.HTTP_1_1, splitting), 0));
    }
}
