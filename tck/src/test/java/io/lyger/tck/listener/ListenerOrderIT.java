package io.lyger.tck.listener;

import java.net.URL;
import java.util.List;

import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Listeners of one kind are called in web.xml declaration order, and the "end" events (requestDestroyed,
 * sessionDestroyed) in reverse order. Each listener class is declared as A, B, C, one instance each; {@link Named}
 * records which one ran.
 */
@ExtendWith(ArquillianExtension.class)
class ListenerOrderIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        WebXml webXml = WebXml.webApp();
        for (Class<?> type : List.of(ListenA.class, ListenB.class, ListenC.class))
            webXml.xml("<listener><listener-class>" + type.getName() + "</listener-class></listener>");
        return ShrinkWrap.create(WebArchive.class, "listener-order.war")
            .addClasses(TextServlet.class, EventLog.class, EventLog.Events.class, Named.class, ListenA.class, ListenB.class,
                ListenC.class, Work.class)
            .setWebXML(webXml.asset());
    }

    @ArquillianResource
    URL base;

    /** Context, request and session listener at once; records "event:name" under "context", the id parameter, or "s:" + session id. */
    public abstract static class Named implements ServletContextListener, ServletRequestListener, HttpSessionListener
    {
        private final String name;

        protected Named(String name)
        {
            this.name = name;
        }

        @Override
        public void contextInitialized(ServletContextEvent event)
        {
            EventLog.add("context", "init:" + name);
        }

        @Override
        public void requestInitialized(ServletRequestEvent event)
        {
            String id = event.getServletRequest().getParameter("id");
            if (id != null)
                EventLog.add(id, "init:" + name);
        }

        @Override
        public void requestDestroyed(ServletRequestEvent event)
        {
            String id = event.getServletRequest().getParameter("id");
            if (id != null)
                EventLog.add(id, "destroyed:" + name);
        }

        @Override
        public void sessionCreated(HttpSessionEvent event)
        {
            EventLog.add("s:" + event.getSession().getId(), "created:" + name);
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent event)
        {
            EventLog.add("s:" + event.getSession().getId(), "destroyed:" + name);
        }
    }

    public static class ListenA extends Named
    {
        public ListenA()
        {
            super("A");
        }
    }

    public static class ListenB extends Named
    {
        public ListenB()
        {
            super("B");
        }
    }

    public static class ListenC extends Named
    {
        public ListenC()
        {
            super("C");
        }
    }

    /** {@code session}: creates a session and invalidates it, answers its id. */
    @WebServlet("/work")
    public static class Work extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            if (request.getParameter("session") == null)
                return "worked";
            var session = request.getSession(true);
            String id = session.getId();
            session.invalidate();
            return id;
        }
    }

    @Test
    void contextListenersInDeclarationOrder()
    {
        assertEquals("init:A,init:B,init:C", EventLog.await(base, "context", "init:C"));
    }

    @Test
    void requestInitializedInDeclarationOrder()
    {
        Http.get(base, "work?id=r1");
        String events = EventLog.await(base, "r1", "destroyed:A");
        assertEquals("init:A,init:B,init:C", events.substring(0, "init:A,init:B,init:C".length()), events);
    }

    @Test
    void requestDestroyedInReverseOrder()
    {
        Http.get(base, "work?id=r2");
        assertEquals("init:A,init:B,init:C,destroyed:C,destroyed:B,destroyed:A", EventLog.await(base, "r2", "destroyed:A"));
    }

    @Test
    void sessionCreatedInOrderAndDestroyedInReverse()
    {
        String id = Http.get(base, "work?session").body();
        assertEquals("created:A,created:B,created:C,destroyed:C,destroyed:B,destroyed:A", EventLog.await(base, "s:" + id, "destroyed:A"));
    }
}
