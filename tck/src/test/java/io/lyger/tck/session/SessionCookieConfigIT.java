package io.lyger.tck.session;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.TreeSet;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.SetCookie;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.SessionCookieConfig;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code <session-config>} of web.xml: cookie name, path, flags, max age, attributes, timeout, COOKIE tracking only. */
@ExtendWith(ArquillianExtension.class)
class SessionCookieConfigIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "session-cookieconfig.war")
            .addClasses(SessionProbe.class, TextServlet.class, KeyValues.class, Config.class)
            .setWebXML(WebXml.webApp().xml("""
                <session-config>
                    <session-timeout>15</session-timeout>
                    <cookie-config>
                      <name>LYGERSID</name>
                      <path>/</path>
                      <http-only>true</http-only>
                      <secure>true</secure>
                      <max-age>600</max-age>
                      <attribute><attribute-name>SameSite</attribute-name><attribute-value>Strict</attribute-value></attribute>
                    </cookie-config>
                    <tracking-mode>COOKIE</tracking-mode>
                  </session-config>""").asset());
    }

    @ArquillianResource
    URL base;

    @WebServlet("/config")
    public static class Config extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            SessionCookieConfig config = getServletContext().getSessionCookieConfig();
            return new KeyValues().put("name", config.getName()).put("path", config.getPath())
                .put("httpOnly", config.isHttpOnly()).put("secure", config.isSecure()).put("maxAge", config.getMaxAge())
                .put("sameSite", config.getAttribute("SameSite"))
                .put("modes", new TreeSet<>(getServletContext().getEffectiveSessionTrackingModes()))
                .put("timeout", getServletContext().getSessionTimeout())
                .toString();
        }
    }

    private Probe created()
    {
        return Probe.get(base, "create=true", null);
    }

    @Test
    void cookieHasTheConfiguredName()
    {
        Probe probe = created();
        assertTrue(probe.cookie("LYGERSID").value().startsWith(probe.session()));
        assertNull(SetCookie.named(probe.response(), "JSESSIONID"));
    }

    @Test
    void cookieHasTheConfiguredPath()
    {
        assertEquals("/", created().cookie("LYGERSID").attribute("Path"));
    }

    @Test
    void cookieIsHttpOnlyAndSecure()
    {
        SetCookie cookie = created().cookie("LYGERSID");
        assertTrue(cookie.has("HttpOnly"), cookie.toString());
        assertTrue(cookie.has("Secure"), cookie.toString());
    }

    @Test
    void cookieHasTheConfiguredMaxAge()
    {
        SetCookie cookie = created().cookie("LYGERSID");
        assertEquals("600", cookie.attribute("Max-Age"), cookie.toString());
    }

    @Test
    void cookieHasTheConfiguredSameSiteAttribute()
    {
        SetCookie cookie = created().cookie("LYGERSID");
        assertEquals("strict", String.valueOf(cookie.attribute("SameSite")).toLowerCase(), cookie.toString());
    }

    @Test
    void sessionCookieConfigReflectsTheDescriptor()
    {
        HttpResponse<String> response = Http.get(base, "config");
        assertEquals("name=LYGERSID\npath=/\nhttpOnly=true\nsecure=true\nmaxAge=600\nsameSite=Strict\nmodes=[COOKIE]\ntimeout=15\n",
            response.body());
    }

    @Test
    void configuredCookieNameResumesTheSession()
    {
        Probe probe = created();
        Probe again = Probe.get(base, "create=false", probe.cookie("LYGERSID").pair());
        assertEquals(probe.session(), again.session());
        assertEquals("true", again.value("fromCookie"));
    }

    @Test
    void defaultCookieNameIsNotRecognised()
    {
        Probe probe = created();
        Probe again = Probe.get(base, "create=false", "JSESSIONID=" + probe.cookie("LYGERSID").value());
        assertEquals("null", again.session());
    }

    @Test
    void sessionTimeoutInMinutesBecomesTheIntervalInSeconds()
    {
        assertEquals("900", created().value("interval"));
    }

    @Test
    void cookieOnlyTrackingNeverEncodesUrls()
    {
        Probe probe = created();
        assertEquals("page", probe.value("encoded"), "COOKIE tracking only: a new session is not put in URLs");
    }
}
