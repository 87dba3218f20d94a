package io.lyger.tck.request;

import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.lyger.tck.support.Http;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request headers: getHeader, getHeaders, getHeaderNames, getIntHeader, getDateHeader (values and errors). */
@ExtendWith(ArquillianExtension.class)
class HeadersIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "request-headers.war").addClasses(TextServlet.class, Header.class);
    }

    @ArquillianResource
    URL base;

    /**
     * {@code ?name=N&as=A}: header N read with getHeader (string), getHeaders (all, joined with '|'), getIntHeader
     * (int) or getDateHeader (date); as=names lists getHeaderNames lower-cased, sorted, joined with '|'.
     */
    @WebServlet("/header")
    public static class Header extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            String name = request.getParameter("name");
            return switch (request.getParameter("as"))
            {
                case "string" -> result(() -> request.getHeader(name));
                case "all" -> result(() -> String.join("|", Collections.list(request.getHeaders(name))));
                case "int" -> result(() -> request.getIntHeader(name));
                case "date" -> result(() -> request.getDateHeader(name));
                case "names" -> result(() -> String.join("|", Collections.list(request.getHeaderNames()).stream()
                    .map(n -> n.toLowerCase(Locale.ROOT)).sorted().toList()));
                default -> "bad as";
            };
        }
    }

    /** Sends the header lines as they are, reads header {@code name} the way {@code as} says. */
    private String read(String name, String as, String... headerLines)
    {
        String query = "header?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&as=" + as;
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, query, headerLines));
        assertEquals(200, response.status());
        return response.text();
    }

    @Test
    void getHeaderIsCaseInsensitive()
    {
        assertEquals("v1", read("x-lyger-test", "string", "X-Lyger-Test: v1"));
        assertEquals("v1", read("X-LYGER-TEST", "string", "x-lyger-test: v1"));
    }

    @Test
    void missingHeaderIsNull()
    {
        assertEquals("null", read("X-Absent", "string"));
        assertEquals("", read("X-Absent", "all"));
    }

    @Test
    void getHeaderReturnsTheFirstOfRepeatedFields()
    {
        assertEquals("first", read("X-Multi", "string", "X-Multi: first", "X-Multi: second"));
    }

    @Test
    void getHeadersReturnsRepeatedFieldsInOrder()
    {
        assertEquals("one|two|three", read("x-multi", "all", "X-Multi: one", "x-multi: two", "X-MULTI: three"));
    }

    /** A comma-separated value is one field: getHeaders does not split it. */
    @Test
    void getHeadersDoesNotSplitCommaSeparatedValues()
    {
        assertEquals("a, b, c", read("X-List", "all", "X-List: a, b, c"));
    }

    @Test
    void getHeaderNamesListsEveryNameOnce()
    {
        List<String> names = List.of(read("", "names", "X-One: 1", "X-Two: 2", "X-Two: 3").split("\\|"));
        assertTrue(names.contains("x-one"), names.toString());
        assertTrue(names.contains("x-two"), names.toString());
        assertTrue(names.contains("host"), names.toString());
        assertEquals(names.indexOf("x-two"), names.lastIndexOf("x-two"), "x-two listed once: " + names);
        assertFalse(names.contains("x-three"), names.toString());
    }

    @Test
    void valueWhitespaceIsTrimmed()
    {
        assertEquals("[padded value]", "[" + read("X-Pad", "string", "X-Pad: \t padded value \t") + "]");
    }

    @Test
    void emptyValueIsEmptyNotNull()
    {
        assertEquals("[]", "[" + read("X-Empty", "string", "X-Empty:") + "]");
    }

    @Test
    void hostHeaderIsAHeader()
    {
        assertEquals(RawHttp.host(base), read("Host", "string"));
    }

    @Test
    void intHeader()
    {
        assertEquals("42", read("X-Number", "int", "X-Number: 42"));
        assertEquals("-7", read("X-Number", "int", "X-Number: -7"));
    }

    @Test
    void missingIntHeaderIsMinusOne()
    {
        assertEquals("-1", read("X-Number", "int"));
    }

    @Test
    void intHeaderThatIsNotANumberThrowsNumberFormatException()
    {
        assertEquals("!NumberFormatException", read("X-Number", "int", "X-Number: forty-two"));
    }

    @Test
    void dateHeaderInImfFixdateFormat()
    {
        long expected = ZonedDateTime.of(2015, 10, 21, 7, 28, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
        assertEquals(String.valueOf(expected), read("If-Modified-Since", "date", "If-Modified-Since: Wed, 21 Oct 2015 07:28:00 GMT"));
    }

    /** The obsolete RFC 850 and asctime formats must be accepted too (RFC 9110 §5.6.7). */
    @Test
    void dateHeaderInObsoleteFormats()
    {
        long expected = ZonedDateTime.of(1994, 11, 6, 8, 49, 37, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
        assertEquals(String.valueOf(expected), read("X-Date", "date", "X-Date: Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(String.valueOf(expected), read("X-Date", "date", "X-Date: Sun Nov  6 08:49:37 1994"));
    }

    @Test
    void missingDateHeaderIsMinusOne()
    {
        assertEquals("-1", read("X-Date", "date"));
    }

    @Test
    void dateHeaderThatIsNotADateThrowsIllegalArgumentException()
    {
        assertEquals("!IllegalArgumentException", read("X-Date", "date", "X-Date: yesterday"));
    }

    /** Through the JDK client too: several headers of the same name arrive as several values. */
    @Test
    void repeatedHeadersFromAClient()
    {
        HttpResponse<String> response = Http.get(base, "header?name=accept-language&as=all",
            "Accept-Language", "fr", "Accept-Language", "de");
        assertEquals(200, response.statusCode());
        assertEquals(List.of("fr", "de"), List.of(response.body().split("\\|")));
    }

    /** Field values are octets (RFC 9110 §5.5); Jetty reads obs-text as ISO-8859-1. */
    @Test
    void obsTextValueIsReadAsIso88591()
    {
        String request = RawHttp.get(base, "header?name=X-Latin&as=string", "X-Latin: caf\u00e9");
        RawHttp.Response response = RawHttp.exchange(base, request);
        assertEquals(200, response.status());
        assertEquals("caf\u00e9", response.text());
    }
}
