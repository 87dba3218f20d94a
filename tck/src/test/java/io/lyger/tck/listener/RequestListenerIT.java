package io.lyger.tck.listener;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import io.lyger.tck.support.DispatchServlet;
import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestAttributeEvent;
import jakarta.servlet.ServletRequestAttributeListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
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
 * ServletRequestListener (initialized before the servlet, destroyed after, once per request even across a forward)
 * and ServletRequestAttributeListener (added, replaced with the old value, removed). Events are recorded under the
 * request's {@code id} parameter.
 */
@ExtendWith(ArquillianExtension.class)
class RequestListenerIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "listener-request.war")
            .addClasses(TextServlet.class, DispatchServlet.class, EventLog.class, EventLog.Events.class, Requests.class, RequestAttributes.class,
                Work.class, Forward.class);
    }

    @ArquillianResource
    URL base;

    @WebListener
    public static class Requests implements ServletRequestListener
    {
        /** Records {@code event} under the request's id parameter, if it has one. */
        static void record(ServletRequest request, String event)
        {
            String id = request.getParameter("id");
            if (id != null)
                EventLog.add(id, event);
        }

        @Override
        public void requestInitialized(ServletRequestEvent event)
        {
            HttpServletRequest request = (HttpServletRequest) event.getServletRequest();
            record(request, "initialized " + request.getRequestURI() + " in " + event.getServletContext().getContextPath());
            request.setAttribute("initialized", "by listener");
        }

        @Override
        public void requestDestroyed(ServletRequestEvent event)
        {
            record(event.getServletRequest(), "destroyed");
        }
    }

    @WebListener
    public static class RequestAttributes implements ServletRequestAttributeListener
    {
        @Override
        public void attributeAdded(ServletRequestAttributeEvent event)
        {
            if (event.getName().startsWith("t-"))
                Requests.record(event.getServletRequest(), "added:" + event.getName() + "=" + event.getValue());
        }

        @Override
        public void attributeReplaced(ServletRequestAttributeEvent event)
        {
            if (event.getName().startsWith("t-"))
                Requests.record(event.getServletRequest(), "replaced:" + event.getName() + ":" + event.getValue() + "->"
                    + event.getServletRequest().getAttribute(event.getName()));
        }

        @Override
        public void attributeRemoved(ServletRequestAttributeEvent event)
        {
            if (event.getName().startsWith("t-"))
                Requests.record(event.getServletRequest(), "removed:" + event.getName() + "=" + event.getValue());
        }
    }

    /** Records "servlet", works request attributes t-a and t-b, answers the attribute set by the listener. */
    @WebServlet("/work")
    public static class Work extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            Requests.record(request, "servlet " + request.getDispatcherType());
            if (request.getParameter("slow") != null)
            {
                try
                {
                    Thread.sleep(500);
                    for (int i = 0; i < 64; i++)
                    {
                        response.getWriter().print("x".repeat(8192));
                        response.flushBuffer();
                    }
                }
                catch (InterruptedException | IOException x)
                {
                    Requests.record(request, "servlet saw " + x.getClass().getSimpleName());
                }
                return null;
            }
            if (request.getParameter("attributes") != null)
            {
                request.setAttribute("t-a", "1");
                request.setAttribute("t-a", "2");
                request.removeAttribute("t-a");
                request.setAttribute("t-b", "x");
                request.setAttribute("t-b", null);
            }
            return String.valueOf(request.getAttribute("initialized"));
        }
    }

    @WebServlet("/forward")
    public static class Forward extends DispatchServlet
    {
        public Forward()
        {
            super("/work", false);
        }
    }

    private List<String> events(String path, String id)
    {
        HttpResponse<String> response = Http.get(base, path + (path.contains("?") ? "&" : "?") + "id=" + id);
        assertEquals(200, response.statusCode(), response.body());
        return List.of(EventLog.await(base, id, "destroyed").split(","));
    }

    @Test
    void requestInitializedRunsBeforeTheServlet()
    {
        assertEquals("by listener", Http.get(base, "work?id=before").body());
    }

    @Test
    void requestListenerSeesTheRequestAndItsContext()
    {
        assertEquals("initialized /listener-request/work in /listener-request", events("work", "paths").get(0));
    }

    @Test
    void requestDestroyedRunsAfterTheServlet()
    {
        List<String> events = events("work", "order");
        assertEquals(List.of("initialized /listener-request/work in /listener-request", "servlet REQUEST", "destroyed"), events);
    }

    @Test
    void forwardIsStillOneRequestForTheListener()
    {
        List<String> events = events("forward", "forwarded");
        assertEquals(List.of("initialized /listener-request/forward in /listener-request", "servlet FORWARD", "destroyed"), events);
        assertEquals(events.size(), EventLog.after(base, "forwarded", 200).split(",").length, "no later events");
    }

    @Test
    void requestAttributeEventsCarryTheirValues()
    {
        List<String> events = events("work?attributes", "attributes");
        assertEquals(List.of("added:t-a=1", "replaced:t-a:1->2", "removed:t-a=2", "added:t-b=x", "removed:t-b=x"),
            events.subList(2, events.size() - 1));
    }

    @Test
    void pipelinedRequestsAreEachInitializedAndDestroyedInTurn()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(RawHttp.get(base, "work?id=p1") + RawHttp.get(base, "work?id=p2"));
            assertEquals("by listener", connection.read().text());
            assertEquals("by listener", connection.read().text());
        }
        for (String id : new String[] {"p1", "p2"})
            assertEquals("initialized /listener-request/work in /listener-request,servlet REQUEST,destroyed",
                EventLog.await(base, id, "destroyed"));
    }

    /** A request the connector rejects (malformed header line) never reaches the context: no listener events. */
    @Test
    void rejectedRequestFiresNoEvents()
    {
        RawHttp.Response response = RawHttp.exchange(base, "GET " + RawHttp.path(base, "work?id=rejected") + " HTTP/1.1\r\nHost: "
            + RawHttp.host(base) + "\r\nNo colon here\r\n\r\n");
        assertEquals(400, response.status());
        assertEquals("", EventLog.after(base, "rejected", 200));
    }

    /** The client goes away while the servlet works: the request is still destroyed. */
    @Test
    void requestIsDestroyedWhenTheClientLeaves()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(RawHttp.get(base, "work?id=left&slow"));
            EventLog.await(base, "left", "servlet");
        }
        String events = EventLog.await(base, "left", "destroyed");
        assertTrue(events.startsWith("initialized ") && events.endsWith(",destroyed"), events);
    }

    @Test
    void everyRequestIsInitializedAndDestroyed()
    {
        for (int i = 0; i < 3; i++)
            events("work", "each-" + i);
        for (int i = 0; i < 3; i++)
            assertTrue(EventLog.await(base, "each-" + i, "destroyed").endsWith("destroyed"));
    }
}
