package io.lyger.tck.cookies;

import java.io.IOException;
import java.net.URL;
import java.util.List;

import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.annotation.WebServlet;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session cookie as web.xml's {@code <session-config><cookie-config>} describes it. */
@ExtendWith(ArquillianExtension.class)
class SessionCookieConfigIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "cookies-session-config.war").addClasses(NewSession.class)
            .setWebXML(WebXml.webApp().xml("""
                <session-config>
                    <cookie-config>
                      <name>TCKSESSION</name>
                      <path>/cookies-session-config/app</path>
                      <http-only>true</http-only>
                      <max-age>600</max-age>
                      <attribute><attribute-name>SameSite</attribute-name><attribute-value>Lax</attribute-value></attribute>
                      <attribute><attribute-name>Priority</attribute-name><attribute-value>High</attribute-value></attribute>
                    </cookie-config>
                    <tracking-mode>COOKIE</tracking-mode>
                  </session-config>""").asset());
    }

    @ArquillianResource
    URL base;

    /** Creates (or finds) the session: its id, and whether it is new. */
    @WebServlet("/app/session")
    public static class NewSession extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            var session = request.getSession(true);
            response.getWriter().print(session.getId() + " " + session.isNew());
        }
    }

    private RawHttp.Response session(String... headerLines)
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "app/session", headerLines));
        assertEquals(200, response.status(), response.text());
        return response;
    }

    @Test
    void configuredName()
    {
        RawHttp.Response response = session();
        String id = response.text().split(" ")[0];
        // the value is the id (Jetty appends ".node0", the worker name)
        assertTrue(single(response).get(0).startsWith("TCKSESSION=" + id), single(response).get(0));
    }

    @Test
    void configuredPath()
    {
        assertEquals("/cookies-session-config/app", attribute(single(session()), "Path"));
    }

    @Test
    void configuredHttpOnly()
    {
        assertEquals("", attribute(single(session()), "HttpOnly"));
    }

    @Test
    void configuredMaxAge()
    {
        assertEquals("600", attribute(single(session()), "Max-Age"));
    }

    /** Servlet 6.0 {@code <attribute>}: SameSite and any other attribute. */
    @Test
    void configuredAttributes()
    {
        List<String> cookie = single(session());
        assertEquals("Lax", attribute(cookie, "SameSite"));
        assertEquals("High", attribute(cookie, "Priority"));
    }

    @Test
    void notSecureUnlessConfigured()
    {
        assertNull(attribute(single(session()), "Secure"));
    }

    /** The cookie sent back finds the session: the same id, not new, no new Set-Cookie. */
    @Test
    void cookieSentBackIdentifiesTheSession()
    {
        RawHttp.Response first = session();
        String id = first.text().split(" ")[0];
        RawHttp.Response second = session("Cookie: " + single(first).get(0));
        assertEquals(id + " false", second.text());
        assertTrue(second.headers("Set-Cookie").isEmpty(), second.headers().toString());
    }

    /** A cookie of the default name means nothing here. */
    @Test
    void defaultNameIsNotTheSessionCookie()
    {
        RawHttp.Response first = session();
        String id = first.text().split(" ")[0];
        RawHttp.Response second = session("Cookie: JSESSIONID=" + single(first).get(0).substring("TCKSESSION=".length()));
        assertTrue(second.text().endsWith(" true"), second.text());
        assertTrue(!second.text().startsWith(id), "a new session: " + second.text());
    }
}
