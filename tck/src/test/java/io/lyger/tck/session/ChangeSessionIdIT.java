package io.lyger.tck.session;

import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
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

/** HttpServletRequest.changeSessionId: a new id, the same session and attributes, a new cookie, the listener told. */
@ExtendWith(ArquillianExtension.class)
class ChangeSessionIdIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "session-changeid.war")
            .addClasses(SessionProbe.class, TextServlet.class, KeyValues.class, EventLog.class, EventLog.Events.class,
                IdListener.class, WithoutSession.class);
    }

    @ArquillianResource
    URL base;

    @WebListener
    public static class IdListener implements HttpSessionIdListener
    {
        @Override
        public void sessionIdChanged(HttpSessionEvent event, String oldSessionId)
        {
            EventLog.add("ids", oldSessionId + "->" + event.getSession().getId());
        }
    }

    @WebServlet("/without-session")
    public static class WithoutSession extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            return result(request::changeSessionId);
        }
    }

    @Test
    void changeSessionIdReturnsTheNewIdOfTheSameSession()
    {
        Probe created = Probe.get(base, "create=true", null);
        Probe changed = Probe.get(base, "create=false&change", created.cookie("JSESSIONID").pair());
        assertEquals(created.session(), changed.value("old"));
        assertNotEquals(created.session(), changed.value("changed"));
        assertEquals(changed.value("changed"), changed.session(), "getId() is the new id");
        assertEquals(created.value("created"), changed.value("created"), "the same session, not a new one");
    }

    @Test
    void attributesAreKeptUnderTheNewId()
    {
        Probe created = Probe.get(base, "create=true&set=user:alice&set=role:admin", null);
        Probe changed = Probe.get(base, "create=false&change", created.cookie("JSESSIONID").pair());
        assertEquals("{role=admin, user=alice}", changed.value("attributes"));
        Probe later = Probe.get(base, "create=false", changed.cookie("JSESSIONID").pair());
        assertEquals(changed.value("changed"), later.session());
        assertEquals("{role=admin, user=alice}", later.value("attributes"));
    }

    @Test
    void newIdIsSentInACookie()
    {
        Probe created = Probe.get(base, "create=true", null);
        Probe changed = Probe.get(base, "create=false&change", created.cookie("JSESSIONID").pair());
        assertTrue(changed.cookie("JSESSIONID").value().startsWith(changed.value("changed")), changed.cookie("JSESSIONID").toString());
        assertEquals("/session-changeid", changed.cookie("JSESSIONID").attribute("Path"));
    }

    @Test
    void oldIdNoLongerFindsTheSession()
    {
        Probe created = Probe.get(base, "create=true&set=a:1", null);
        String oldCookie = created.cookie("JSESSIONID").pair();
        Probe.get(base, "create=false&change", oldCookie);
        Probe old = Probe.get(base, "create=false", oldCookie);
        assertEquals("null", old.session());
        assertEquals("false", old.value("valid"));
    }

    @Test
    void changeWithoutASessionThrowsIllegalState()
    {
        HttpResponse<String> response = Http.get(base, "without-session");
        assertEquals("!IllegalStateException", response.body());
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty());
    }

    @Test
    void sessionIdListenerIsToldTheOldAndNewIds()
    {
        Probe created = Probe.get(base, "create=true", null);
        Probe changed = Probe.get(base, "create=false&change", created.cookie("JSESSIONID").pair());
        String expected = created.session() + "->" + changed.value("changed");
        String events = EventLog.await(base, "ids", expected);
        assertTrue(events.contains(expected), events);
    }

    @Test
    void changingTwiceGivesThreeDistinctIds()
    {
        Probe created = Probe.get(base, "create=true&set=a:1", null);
        Probe first = Probe.get(base, "create=false&change", created.cookie("JSESSIONID").pair());
        Probe second = Probe.get(base, "create=false&change", first.cookie("JSESSIONID").pair());
        assertEquals(first.value("changed"), second.value("old"));
        assertNotEquals(created.session(), second.value("changed"));
        assertNotEquals(first.value("changed"), second.value("changed"));
        assertEquals("{a=1}", second.value("attributes"));
    }
}
