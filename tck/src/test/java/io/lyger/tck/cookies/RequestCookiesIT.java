package io.lyger.tck.cookies;

import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
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
 * Cookies a request carries (HttpServletRequest#getCookies), parsed under Jetty's default RFC 6265 cookie compliance:
 * several cookies and headers, values with '=' or quotes, invalid ones dropped.
 */
@ExtendWith(ArquillianExtension.class)
class RequestCookiesIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "cookies-request.war").addClasses(TextServlet.class, Cookies.class, Echo.class);
    }

    @ArquillianResource
    URL base;

    /** getCookies as {@code name=[value]} joined with spaces, "null" when there are none. */
    @WebServlet("/cookies")
    public static class Cookies extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            Cookie[] cookies = request.getCookies();
            if (cookies == null)
                return "null";
            StringBuilder text = new StringBuilder();
            for (Cookie cookie : cookies)
                text.append(text.length() == 0 ? "" : " ").append(cookie.getName()).append("=[").append(cookie.getValue()).append(']');
            return text.toString();
        }
    }

    /** Sets cookie {@code ?name=value}; answers what came back in the request. */
    @WebServlet("/echo")
    public static class Echo extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            String set = request.getParameter("set");
            if (set != null)
                response.addCookie(new Cookie(set.substring(0, set.indexOf('=')), set.substring(set.indexOf('=') + 1)));
            return String.valueOf(request.getHeader("Cookie"));
        }
    }

    private String cookies(String... cookieHeaderLines)
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "cookies", cookieHeaderLines));
        assertEquals(200, response.status(), response.text());
        return response.text();
    }

    @Test
    void noCookiesIsNull()
    {
        assertEquals("null", cookies());
    }

    @Test
    void oneCookie()
    {
        assertEquals("session=[abc123]", cookies("Cookie: session=abc123"));
    }

    @Test
    void severalCookiesInOneHeaderInOrder()
    {
        assertEquals("a=[1] b=[2] c=[3]", cookies("Cookie: a=1; b=2; c=3"));
    }

    /** Several Cookie lines (HTTP/1.1 clients should send one, RFC 6265 §5.4) are all read. */
    @Test
    void severalCookieHeaders()
    {
        assertEquals("a=[1] b=[2]", cookies("Cookie: a=1", "Cookie: b=2"));
    }

    @Test
    void sameNameTwiceKeepsBoth()
    {
        assertEquals("x=[first] x=[second]", cookies("Cookie: x=first; x=second"));
    }

    @Test
    void valueMayContainEqualsSigns()
    {
        assertEquals("token=[a=b==]", cookies("Cookie: token=a=b=="));
    }

    @Test
    void emptyValue()
    {
        assertEquals("empty=[] after=[1]", cookies("Cookie: empty=; after=1"));
    }

    /** RFC 6265 §4.1.1 lets a value be quoted; Jetty's RFC6265 compliance hands the value over without the quotes. */
    @Test
    void quotedValueLosesItsQuotes()
    {
        assertEquals("q=[quoted] r=[2]", cookies("Cookie: q=\"quoted\"; r=2"));
    }

    /** Optional whitespace around the separators is ignored. */
    @Test
    void whitespaceAroundSeparators()
    {
        assertEquals("a=[1] b=[2]", cookies("Cookie:   a=1 ;  b=2  "));
    }

    /** A pair whose name is not a token is dropped; the valid ones around it stay (INVALID_COOKIES allowed). */
    @Test
    void invalidCookieIsDroppedOthersKept()
    {
        assertEquals("good=[1] also=[3]", cookies("Cookie: good=1; b(a)d=2; also=3"));
    }

    /** A control character is not allowed in a field value at all (RFC 9110 §5.5): the request is rejected. */
    @Test
    void controlCharacterInTheCookieHeaderIs400()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "cookies", "Cookie: good=1; bad\u0001name=2"));
        assertEquals(400, response.status());
    }

    @Test
    void valueWithUrlEncodingIsNotDecoded()
    {
        assertEquals("enc=[a%20b%3D]", cookies("Cookie: enc=a%20b%3D"));
    }

    /** A cookie set by a response comes back from a client that keeps cookies. */
    @Test
    void clientSendsBackWhatWasSet()
    {
        Http.Session session = Http.session();
        HttpResponse<String> first = session.get(base, "echo?set=kept%3Dvalue1");
        assertEquals("null", first.body());
        HttpResponse<String> second = session.get(base, "echo");
        assertEquals("kept=value1", second.body());
    }
}
