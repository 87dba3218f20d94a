package io.lyger.tck.async;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.Http;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AsyncContext.setTimeout: AsyncListener.onTimeout, the error dispatch when no listener ends the cycle. */
@ExtendWith(ArquillianExtension.class)
class AsyncTimeoutIT
{
    /** Short, so the suite stays quick; long enough to be told from "at once". */
    static final long TIMEOUT_MS = 300;

    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "async-timeout.war").addClasses(Later.class, Later.Task.class,
            EventLog.class, EventLog.Events.class, TimesOut.class, OnTimeout.class, Late.class, ErrorPage.class)
            .setWebXML(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\">"
                + "<error-page><error-code>500</error-code><location>/error-page</location></error-page></web-app>"));
    }

    @ArquillianResource
    URL base;

    /**
     * Starts async with the short timeout and, by {@code on}, a listener that on timeout: {@code complete}s with a body,
     * {@code dispatch}es, does {@code nothing}; or with no listener at all ({@code on} absent). {@code completeAfter}
     * completes from another thread first. Every listener event is logged under {@code key}.
     */
    @WebServlet(urlPatterns = "/times-out", asyncSupported = true)
    public static class TimesOut extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            String on = request.getParameter("on");
            String key = request.getParameter("key");
            long started = System.nanoTime();
            AsyncContext async = request.startAsync();
            async.setTimeout(TIMEOUT_MS);
            if (on != null)
            {
                async.addListener(new OnTimeout(key, on, started));
            }
            String completeAfter = request.getParameter("completeAfter");
            if (completeAfter != null)
            {
                Later.run(Long.parseLong(completeAfter), () ->
                {
                    async.getResponse().getWriter().print("completed in time");
                    async.complete();
                });
            }
        }
    }

    /** On timeout: {@code complete}s with a 504 and a body, {@code dispatch}es to /late, or does {@code nothing}; logs each event. */
    public static class OnTimeout implements AsyncListener
    {
        private final String key;
        private final String on;
        private final long started;

        OnTimeout(String key, String on, long started)
        {
            this.key = key;
            this.on = on;
            this.started = started;
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException
        {
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            EventLog.add(key, "onTimeout");
            switch (on)
            {
                case "complete" ->
                {
                    HttpServletResponse late = (HttpServletResponse) event.getAsyncContext().getResponse();
                    late.setStatus(504);
                    late.getWriter().print("timed out after>=" + (elapsedMs >= TIMEOUT_MS - 20 ? "timeout" : elapsedMs + "ms"));
                    event.getAsyncContext().complete();
                }
                case "dispatch" -> event.getAsyncContext().dispatch("/late");
                default -> { }
            }
        }

        @Override
        public void onComplete(AsyncEvent event)
        {
            EventLog.add(key, "onComplete");
        }

        @Override
        public void onError(AsyncEvent event)
        {
            EventLog.add(key, "onError");
        }

        @Override
        public void onStartAsync(AsyncEvent event)
        {
            EventLog.add(key, "onStartAsync");
        }
    }

    @WebServlet("/late")
    public static class Late extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("dispatched after timeout: " + request.getDispatcherType());
        }
    }

    @WebServlet("/error-page")
    public static class ErrorPage extends HttpServlet
    {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/plain");
            response.getWriter().print("error page " + request.getDispatcherType() + " status=" + request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)
                + " uri=" + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        }
    }

    @Test
    void onTimeoutCanWriteAndComplete()
    {
        long start = System.nanoTime();
        HttpResponse<String> response = Http.get(base, "times-out?on=complete&key=complete");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(504, response.statusCode());
        assertEquals("timed out after>=timeout", response.body());
        assertTrue(elapsedMs >= TIMEOUT_MS - 20, "answered after " + elapsedMs + " ms");
        assertEquals("onTimeout,onComplete", EventLog.await(base, "complete", "onComplete"));
    }

    @Test
    void onTimeoutCanDispatch()
    {
        HttpResponse<String> response = Http.get(base, "times-out?on=dispatch&key=dispatch");
        assertEquals(200, response.statusCode());
        assertEquals("dispatched after timeout: ASYNC", response.body());
    }

    /** No listener completes or dispatches: the container's error dispatch, status 500, to the error page. */
    @Test
    void timeoutWithoutAListenerIsAnErrorDispatchWith500()
    {
        HttpResponse<String> response = Http.get(base, "times-out");
        assertEquals(500, response.statusCode());
        assertEquals("error page ERROR status=500 uri=/async-timeout/times-out", response.body());
    }

    @Test
    void timeoutWithAListenerThatDoesNothingIsAnErrorDispatchToo()
    {
        HttpResponse<String> response = Http.get(base, "times-out?on=nothing&key=nothing");
        assertEquals(500, response.statusCode());
        assertEquals("error page ERROR status=500 uri=/async-timeout/times-out", response.body());
        assertEquals("onTimeout,onComplete", EventLog.await(base, "nothing", "onComplete"));
    }

    @Test
    void completingInTimeMeansNoTimeout()
    {
        HttpResponse<String> response = Http.get(base, "times-out?on=complete&key=in-time&completeAfter=20");
        assertEquals(200, response.statusCode());
        assertEquals("completed in time", response.body());
        String events = EventLog.after(base, "in-time", TIMEOUT_MS + 200);
        assertEquals("onComplete", events);
        assertFalse(events.contains("onTimeout"));
    }
}
