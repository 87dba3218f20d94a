package io.lyger.tck.listener;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletContextAttributeListener;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
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
 * ServletContextListener (web.xml, in declaration order, and annotated) and ServletContextAttributeListener (added,
 * replaced with the old value, removed with the removed value, null as remove).
 */
@ExtendWith(ArquillianExtension.class)
class ContextListenerIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "listener-context.war")
            .addClasses(KeyValues.class, TextServlet.class, EventLog.class, EventLog.Events.class, Initialized.class,
                First.class, Second.class, Third.class, Annotated.class, Attributes.class, ContextAttributes.class)
            .setWebXML(WebXml.webApp()
                .xml("<context-param><param-name>greeting</param-name><param-value>hello from web.xml</param-value></context-param>")
                .xml("<listener><listener-class>" + First.class.getName() + "</listener-class></listener>")
                .xml("<listener><listener-class>" + Second.class.getName() + "</listener-class></listener>")
                .xml("<listener><listener-class>" + Third.class.getName() + "</listener-class></listener>")
                .xml("<listener><listener-class>" + Attributes.class.getName() + "</listener-class></listener>")
                .asset());
    }

    @ArquillianResource
    URL base;

    /** Records its name under "init" and sets attribute {@code by-<name>} to the context parameter greeting. */
    public abstract static class Initialized implements ServletContextListener
    {
        private final String name;

        protected Initialized(String name)
        {
            this.name = name;
        }

        @Override
        public void contextInitialized(ServletContextEvent event)
        {
            EventLog.add("init", name);
            event.getServletContext().setAttribute("by-" + name, event.getServletContext().getInitParameter("greeting"));
        }
    }

    public static class First extends Initialized
    {
        public First()
        {
            super("First");
        }
    }

    public static class Second extends Initialized
    {
        public Second()
        {
            super("Second");
        }
    }

    public static class Third extends Initialized
    {
        public Third()
        {
            super("Third");
        }
    }

    @WebListener
    public static class Annotated extends Initialized
    {
        public Annotated()
        {
            super("Annotated");
        }
    }

    /** Records the events of attributes named {@code t-...} under "attributes". */
    public static class Attributes implements ServletContextAttributeListener
    {
        @Override
        public void attributeAdded(ServletContextAttributeEvent event)
        {
            if (event.getName().startsWith("t-"))
                EventLog.add("attributes", "added:" + event.getName() + "=" + event.getValue());
        }

        @Override
        public void attributeReplaced(ServletContextAttributeEvent event)
        {
            if (event.getName().startsWith("t-"))
                EventLog.add("attributes", "replaced:" + event.getName() + ":" + event.getValue() + "->"
                    + event.getServletContext().getAttribute(event.getName()));
        }

        @Override
        public void attributeRemoved(ServletContextAttributeEvent event)
        {
            if (event.getName().startsWith("t-"))
                EventLog.add("attributes", "removed:" + event.getName() + "=" + event.getValue());
        }
    }

    /** {@code set=name:value} (repeatable, in order; an empty value sets null), {@code remove=name}; reports {@code by-*}. */
    @WebServlet("/attributes")
    public static class ContextAttributes extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            ServletContext context = getServletContext();
            String[] sets = request.getParameterValues("set");
            for (String pair : sets == null ? new String[0] : sets)
            {
                int colon = pair.indexOf(':');
                String value = pair.substring(colon + 1);
                context.setAttribute(pair.substring(0, colon), value.isEmpty() ? null : value);
            }
            if (request.getParameter("remove") != null)
                context.removeAttribute(request.getParameter("remove"));
            KeyValues out = new KeyValues();
            for (String name : List.of("First", "Second", "Third", "Annotated"))
                out.put("by-" + name, context.getAttribute("by-" + name));
            return out.toString();
        }
    }

    private List<String> attributeEvents(String query, String until)
    {
        assertEquals(200, Http.get(base, "attributes?" + query).statusCode());
        return List.of(EventLog.await(base, "attributes", until).split(","));
    }

    @Test
    void contextInitializedRanBeforeTheFirstRequest()
    {
        HttpResponse<String> response = Http.get(base, "attributes");
        assertEquals("hello from web.xml", KeyValues.parse(response.body()).get("by-First"));
    }

    @Test
    void everyDeclaredListenerRan()
    {
        var values = KeyValues.parse(Http.get(base, "attributes").body());
        assertEquals("hello from web.xml", values.get("by-Second"));
        assertEquals("hello from web.xml", values.get("by-Third"));
    }

    @Test
    void declaredListenersRunInDeclarationOrder()
    {
        List<String> init = List.of(EventLog.await(base, "init", "Third").split(","));
        assertTrue(init.indexOf("First") >= 0 && init.indexOf("First") < init.indexOf("Second")
            && init.indexOf("Second") < init.indexOf("Third"), init.toString());
    }

    @Test
    void annotatedListenerRunsToo()
    {
        assertEquals("hello from web.xml", KeyValues.parse(Http.get(base, "attributes").body()).get("by-Annotated"));
        assertTrue(EventLog.await(base, "init", "Annotated").contains("Annotated"));
    }

    @Test
    void eachListenerRanOnce()
    {
        List<String> init = List.of(EventLog.await(base, "init", "Annotated").split(","));
        assertEquals(4, init.size(), init.toString());
    }

    @Test
    void attributeAddedCarriesTheValue()
    {
        assertTrue(attributeEvents("set=t-a:1", "t-a").contains("added:t-a=1"));
    }

    @Test
    void attributeReplacedCarriesTheOldValue()
    {
        List<String> events = attributeEvents("set=t-b:1&set=t-b:2", "replaced:t-b");
        assertTrue(events.contains("added:t-b=1") && events.contains("replaced:t-b:1->2"), events.toString());
    }

    @Test
    void attributeRemovedCarriesTheRemovedValue()
    {
        List<String> events = attributeEvents("set=t-c:1&remove=t-c", "removed:t-c");
        assertTrue(events.contains("removed:t-c=1"), events.toString());
    }

    @Test
    void settingNullIsARemoval()
    {
        List<String> events = attributeEvents("set=t-d:1&set=t-d:", "removed:t-d");
        assertTrue(events.contains("removed:t-d=1"), events.toString());
        assertTrue(events.stream().noneMatch(e -> e.startsWith("replaced:t-d")), events.toString());
    }

    @Test
    void removingAnAbsentAttributeFiresNothing()
    {
        attributeEvents("remove=t-never", "");
        List<String> events = List.of(EventLog.after(base, "attributes", 100).split(","));
        assertTrue(events.stream().noneMatch(e -> e.contains("t-never")), events.toString());
    }
}
