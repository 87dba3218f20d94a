package io.lyger.tck.cookies;

import java.io.IOException;
import java.net.URL;
import java.util.List;

import io.lyger.tck.support.RawHttp;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SessionCookieConfig set by a ServletContextListener, and frozen once the context is initialised. */
@ExtendWith(ArquillianExtension.class)
class ProgrammaticSessionCookieIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "cookies-session-programmatic.war").addClasses(Configure.class, NewSession.class);
    }

    @ArquillianResource
    URL base;

    @WebListener
    public static class Configure implements ServletContextListener
    {
        @Override
        public void contextInitialized(ServletContextEvent event)
        {
            SessionCookieConfig config = event.getServletContext().getSessionCookieConfig();
            config.setName("PROGSESSION");
            config.setSecure(true);
            config.setHttpOnly(false);
            config.setDomain("example.net");
            config.setAttribute("SameSite", "Strict");
        }
    }

    /** Creates a session; then tries to rename the session cookie, too late (its outcome after the id). */
    @WebServlet("/session")
    public static class NewSession extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            String late;
            try
            {
                request.getServletContext().getSessionCookieConfig().setName("LATE");
                late = "changed";
            }
            catch (IllegalStateException x)
            {
                late = "IllegalStateException";
            }
            response.getWriter().print(request.getSession(true).getId() + " " + late);
        }
    }

    private RawHttp.Response session()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "session"));
        assertEquals(200, response.status(), response.text());
        return response;
    }

    @Test
    void nameFromTheListener()
    {
        RawHttp.Response response = session();
        assertTrue(single(response).get(0).startsWith("PROGSESSION=" + response.text().split(" ")[0]), single(response).get(0));
    }

    /** Secure is sent as configured even over plain HTTP (the container does not second-guess it). */
    @Test
    void secureFromTheListener()
    {
        assertEquals("", attribute(single(session()), "Secure"));
    }

    @Test
    void domainAndSameSiteFromTheListener()
    {
        List<String> cookie = single(session());
        assertEquals("example.net", attribute(cookie, "Domain"));
        assertEquals("Strict", attribute(cookie, "SameSite"));
        assertEquals(null, attribute(cookie, "HttpOnly"));
    }

    /** The path defaults to the context path. */
    @Test
    void pathDefaultsToTheContextPath()
    {
        assertEquals("/cookies-session-programmatic", attribute(single(session()), "Path"));
    }

    /** After the context is initialised, SessionCookieConfig setters throw IllegalStateException. */
    @Test
    void configIsFrozenAfterInitialisation()
    {
        RawHttp.Response response = session();
        assertEquals("IllegalStateException", response.text().split(" ")[1]);
        assertEquals("PROGSESSION", single(response).get(0).split("=")[0]);
    }
}
