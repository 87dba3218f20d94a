package io.lyger.tck.session;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.annotation.WebListener;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * URL rewriting: tracking modes set to URL alone (and the session timeout) by a ServletContextListener, the session
 * id in {@code ;jsessionid=} path parameters, encodeURL and encodeRedirectURL.
 */
@ExtendWith(ArquillianExtension.class)
class SessionTrackingModeIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "session-urltracking.war")
            .addClasses(SessionProbe.class, TextServlet.class, KeyValues.class, UrlOnly.class, Encode.class);
    }

    @ArquillianResource
    URL base;

    @WebListener
    public static class UrlOnly implements ServletContextListener
    {
        @Override
        public void contextInitialized(ServletContextEvent event)
        {
            event.getServletContext().setSessionTrackingModes(EnumSet.of(SessionTrackingMode.URL));
            event.getServletContext().setSessionTimeout(3);
        }
    }

    /** Creates a session and encodes the URLs given as {@code u} parameters, with encodeURL and encodeRedirectURL. */
    @WebServlet("/encode")
    public static class Encode extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            KeyValues out = new KeyValues().put("session", request.getSession(true).getId())
                .put("modes", new TreeSet<>(getServletContext().getEffectiveSessionTrackingModes()));
            String[] urls = request.getParameterValues("u");
            for (int i = 0; i < urls.length; i++)
                out.put("url" + i, response.encodeURL(urls[i])).put("redirect" + i, response.encodeRedirectURL(urls[i]));
            return out.toString();
        }
    }

    /** {@code path;jsessionid=<id>query}; the id may carry Jetty's {@code .<worker>} suffix, as its cookie does. */
    private static void assertEncoded(String path, String id, String query, String encoded)
    {
        assertTrue(encoded != null && encoded.matches(Pattern.quote(path + ";jsessionid=" + id) + "(\\.\\w+)?" + Pattern.quote(query)),
            "expected " + path + ";jsessionid=" + id + "[.worker]" + query + " but was " + encoded);
    }

    private static String encode(String text)
    {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void urlTrackingSendsNoCookie()
    {
        Probe probe = Probe.get(base, "create=true", null);
        assertTrue(probe.response().headers().allValues("Set-Cookie").isEmpty(), probe.response().headers().toString());
    }

    @Test
    void effectiveModesAreTheProgrammaticOnes()
    {
        assertEquals("[URL]", KeyValues.parse(Http.get(base, "encode?u=x").body()).get("modes"));
    }

    @Test
    void encodeUrlAppendsTheSessionId()
    {
        Probe probe = Probe.get(base, "create=true", null);
        assertEncoded("page", probe.session(), "", probe.value("encoded"));
    }

    @Test
    void encodeUrlPutsTheIdBeforeTheQuery()
    {
        var values = KeyValues.parse(Http.get(base, "encode?u=" + encode("list?a=1&b=2")).body());
        assertEncoded("list", values.get("session"), "?a=1&b=2", values.get("url0"));
    }

    @Test
    void encodeRedirectUrlAppendsTheSessionIdToo()
    {
        var values = KeyValues.parse(Http.get(base, "encode?u=" + encode("/session-urltracking/next")).body());
        assertEncoded("/session-urltracking/next", values.get("session"), "", values.get("redirect0"));
    }

    @Test
    void staleSessionIdInTheUrlIsReplacedByTheCurrentOne()
    {
        var values = KeyValues.parse(Http.get(base, "encode?u=" + encode("page;jsessionid=stale")).body());
        assertEncoded("page", values.get("session"), "", values.get("url0"));
    }

    @Test
    void jsessionidPathParameterResumesTheSession()
    {
        Probe probe = Probe.get(base, "create=true&set=a:1", null);
        HttpResponse<String> response = Http.get(base, "session;jsessionid=" + probe.session() + "?create=false");
        var values = KeyValues.parse(response.body());
        assertEquals(probe.session(), values.get("session"));
        assertEquals("{a=1}", values.get("attributes"));
        assertEquals("true", values.get("fromURL"));
        assertEquals("false", values.get("fromCookie"));
        assertEquals("true", values.get("valid"));
    }

    @Test
    void cookieIsIgnoredWhenOnlyUrlTrackingIsOn()
    {
        Probe probe = Probe.get(base, "create=true", null);
        assertEquals("null", Probe.get(base, "create=false", "JSESSIONID=" + probe.session()).session());
    }

    @Test
    void programmaticSessionTimeoutApplies()
    {
        assertEquals("180", Probe.get(base, "create=true", null).value("interval"));
    }
}
