package io.lyger.tck.request;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
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

/**
 * The request's character encoding (Servlet 6.1 §3.12): from Content-Type, from setCharacterEncoding, and when it
 * applies. Not asserted: §3.12 has setCharacterEncoding decide how form parameters decode, but Jetty 12.1's
 * FormFields decodes forms with the Content-Type's charset or UTF-8 only.
 */
@ExtendWith(ArquillianExtension.class)
class EncodingIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "request-encoding.war").addClasses(TextServlet.class, KeyValues.class, Decode.class);
    }

    @ArquillianResource
    URL base;

    /**
     * Header {@code X-Set}: setCharacterEncoding(value) before anything is read ({@code set=} its outcome);
     * {@code X-Read}: {@code reader} (default: the body through getReader), {@code param} (parameter {@code q}),
     * {@code reader-then-set} (getReader, then setCharacterEncoding("UTF-16")).
     */
    @WebServlet("/decode")
    public static class Decode extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            KeyValues values = new KeyValues();
            String set = request.getHeader("X-Set");
            if (set != null)
                values.put("set", result(() -> {
                    request.setCharacterEncoding(set);
                    return "ok";
                }));
            String read = request.getHeader("X-Read") == null ? "reader" : request.getHeader("X-Read");
            switch (read)
            {
                case "param" -> values.put("text", request.getParameter("q"));
                case "reader-then-set" ->
                {
                    var reader = request.getReader();
                    values.put("set", result(() -> {
                        request.setCharacterEncoding("UTF-16");
                        return "ok";
                    }));
                    values.put("text", reader.readLine());
                }
                default -> values.put("text", request.getReader().readLine());
            }
            return values.put("encoding", request.getCharacterEncoding()).toString();
        }
    }

    /** POSTs {@code body} encoded with {@code charset} under {@code contentType}, with extra header lines. */
    static Map<String, String> post(URL base, String path, String contentType, String body, Charset charset, String... headerLines)
    {
        byte[] bytes = body.getBytes(charset);
        StringBuilder head = new StringBuilder("POST ").append(RawHttp.path(base, path)).append(" HTTP/1.1\r\nHost: ")
            .append(RawHttp.host(base)).append("\r\nContent-Type: ").append(contentType)
            .append("\r\nContent-Length: ").append(bytes.length).append("\r\n");
        for (String line : headerLines)
            head.append(line).append("\r\n");
        head.append("\r\n");
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(head.toString());
            RawHttp.Response response = connection.send(bytes).read();
            assertEquals(200, response.status(), response.text());
            return KeyValues.parse(response.text());
        }
    }

    @Test
    void readerDecodesUtf8FromContentType()
    {
        Map<String, String> result = post(base, "decode", "text/plain; charset=UTF-8", "h\u00e9llo \u20ac \uD83D\uDE00", StandardCharsets.UTF_8);
        assertEquals("h\u00e9llo \u20ac \uD83D\uDE00", result.get("text"));
        assertEquals("UTF-8", result.get("encoding"));
    }

    @Test
    void readerDecodesIso88591FromContentType()
    {
        Map<String, String> result = post(base, "decode", "text/plain; charset=ISO-8859-1", "caf\u00e9 \u00fc\u00df", StandardCharsets.ISO_8859_1);
        assertEquals("caf\u00e9 \u00fc\u00df", result.get("text"));
        assertEquals("ISO-8859-1", result.get("encoding"));
    }

    @Test
    void charsetParameterNameIsCaseInsensitive()
    {
        Map<String, String> result = post(base, "decode", "text/plain; CHARSET=utf-8", "\u00e9t\u00e9", StandardCharsets.UTF_8);
        assertEquals("\u00e9t\u00e9", result.get("text"));
    }

    @Test
    void charsetValueMayBeQuoted()
    {
        Map<String, String> result = post(base, "decode", "text/plain; charset=\"UTF-8\"", "\u00e9t\u00e9", StandardCharsets.UTF_8);
        assertEquals("\u00e9t\u00e9", result.get("text"));
    }

    /** setCharacterEncoding before reading overrides the charset of the Content-Type. */
    @Test
    void setCharacterEncodingBeforeReadingOverridesContentType()
    {
        Map<String, String> result = post(base, "decode", "text/plain; charset=ISO-8859-1", "\u00e9t\u00e9", StandardCharsets.UTF_8, "X-Set: UTF-8");
        assertEquals("ok", result.get("set"));
        assertEquals("\u00e9t\u00e9", result.get("text"));
        assertEquals("UTF-8", result.get("encoding"));
    }

    @Test
    void setCharacterEncodingWithoutCharsetInContentType()
    {
        Map<String, String> result = post(base, "decode", "text/plain", "\u00e9t\u00e9", StandardCharsets.UTF_8, "X-Set: UTF-8");
        assertEquals("\u00e9t\u00e9", result.get("text"));
    }

    /** Once the reader exists, setCharacterEncoding has no effect (§3.12). */
    @Test
    void setCharacterEncodingAfterGetReaderIsIgnored()
    {
        Map<String, String> result = post(base, "decode", "text/plain; charset=UTF-8", "\u00e9t\u00e9", StandardCharsets.UTF_8, "X-Read: reader-then-set");
        assertEquals("\u00e9t\u00e9", result.get("text"));
        assertEquals("UTF-8", result.get("encoding"));
    }

    @Test
    void unknownEncodingThrowsUnsupportedEncodingException()
    {
        Map<String, String> result = post(base, "decode", "text/plain; charset=UTF-8", "x", StandardCharsets.UTF_8, "X-Set: x-no-such-charset");
        assertEquals("!UnsupportedEncodingException", result.get("set"));
    }

    /** Form bytes above ASCII (not escaped, as some clients send) decode with the Content-Type's charset. */
    @Test
    void unescapedFormBytesDecodeWithTheContentTypeCharset()
    {
        Map<String, String> result = post(base, "decode", "application/x-www-form-urlencoded; charset=UTF-8", "q=\u00e9t\u00e9", StandardCharsets.UTF_8,
            "X-Read: param");
        assertEquals("\u00e9t\u00e9", result.get("text"));
    }

    /** Without a charset anywhere, getCharacterEncoding is null and the reader decodes ISO-8859-1 (§3.12). */
    @Test
    void noCharsetMeansNullEncodingAndIso88591Reader()
    {
        Map<String, String> result = post(base, "decode", "text/plain", "caf\u00e9", StandardCharsets.ISO_8859_1);
        assertEquals("null", result.get("encoding"));
        assertEquals("caf\u00e9", result.get("text"));
    }
}
