package io.lyger.tck.listener;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import io.lyger.tck.session.SessionProbe;
import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.SetCookie;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
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
 * HttpSessionListener (created; destroyed on invalidate and on timeout, attributes still readable),
 * HttpSessionAttributeListener, HttpSessionBindingListener (bound before the attribute listeners hear of it; unbound
 * on remove, replace and invalidate), HttpSessionIdListener. Events go under the session's id as it was created.
 * (HttpSessionActivationListener needs a passivating session store: the default in-memory one never passivates.)
 */
@ExtendWith(ArquillianExtension.class)
class SessionListenerIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "listener-session.war")
            .addClasses(KeyValues.class, TextServlet.class, EventLog.class, EventLog.Events.class, SessionProbe.class,
                SessionEvents.class, Tracker.class, Bind.class);
    }

    @ArquillianResource
    URL base;

    /** Records every session event under "s:" + the session's original id (kept in attribute "origin"). */
    @WebListener
    public static class SessionEvents implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener
    {
        static void record(HttpSession session, String event)
        {
            Object origin = session.getAttribute("origin");
            EventLog.add("s:" + (origin == null ? session.getId() : origin), event);
        }

        @Override
        public void sessionCreated(HttpSessionEvent event)
        {
            EventLog.add("s:" + event.getSession().getId(), "created");
            event.getSession().setAttribute("origin", event.getSession().getId());
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent event)
        {
            record(event.getSession(), "destroyed:a=" + event.getSession().getAttribute("a"));
        }

        @Override
        public void attributeAdded(HttpSessionBindingEvent event)
        {
            if (!event.getName().equals("origin"))
                record(event.getSession(), "added:" + event.getName() + "=" + event.getValue());
        }

        @Override
        public void attributeReplaced(HttpSessionBindingEvent event)
        {
            record(event.getSession(), "replaced:" + event.getName() + ":" + event.getValue() + "->" + event.getSession().getAttribute(event.getName()));
        }

        @Override
        public void attributeRemoved(HttpSessionBindingEvent event)
        {
            if (!event.getName().equals("origin"))
                record(event.getSession(), "removed:" + event.getName() + "=" + event.getValue());
        }

        @Override
        public void sessionIdChanged(HttpSessionEvent event, String oldSessionId)
        {
            record(event.getSession(), "id:" + oldSessionId + "->" + event.getSession().getId());
        }
    }

    /** A value that hears of its own binding. */
    public static class Tracker implements HttpSessionBindingListener
    {
        private final String label;

        public Tracker(String label)
        {
            this.label = label;
        }

        @Override
        public void valueBound(HttpSessionBindingEvent event)
        {
            SessionEvents.record(event.getSession(), "bound:" + label + " as " + event.getName());
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent event)
        {
            SessionEvents.record(event.getSession(), "unbound:" + label + " as " + event.getName());
        }

        @Override
        public String toString()
        {
            return "tracker " + label;
        }
    }

    /** Binds a Tracker labelled {@code label} as attribute {@code name}. */
    @WebServlet("/bind")
    public static class Bind extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            request.getSession().setAttribute(request.getParameter("name"), new Tracker(request.getParameter("label")));
            return "bound";
        }
    }

    /** A session of its own: its id and its cookie. */
    private record Client(String id, String cookie)
    {
    }

    private Client create(String query)
    {
        HttpResponse<String> response = Http.get(base, "session?create=true" + (query.isEmpty() ? "" : "&" + query));
        assertEquals(200, response.statusCode(), response.body());
        return new Client(KeyValues.parse(response.body()).get("session"), SetCookie.named(response, "JSESSIONID").pair());
    }

    private void get(Client client, String path)
    {
        assertEquals(200, Http.get(base, path, "Cookie", client.cookie()).statusCode());
    }

    private List<String> events(Client client, String until)
    {
        return List.of(EventLog.await(base, "s:" + client.id(), until).split(","));
    }

    @Test
    void sessionCreatedWhenTheSessionIs()
    {
        Client client = create("");
        assertEquals("created", events(client, "created").get(0));
    }

    @Test
    void noSessionNoEvent()
    {
        assertEquals(200, Http.get(base, "session?create=false").statusCode());
        assertEquals("", EventLog.after(base, "s:null", 50));
    }

    @Test
    void sessionDestroyedOnInvalidateWithAttributesStillReadable()
    {
        Client client = create("set=a:kept");
        get(client, "session?create=false&invalidate");
        assertTrue(events(client, "destroyed").contains("destroyed:a=kept"), events(client, "destroyed").toString());
    }

    @Test
    void sessionDestroyedOnTimeout() throws InterruptedException
    {
        Client client = create("interval=1&set=a:timed");
        Thread.sleep(2100);
        get(client, "session?create=false");
        List<String> events = events(client, "destroyed");
        assertTrue(events.contains("destroyed:a=timed"), events.toString());
    }

    @Test
    void attributeEventsCarryTheirValues()
    {
        Client client = create("set=a:1");
        get(client, "session?set=a:2");
        get(client, "session?remove=a");
        List<String> events = events(client, "removed:a");
        assertEquals(List.of("created", "added:a=1", "replaced:a:1->2", "removed:a=2"), events);
    }

    @Test
    void invalidationRemovesAttributesAfterDestroyed()
    {
        Client client = create("set=b:1");
        get(client, "session?invalidate");
        List<String> events = events(client, "removed:b");
        assertTrue(events.indexOf("destroyed:a=null") >= 0 && events.indexOf("destroyed:a=null") < events.indexOf("removed:b=1"),
            events.toString());
    }

    @Test
    void boundValueHearsOfItBeforeTheAttributeListeners()
    {
        Client client = create("");
        get(client, "bind?name=t&label=one");
        List<String> events = events(client, "added:t");
        assertEquals(List.of("created", "bound:one as t", "added:t=tracker one"), events);
    }

    @Test
    void removedValueIsUnbound()
    {
        Client client = create("");
        get(client, "bind?name=t&label=one");
        get(client, "session?remove=t");
        assertTrue(events(client, "unbound").contains("unbound:one as t"));
    }

    @Test
    void replacedValueIsUnboundAndTheNewOneBound()
    {
        Client client = create("");
        get(client, "bind?name=t&label=one");
        get(client, "bind?name=t&label=two");
        List<String> events = events(client, "replaced:t");
        assertTrue(events.contains("bound:two as t") && events.contains("unbound:one as t")
            && events.contains("replaced:t:tracker one->tracker two"), events.toString());
    }

    @Test
    void invalidationUnbindsValues()
    {
        Client client = create("");
        get(client, "bind?name=t&label=one");
        get(client, "session?invalidate");
        assertTrue(events(client, "unbound").contains("unbound:one as t"));
    }

    @Test
    void sessionIdListenerHearsOfTheChange()
    {
        Client client = create("");
        HttpResponse<String> response = Http.get(base, "session?change", "Cookie", client.cookie());
        String changed = KeyValues.parse(response.body()).get("changed");
        assertTrue(events(client, "id:").contains("id:" + client.id() + "->" + changed), events(client, "id:").toString());
    }
}
