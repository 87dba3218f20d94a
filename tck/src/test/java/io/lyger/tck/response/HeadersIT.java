package io.lyger.tck.response;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.lyger.tck.response.Scripts.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Response headers: setHeader/addHeader and their int and date forms, containsHeader, getHeader(s), after the commit. */
@ExtendWith(ArquillianExtension.class)
class HeadersIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return Scripts.archive("response-headers.war");
    }

    @ArquillianResource
    URL base;

    private RawHttp.Response raw(String... steps)
    {
        return Scripts.ok(base, steps);
    }

    private static String notes(RawHttp.Response response)
    {
        return response.header("X-Notes");
    }

    @Test
    void addHeaderAppendsFieldsInOrder()
    {
        assertEquals(List.of("1", "2", "3"), raw("add:X-Multi:1", "add:X-Multi:2", "add:x-multi:3").headers("X-Multi"));
    }

    @Test
    void setHeaderReplacesEveryValue()
    {
        assertEquals(List.of("only"), raw("add:X-Multi:1", "add:X-Multi:2", "set:X-MULTI:only").headers("X-Multi"));
    }

    @Test
    void setHeaderNullRemoves()
    {
        RawHttp.Response response = raw("set:X-Gone:1", "set:X-Gone", "contains:X-Gone");
        assertNull(response.header("X-Gone"));
        assertEquals("contains=false", notes(response));
    }

    @Test
    void intHeaders()
    {
        RawHttp.Response response = raw("int:X-Int:42", "add-int:X-Ints:1", "add-int:X-Ints:-2");
        assertEquals("42", response.header("X-Int"));
        assertEquals(List.of("1", "-2"), response.headers("X-Ints"));
    }

    /** Dates are sent in IMF-fixdate (RFC 9110 §5.6.7). */
    @Test
    void dateHeaders()
    {
        long millis = ZonedDateTime.of(2015, 10, 21, 7, 28, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
        RawHttp.Response response = raw("date:X-Date:" + millis, "add-date:X-Dates:0", "add-date:X-Dates:" + millis);
        assertEquals("Wed, 21 Oct 2015 07:28:00 GMT", response.header("X-Date"));
        assertEquals(List.of("Thu, 01 Jan 1970 00:00:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT"), response.headers("X-Dates"));
    }

    @Test
    void containsHeaderIsCaseInsensitive()
    {
        assertEquals("contains=true | contains=false", notes(raw("set:X-Case:1", "contains:x-CASE", "contains:X-Other")));
    }

    @Test
    void getHeaderAndGetHeaders()
    {
        assertEquals("header=a | headers=a,b | header=null",
            notes(raw("add:X-Two:a", "add:X-Two:b", "header:x-two", "headers:X-Two", "header:X-None")));
    }

    @Test
    void getHeaderNames()
    {
        String notes = notes(raw("set:X-One:1", "add:X-Two:2", "add:X-Two:3", "names"));
        assertTrue(notes.startsWith("names="), notes);
        List<String> names = List.of(notes.substring("names=".length()).split(","));
        assertTrue(names.contains("x-one") && names.contains("x-two"), names.toString());
    }

    /** Header changes once the response is committed are ignored. */
    @Test
    void headersAfterTheCommitAreIgnored()
    {
        RawHttp.Response response = raw("set:X-Early:1", "write:x", "flush", "set:X-Late:1", "add:X-Early:2", "int:X-Int:1");
        assertEquals(List.of("1"), response.headers("X-Early"));
        assertNull(response.header("X-Late"));
        assertNull(response.header("X-Int"));
    }

    /** Setting Content-Type as a header is setContentType. */
    @Test
    void contentTypeAsAHeader()
    {
        RawHttp.Response response = raw("set:Content-Type:text/x-tck;charset=UTF-8", "content-type", "write:\u00e9");
        assertEquals("content-type=text/x-tck;charset=UTF-8", notes(response));
        assertEquals("text/x-tck;charset=UTF-8", response.header("Content-Type"));
        assertEquals("\u00e9", response.text());
    }

    /** Setting Content-Length as a header frames the body. */
    @Test
    void contentLengthAsAHeader()
    {
        RawHttp.Response response = raw("set:Content-Length:5", "write:hello");
        assertEquals("5", response.header("Content-Length"));
        assertEquals("hello", response.text());
    }

    /** Jetty sends Date itself; the configuration turns Server and X-Powered-By off. */
    @Test
    void dateButNoServerHeader()
    {
        RawHttp.Response response = raw("write:x");
        assertNotNull(response.header("Date"));
        assertNull(response.header("Server"));
        assertNull(response.header("X-Powered-By"));
    }

    /** A value with CR LF must not split the header section (response splitting): the injected line is no header. */
    @Test
    void crlfInAValueDoesNotInjectAHeader()
    {
        HttpResponse<String> response = Http.get(base, steps("set:X-Split:a\r\nX-Injected: yes", "write:body"));
        assertTrue(response.headers().firstValue("X-Injected").isEmpty(), response.headers().toString());
    }

    /** Header names and values are sent as given (names keep their case). */
    @Test
    void namesKeepTheirCase()
    {
        RawHttp.Response response = raw("set:X-MiXeD-CaSe:Value With  Spaces");
        assertTrue(response.headers().stream().anyMatch(h -> h.getKey().equals("X-MiXeD-CaSe")), response.headers().toString());
        assertEquals("Value With  Spaces", response.header("x-mixed-case"));
    }

    @Test
    void emptyValueIsSent()
    {
        RawHttp.Response response = raw("set:X-Empty:");
        assertTrue(response.headers().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("X-Empty")), response.headers().toString());
        assertEquals("", response.header("X-Empty"));
    }

    @Test
    void noHeadersAfterTheServletClosedTheOutput()
    {
        RawHttp.Response response = raw("write:done", "close", "set:X-After:1");
        assertFalse(response.headers().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("X-After")));
        assertEquals("done", response.text());
    }
}
