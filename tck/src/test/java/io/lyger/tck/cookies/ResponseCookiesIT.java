package io.lyger.tck.cookies;

import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.lyger.tck.support.RawHttp;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.lyger.tck.cookies.CookieJar.attribute;
import static io.lyger.tck.cookies.CookieJar.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Set-Cookie from Cookie objects (addCookie): each attribute, several cookies, what is refused, after the commit. */
@ExtendWith(ArquillianExtension.class)
class ResponseCookiesIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "cookies-response.war").addClasses(SetCookies.class, Session.class);
    }

    @ArquillianResource
    URL base;

    /**
     * Each {@code c} parameter is one cookie to add: {@code name=value} then {@code ;}-separated attributes: Path,
     * Domain, Max-Age, Secure, HttpOnly, Comment, Version go to their setters, any other to setAttribute (a bare name
     * with ""). {@code commit} flushes the response first. Failures are listed in header X-Errors.
     */
    @WebServlet("/set")
    public static class SetCookies extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/plain");
            if (request.getParameter("commit") != null)
            {
                response.getWriter().print("committed");
                response.flushBuffer();
            }
            List<String> errors = new ArrayList<>();
            String[] specs = request.getParameterValues("c");
            for (String spec : specs == null ? new String[0] : specs)
            {
                try
                {
                    response.addCookie(cookie(spec));
                }
                catch (RuntimeException x)
                {
                    errors.add(x.getClass().getSimpleName());
                }
            }
            if (!errors.isEmpty())
                response.setHeader("X-Errors", String.join(",", errors));
        }

        @SuppressWarnings("deprecation")
        private static Cookie cookie(String spec)
        {
            String[] parts = spec.split(";");
            int equals = parts[0].indexOf('=');
            Cookie cookie = new Cookie(parts[0].substring(0, equals), parts[0].substring(equals + 1));
            for (int i = 1; i < parts.length; i++)
            {
                String[] pair = parts[i].split("=", 2);
                String value = pair.length > 1 ? pair[1] : "";
                switch (pair[0])
                {
                    case "Path" -> cookie.setPath(value);
                    case "Domain" -> cookie.setDomain(value);
                    case "Max-Age" -> cookie.setMaxAge(Integer.parseInt(value));
                    case "Secure" -> cookie.setSecure(true);
                    case "HttpOnly" -> cookie.setHttpOnly(true);
                    case "Comment" -> cookie.setComment(value);
                    case "Version" -> cookie.setVersion(Integer.parseInt(value));
                    default -> cookie.setAttribute(pair[0], value);
                }
            }
            return cookie;
        }
    }

    /** Creates a session with the default session cookie configuration. */
    @WebServlet("/session")
    public static class Session extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print(request.getSession(true).getId());
        }
    }

    private RawHttp.Response set(String... cookies)
    {
        StringBuilder query = new StringBuilder("set");
        for (int i = 0; i < cookies.length; i++)
            query.append(i == 0 ? '?' : '&').append("c=").append(URLEncoder.encode(cookies[i], StandardCharsets.UTF_8));
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, query.toString()));
        assertEquals(200, response.status(), response.text());
        return response;
    }

    @Test
    void nameAndValue()
    {
        List<String> cookie = single(set("plain=value1"));
        assertEquals("plain=value1", cookie.get(0));
        assertEquals(1, cookie.size(), "no attributes: " + cookie);
    }

    @Test
    void path()
    {
        assertEquals("/cookies-response/app", attribute(single(set("p=1;Path=/cookies-response/app")), "Path"));
    }

    /** Cookie#setDomain lower-cases the domain. */
    @Test
    void domain()
    {
        assertEquals("example.com", attribute(single(set("d=1;Domain=Example.COM")), "Domain"));
    }

    /** Max-Age as given; Jetty adds the equivalent Expires for old clients. */
    @Test
    void positiveMaxAge()
    {
        List<String> cookie = single(set("m=1;Max-Age=3600"));
        assertEquals("3600", attribute(cookie, "Max-Age"));
        String expires = attribute(cookie, "Expires");
        assertNotNull(expires, cookie.toString());
        Instant when = ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration ahead = Duration.between(Instant.now(), when);
        assertTrue(ahead.toMinutes() >= 55 && ahead.toMinutes() <= 65, "Expires " + expires);
    }

    /** Max-Age 0 deletes the cookie: it expires at once (Jetty: Expires at the epoch, or Max-Age=0). */
    @Test
    void zeroMaxAgeDeletes()
    {
        List<String> cookie = single(set("gone=;Max-Age=0"));
        String maxAge = attribute(cookie, "Max-Age");
        String expires = attribute(cookie, "Expires");
        boolean deleted = "0".equals(maxAge)
            || expires != null && ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(Instant.now());
        assertTrue(deleted, cookie.toString());
    }

    /** A negative Max-Age (the default) is a session cookie: neither Max-Age nor Expires. */
    @Test
    void negativeMaxAgeIsASessionCookie()
    {
        List<String> cookie = single(set("s=1;Max-Age=-1"));
        assertNull(attribute(cookie, "Max-Age"));
        assertNull(attribute(cookie, "Expires"));
    }

    @Test
    void secure()
    {
        assertEquals("", attribute(single(set("s=1;Secure")), "Secure"));
    }

    @Test
    void httpOnly()
    {
        assertEquals("", attribute(single(set("h=1;HttpOnly")), "HttpOnly"));
    }

    /** SameSite through Cookie#setAttribute (Servlet 6.0). */
    @Test
    void sameSiteAttribute()
    {
        assertEquals("Strict", attribute(single(set("ss=1;SameSite=Strict")), "SameSite"));
        assertEquals("None", attribute(single(set("ss=1;SameSite=None;Secure")), "SameSite"));
    }

    /** Partitioned (CHIPS) as an attribute with an empty value: a flag. */
    @Test
    void partitionedAttribute()
    {
        List<String> cookie = single(set("chips=1;Secure;Partitioned"));
        assertEquals("", attribute(cookie, "Partitioned"));
        assertEquals("", attribute(cookie, "Secure"));
    }

    @Test
    void customAttribute()
    {
        assertEquals("High", attribute(single(set("pr=1;Priority=High")), "Priority"));
    }

    @Test
    void everyAttributeAtOnce()
    {
        List<String> cookie = single(set("all=v;Path=/p;Domain=example.org;Max-Age=60;Secure;HttpOnly;SameSite=Lax"));
        assertEquals("all=v", cookie.get(0));
        assertEquals("/p", attribute(cookie, "Path"));
        assertEquals("example.org", attribute(cookie, "Domain"));
        assertEquals("60", attribute(cookie, "Max-Age"));
        assertEquals("", attribute(cookie, "Secure"));
        assertEquals("", attribute(cookie, "HttpOnly"));
        assertEquals("Lax", attribute(cookie, "SameSite"));
    }

    /** Comment and Version are deprecated and have no effect (Servlet 6.0): RFC 6265 has no such attributes. */
    @Test
    void commentAndVersionAreNotSent()
    {
        List<String> cookie = single(set("old=1;Comment=hello;Version=1"));
        assertNull(attribute(cookie, "Comment"));
        assertNull(attribute(cookie, "Version"));
    }

    @Test
    void severalCookiesAreSeveralHeadersInOrder()
    {
        List<List<String>> cookies = CookieJar.setCookies(set("one=1", "two=2", "three=3"));
        assertEquals(List.of("one=1", "two=2", "three=3"), cookies.stream().map(c -> c.get(0)).toList());
    }

    /** A name that is not a token is refused by the Cookie constructor (IllegalArgumentException). */
    @Test
    void invalidNameIsRefused()
    {
        RawHttp.Response response = set("bad name=1", "ok=1");
        assertEquals("IllegalArgumentException", response.header("X-Errors"));
        assertEquals(List.of("ok=1"), CookieJar.setCookies(response).stream().map(c -> c.get(0)).toList());
    }

    @Test
    void cookiesAfterTheCommitAreIgnored()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "set?commit=1&c=late%3D1"));
        assertEquals("committed", response.text());
        assertTrue(response.headers("Set-Cookie").isEmpty(), response.headers().toString());
    }

    /** The default session cookie: JSESSIONID (its value the id, Jetty appends ".node0", its worker), the context path. */
    @Test
    void defaultSessionCookie()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "session"));
        List<String> cookie = single(response);
        assertTrue(cookie.get(0).startsWith("JSESSIONID=" + response.text()), cookie.get(0));
        assertEquals("/cookies-response", attribute(cookie, "Path"));
    }
}
