package io.lyger.tck.session;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** invalidate(): the session is gone in this request and the next ones, its methods throw IllegalStateException. */
@ExtendWith(ArquillianExtension.class)
class SessionInvalidationIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "session-invalidation.war")
            .addClasses(SessionProbe.class, TextServlet.class, KeyValues.class, AfterInvalidate.class);
    }

    @ArquillianResource
    URL base;

    /** Invalidates a session with an attribute, then calls each method of the invalidated session. */
    @WebServlet("/after-invalidate")
    public static class AfterInvalidate extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            HttpSession session = request.getSession(true);
            session.setAttribute("a", "1");
            String id = session.getId();
            session.invalidate();
            return new KeyValues()
                .put("getAttribute", result(() -> session.getAttribute("a")))
                .put("getAttributeNames", result(() -> session.getAttributeNames().hasMoreElements()))
                .put("setAttribute", result(() -> {
                    session.setAttribute("b", "2");
                    return "done";
                }))
                .put("removeAttribute", result(() -> {
                    session.removeAttribute("a");
                    return "done";
                }))
                .put("getCreationTime", result(session::getCreationTime))
                .put("getLastAccessedTime", result(session::getLastAccessedTime))
                .put("isNew", result(session::isNew))
                .put("invalidate", result(() -> {
                    session.invalidate();
                    return "done";
                }))
                .put("getId", result(() -> id.equals(session.getId())))
                .put("getSession(false)", request.getSession(false))
                .put("newSession", result(() -> !request.getSession(true).getId().equals(id)))
                .toString();
        }
    }

    private Map<String, String> afterInvalidate()
    {
        HttpResponse<String> response = Http.get(base, "after-invalidate");
        assertEquals(200, response.statusCode(), response.body());
        return KeyValues.parse(response.body());
    }

    @Test
    void getSessionFalseIsNullRightAfterInvalidate()
    {
        Probe probe = Probe.get(base, "create=true&set=a:1&invalidate", null);
        assertNotEquals("null", probe.value("invalidated"));
        assertEquals("null", probe.session());
    }

    @Test
    void oldCookieFindsNoSessionAfterInvalidate()
    {
        Probe created = Probe.get(base, "create=true&set=a:1", null);
        String cookie = created.cookie("JSESSIONID").pair();
        Probe.get(base, "create=false&invalidate", cookie);
        Probe after = Probe.get(base, "create=false", cookie);
        assertEquals("null", after.session());
        assertEquals("false", after.value("valid"));
        assertTrue(after.value("requested").startsWith(created.session()), "still requested: " + after.value("requested"));
    }

    @Test
    void newSessionAfterInvalidateHasNewIdAndNoAttributes()
    {
        Probe created = Probe.get(base, "create=true&set=a:1", null);
        String cookie = created.cookie("JSESSIONID").pair();
        Probe.get(base, "create=false&invalidate", cookie);
        Probe fresh = Probe.get(base, "create=true", cookie);
        assertNotEquals(created.session(), fresh.session());
        assertEquals("true", fresh.value("new"));
        assertEquals("{}", fresh.value("attributes"));
        assertTrue(fresh.cookie("JSESSIONID").value().startsWith(fresh.session()), "the new id is sent as a cookie");
    }

    @Test
    void invalidateThenCreateInOneRequestGivesAnotherSession()
    {
        assertEquals("true", afterInvalidate().get("newSession"));
    }

    @Test
    void getSessionFalseInTheSameRequestIsNull()
    {
        assertEquals("null", afterInvalidate().get("getSession(false)"));
    }

    @Test
    void attributeAccessOnInvalidatedSessionThrowsIllegalState()
    {
        Map<String, String> values = afterInvalidate();
        assertEquals("!IllegalStateException", values.get("getAttribute"));
        assertEquals("!IllegalStateException", values.get("getAttributeNames"));
        assertEquals("!IllegalStateException", values.get("setAttribute"));
        assertEquals("!IllegalStateException", values.get("removeAttribute"));
    }

    @Test
    void timesAndIsNewOnInvalidatedSessionThrowIllegalState()
    {
        Map<String, String> values = afterInvalidate();
        assertEquals("!IllegalStateException", values.get("getCreationTime"));
        assertEquals("!IllegalStateException", values.get("getLastAccessedTime"));
        assertEquals("!IllegalStateException", values.get("isNew"));
    }

    @Test
    void invalidatingTwiceThrowsIllegalState()
    {
        assertEquals("!IllegalStateException", afterInvalidate().get("invalidate"));
    }
}
