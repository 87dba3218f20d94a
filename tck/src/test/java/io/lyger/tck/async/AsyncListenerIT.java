package io.lyger.tck.async;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.Http;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AsyncListener: onComplete, onError, onStartAsync (and re-registration), order, supplied request and response. */
@ExtendWith(ArquillianExtension.class)
class AsyncListenerIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "async-listener.war").addClasses(Later.class, Later.Task.class,
            EventLog.class, EventLog.Events.class, Logging.class, Completes.class, Restarts.class, Throws.class,
            Fails.class, Supplied.class, SuppliedListener.class, Created.class);
    }

    @ArquillianResource
    URL base;

    /**
     * Logs every event as {@code name:event} under the request's {@code key} parameter; {@code again}: re-registers
     * itself in onStartAsync, as it has to in order to hear about the new cycle.
     */
    public static class Logging implements AsyncListener
    {
        private String key;
        private String name;
        private boolean again;

        public Logging()
        {
            this("created", "created", false);
        }

        Logging(String key, String name, boolean again)
        {
            this.key = key;
            this.name = name;
            this.again = again;
        }

        void key(String key)
        {
            this.key = key;
        }

        @Override
        public void onComplete(AsyncEvent event)
        {
            EventLog.add(key, name + ":onComplete");
        }

        @Override
        public void onTimeout(AsyncEvent event)
        {
            EventLog.add(key, name + ":onTimeout");
        }

        @Override
        public void onError(AsyncEvent event)
        {
            Throwable failure = event.getThrowable();
            EventLog.add(key, name + ":onError(" + (failure == null ? null : failure.getMessage()) + ")");
        }

        @Override
        public void onStartAsync(AsyncEvent event)
        {
            EventLog.add(key, name + ":onStartAsync");
            if (again)
                event.getAsyncContext().addListener(this);
        }
    }

    /** Two listeners, then complete from another thread. */
    @WebServlet(urlPatterns = "/completes", asyncSupported = true)
    public static class Completes extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            String key = request.getParameter("key");
            AsyncContext async = request.startAsync();
            async.addListener(new Logging(key, "a", false));
            async.addListener(new Logging(key, "b", false));
            Later.run(20, () ->
            {
                async.getResponse().getWriter().print("ok");
                async.complete();
            });
        }
    }

    /** Listener a does not re-register in onStartAsync, b does: only b hears of the second cycle's completion. */
    @WebServlet(urlPatterns = "/restarts", asyncSupported = true)
    public static class Restarts extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            String key = request.getParameter("key");
            if (request.getDispatcherType() == DispatcherType.REQUEST)
            {
                AsyncContext async = request.startAsync();
                async.addListener(new Logging(key, "a", false));
                async.addListener(new Logging(key, "b", true));
                async.dispatch();
                return;
            }
            AsyncContext again = request.startAsync();
            response.getWriter().print("second cycle");
            again.complete();
        }
    }

    /** Dispatched to itself, the ASYNC pass throws: the response is an error. */
    @WebServlet(urlPatterns = "/throws", asyncSupported = true)
    public static class Throws extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException
        {
            if (request.getDispatcherType() == DispatcherType.REQUEST)
            {
                AsyncContext async = request.startAsync();
                async.addListener(new Logging(request.getParameter("key"), "l", false));
                async.dispatch();
                return;
            }
            throw new ServletException("boom in async dispatch");
        }
    }

    /** The request that started async throws after startAsync: listeners hear onError. */
    @WebServlet(urlPatterns = "/fails", asyncSupported = true)
    public static class Fails extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException
        {
            AsyncContext async = request.startAsync();
            async.addListener(new Logging(request.getParameter("key"), "l", false));
            throw new ServletException("boom after startAsync");
        }
    }

    /** addListener(listener, request, response): the events carry the supplied request and response. */
    @WebServlet(urlPatterns = "/supplied", asyncSupported = true)
    public static class Supplied extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            String key = request.getParameter("key");
            AsyncContext async = request.startAsync();
            HttpServletRequestWrapper suppliedRequest = new HttpServletRequestWrapper(request);
            HttpServletResponseWrapper suppliedResponse = new HttpServletResponseWrapper(response);
            async.addListener(new SuppliedListener(key, suppliedRequest, suppliedResponse, async), suppliedRequest, suppliedResponse);
            async.complete();
        }
    }

    /** Logs whether its events carry the request and response it was added with. */
    public static class SuppliedListener extends Logging
    {
        private final String key;
        private final ServletRequest request;
        private final ServletResponse response;
        private final AsyncContext async;

        SuppliedListener(String key, ServletRequest request, ServletResponse response, AsyncContext async)
        {
            super(key, "supplied", false);
            this.key = key;
            this.request = request;
            this.response = response;
            this.async = async;
        }

        @Override
        public void onComplete(AsyncEvent event)
        {
            EventLog.add(key, "request=" + (event.getSuppliedRequest() == request) + " response=" + (event.getSuppliedResponse() == response)
                + " context=" + (event.getAsyncContext() == async));
        }
    }

    /** AsyncContext.createListener instantiates the class (the container may inject it). */
    @WebServlet(urlPatterns = "/created", asyncSupported = true)
    public static class Created extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException
        {
            AsyncContext async = request.startAsync();
            Logging listener = async.createListener(Logging.class);
            listener.key(request.getParameter("key"));
            async.addListener(listener);
            response.getWriter().print("created " + listener.getClass().getName());
            async.complete();
        }
    }

    @Test
    void listenersHearOnCompleteInTheOrderTheyWereAdded()
    {
        HttpResponse<String> response = Http.get(base, "completes?key=order");
        assertEquals(200, response.statusCode());
        assertEquals("ok", response.body());
        assertEquals("a:onComplete,b:onComplete", EventLog.await(base, "order", "b:onComplete"));
    }

    @Test
    void onStartAsyncThenOnlyReRegisteredListenersHearTheNextCycle()
    {
        HttpResponse<String> response = Http.get(base, "restarts?key=restart");
        assertEquals(200, response.statusCode());
        assertEquals("second cycle", response.body());
        assertEquals("a:onStartAsync,b:onStartAsync,b:onComplete", EventLog.await(base, "restart", "b:onComplete"));
    }

    /**
     * The cycle ended with dispatch(), so the exception is one of an ordinary dispatch: an error response, and the
     * listener still hears onComplete (Jetty does not call onError here: the listener belonged to the ended cycle).
     */
    @Test
    void exceptionInAnAsyncDispatchIsA500AndTheCycleCompletes()
    {
        HttpResponse<String> response = Http.get(base, "throws?key=throws");
        assertEquals(500, response.statusCode());
        assertTrue(EventLog.await(base, "throws", "onComplete").endsWith("l:onComplete"));
    }

    @Test
    void exceptionAfterStartAsyncIsOnErrorThenA500()
    {
        HttpResponse<String> response = Http.get(base, "fails?key=fails");
        assertEquals(500, response.statusCode());
        assertEquals("l:onError(boom after startAsync),l:onComplete", EventLog.await(base, "fails", "onComplete"));
    }

    @Test
    void eventsCarryTheSuppliedRequestAndResponse()
    {
        assertEquals(200, Http.get(base, "supplied?key=supplied").statusCode());
        assertEquals("request=true response=true context=true", EventLog.await(base, "supplied", "request="));
    }

    @Test
    void createListenerInstantiatesTheClass()
    {
        HttpResponse<String> response = Http.get(base, "created?key=created");
        assertEquals("created " + Logging.class.getName(), response.body());
        assertEquals("created:onComplete", EventLog.await(base, "created", "onComplete"));
    }
}
