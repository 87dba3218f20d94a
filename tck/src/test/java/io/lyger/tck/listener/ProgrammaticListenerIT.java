package io.lyger.tck.listener;

import java.net.URL;
import java.util.Map;
import java.util.Set;

import io.lyger.tck.support.Answers;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Listeners added programmatically: by a ServletContainerInitializer (a class and an instance), by a web.xml
 * ServletContextListener; what each may and may not do (Servlet 6.1, 4.4: a listener added programmatically cannot
 * configure the context; only an initializer may add a ServletContextListener; nothing is added once initialized).
 */
@ExtendWith(ArquillianExtension.class)
class ProgrammaticListenerIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        JavaArchive initializer = ShrinkWrap.create(JavaArchive.class, "initializer.jar")
            .addClasses(Initializer.class, AddedContextListener.class, AddedRequestListener.class)
            .addAsServiceProvider(ServletContainerInitializer.class, Initializer.class);
        return ShrinkWrap.create(WebArchive.class, "listener-programmatic.war")
            .addClasses(KeyValues.class, TextServlet.class, Declared.class, DeclaredAddition.class, NotAContextListener.class, State.class)
            .addAsLibraries(initializer)
            .setWebXML(WebXml.webApp().xml("<listener><listener-class>" + Declared.class.getName() + "</listener-class></listener>").asset());
    }

    @ArquillianResource
    URL base;

    public static class Initializer implements ServletContainerInitializer
    {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context)
        {
            context.setAttribute("initializer", "ran");
            context.addListener(AddedContextListener.class);
            context.addListener(new AddedRequestListener("an instance"));
        }
    }

    /** Added by the initializer: initialized like the others, but may not configure the context. */
    public static class AddedContextListener implements ServletContextListener
    {
        @Override
        public void contextInitialized(ServletContextEvent event)
        {
            ServletContext context = event.getServletContext();
            context.setAttribute("added-context-listener", "initialized");
            context.setAttribute("added-context-listener.addListener", TextServlet.result(() -> {
                context.addListener(NotAContextListener.class);
                return "ok";
            }));
        }
    }

    public static class AddedRequestListener implements ServletRequestListener
    {
        private final String label;

        public AddedRequestListener(String label)
        {
            this.label = label;
        }

        @Override
        public void requestInitialized(ServletRequestEvent event)
        {
            event.getServletRequest().setAttribute("added-request-listener", label);
        }
    }

    /** Declared in web.xml: may add a request listener, may not add a context listener. */
    public static class Declared implements ServletContextListener
    {
        @Override
        public void contextInitialized(ServletContextEvent event)
        {
            ServletContext context = event.getServletContext();
            context.setAttribute("declared.addRequestListener", TextServlet.result(() -> {
                context.addListener(DeclaredAddition.class);
                return "ok";
            }));
            context.setAttribute("declared.addContextListener", TextServlet.result(() -> {
                context.addListener(NotAContextListener.class.getName());
                return "ok";
            }));
        }
    }

    public static class DeclaredAddition implements ServletRequestListener
    {
        @Override
        public void requestInitialized(ServletRequestEvent event)
        {
            event.getServletRequest().setAttribute("declared-addition", "ran");
        }
    }

    /** A ServletContextListener only an initializer could add (and a request listener too, for the late attempt). */
    public static class NotAContextListener implements ServletContextListener, ServletRequestListener
    {
        @Override
        public void contextInitialized(ServletContextEvent event)
        {
            event.getServletContext().setAttribute("not-a-context-listener", "initialized anyway");
        }
    }

    @WebServlet("/state")
    public static class State extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            ServletContext context = getServletContext();
            KeyValues out = new KeyValues();
            for (String name : new String[] {"initializer", "added-context-listener", "added-context-listener.addListener",
                "declared.addRequestListener", "declared.addContextListener", "not-a-context-listener"})
                out.put(name, context.getAttribute(name));
            return out.put("added-request-listener", request.getAttribute("added-request-listener"))
                .put("declared-addition", request.getAttribute("declared-addition"))
                .put("late.addListener", TextServlet.result(() -> {
                    context.addListener(DeclaredAddition.class);
                    return "ok";
                }))
                .toString();
        }
    }

    private Map<String, String> state()
    {
        return Answers.values(Http.get(base, "state"), 200);
    }

    @Test
    void initializerRan()
    {
        assertEquals("ran", state().get("initializer"));
    }

    @Test
    void contextListenerAddedByTheInitializerIsInitialized()
    {
        assertEquals("initialized", state().get("added-context-listener"));
    }

    @Test
    void requestListenerInstanceAddedByTheInitializerHearsRequests()
    {
        assertEquals("an instance", state().get("added-request-listener"));
    }

    @Test
    void programmaticallyAddedListenerCannotConfigureTheContext()
    {
        assertEquals("!UnsupportedOperationException", state().get("added-context-listener.addListener"));
    }

    @Test
    void declaredListenerCanAddARequestListener()
    {
        Map<String, String> state = state();
        assertEquals("ok", state.get("declared.addRequestListener"));
        assertEquals("ran", state.get("declared-addition"));
    }

    @Test
    void declaredListenerCannotAddAContextListener()
    {
        assertEquals("!IllegalArgumentException", state().get("declared.addContextListener"));
    }

    @Test
    void nothingIsAddedOnceTheContextIsInitialized()
    {
        assertEquals("!IllegalStateException", state().get("late.addListener"));
    }
}
