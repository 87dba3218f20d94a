package io.lyger.connector.internal;

import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpField;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The field a decoded header line becomes; a Host Jetty refuses is null (answered 400), never a failed decode. */
class RequestDecoderTest
{
    private static HttpField host(String value)
    {
        byte[] line = ("Host" + value).getBytes(StandardCharsets.ISO_8859_1);
        return RequestDecoder.newField(line, line.length, 4);
    }

    @Test
    void invalidHostIsNull()
    {
        // Jetty 12.1's HostPortHttpField throws its HttpException for these (issue 14: this used to fail the decode)
        for (String bad : new String[]{"u:p@x", "x:abc", "a b", "x/y", "x:99999999"})
            assertNull(host(bad), bad);
    }

    @Test
    void validHostIsAHostPortField()
    {
        HostPortHttpField field = assertInstanceOf(HostPortHttpField.class, host("example.com:8080"));
        assertEquals(8080, field.getHostPort().getPort());
    }
}
