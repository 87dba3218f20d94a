package io.lyger.tck.async;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.Attempt;
import io.lyger.tck.support.Http;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
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

/** AsyncContext.dispatch(), dispatch(path), dispatch(context, path), the jakarta.servlet.async.* attributes, filters on ASYNC. */
@ExtendWith(ArquillianExtension.class)
class AsyncDispatchIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "async-dispatch.war").addClasses(Attempt.class, Attempt.Action.class, Later.class,
            Later.Task.class, Redispatch.class, Origin.class, Target.class, Twice.class, Restart.class, Plain.class, AsyncOnly.class,
            RequestOnly.class);
    }

    @ArquillianResource
    URL base;

    /** dispatch() back to the same servlet: the second pass sees DispatcherType.ASYNC and writes the response. */
    @WebServlet(urlPatterns = "/again/*", asyncSupported = true)
    public static class Redispatch extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            if (request.getDispatcherType() == DispatcherType.REQUEST)
            {
                AsyncContext async = request.startAsync();
                if (request.getParameter("fromThread") != null)
                    Later.run(30, async::dispatch);
                else
                    async.dispatch();
                return;
            }
            response.getWriter().print(request.getDispatcherType() + " " + request.getRequestURI() + " " + request.getPathInfo()
                + " asyncStarted=" + request.isAsyncStarted());
        }
    }

    /** Dispatches to a path given as {@code to}, through dispatch(path) or dispatch(context, path) ({@code ctx}). */
    @WebServlet(urlPatterns = "/origin/*", asyncSupported = true)
    public static class Origin extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            AsyncContext async = request.startAsync();
            String to = request.getParameter("to");
            if (request.getParameter("ctx") != null)
                async.dispatch(request.getServletContext(), to);
            else
                async.dispatch(to);
        }
    }

    /** Writes what it sees of the dispatch: type, paths, the jakarta.servlet.async.* attributes. */
    @WebServlet("/target/*")
    public static class Target extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/plain");
            String show = request.getParameter("show");
            if ("attributes".equals(show))
            {
                response.getWriter().print(String.join("|",
                    String.valueOf(request.getAttribute(AsyncContext.ASYNC_REQUEST_URI)),
                    String.valueOf(request.getAttribute(AsyncContext.ASYNC_CONTEXT_PATH)),
                    String.valueOf(request.getAttribute(AsyncContext.ASYNC_SERVLET_PATH)),
                    String.valueOf(request.getAttribute(AsyncContext.ASYNC_PATH_INFO)),
                    String.valueOf(request.getAttribute(AsyncContext.ASYNC_QUERY_STRING))));
                return;
            }
            if ("mapping".equals(show))
            {
                HttpServletMapping mapping = (HttpServletMapping) request.getAttribute(AsyncContext.ASYNC_MAPPING);
                HttpServletMapping now = request.getHttpServletMapping();
                response.getWriter().print(mapping.getPattern() + " " + mapping.getMatchValue() + " " + mapping.getServletName().endsWith("Origin")
                    + " -> " + now.getPattern() + " " + now.getMatchValue());
                return;
            }
            response.getWriter().print(request.getDispatcherType() + " " + request.getRequestURI() + " " + request.getServletPath()
                + " " + request.getPathInfo() + " " + request.getQueryString() + " to=" + request.getParameter("to")
                + " x=" + request.getParameter("x") + " second=" + request.getAttribute("second"));
        }
    }

    /** A second dispatch before the first has happened is an IllegalStateException. */
    @WebServlet(urlPatterns = "/twice", asyncSupported = true)
    public static class Twice extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            AsyncContext async = request.startAsync();
            async.dispatch("/target");
            request.setAttribute("second", Attempt.of(() -> async.dispatch("/target")));
        }
    }

    /** startAsync again in the ASYNC dispatch, then complete from another thread. */
    @WebServlet(urlPatterns = "/restart", asyncSupported = true)
    public static class Restart extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            if (request.getDispatcherType() == DispatcherType.REQUEST)
            {
                request.startAsync().dispatch();
                return;
            }
            AsyncContext again = request.startAsync();
            Later.run(30, () ->
            {
                again.getResponse().getWriter().print("second cycle " + request.getDispatcherType());
                again.complete();
            });
        }
    }

    /** Not async-supported: it may be the target of an async dispatch; the response completes when it returns. */
    @WebServlet("/plain")
    public static class Plain extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("plain " + request.getDispatcherType() + " filters=" + request.getAttribute("filters"));
        }
    }

    /** Mapped on ASYNC only: seen on the async dispatch, not on the request. */
    @WebFilter(urlPatterns = "/plain", dispatcherTypes = DispatcherType.ASYNC, asyncSupported = true)
    public static class AsyncOnly implements Filter
    {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            request.setAttribute("filters", request.getAttribute("filters") + "+async:" + request.getDispatcherType());
            chain.doFilter(request, response);
        }
    }

    /** Mapped on REQUEST (the default): not seen on an async dispatch. */
    @WebFilter(urlPatterns = "/plain", asyncSupported = true)
    public static class RequestOnly implements Filter
    {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            request.setAttribute("filters", request.getAttribute("filters") + "+request:" + request.getDispatcherType());
            chain.doFilter(request, response);
        }
    }

    @Test
    void dispatchWithoutPathRedispatchesToTheSameServletAsAsync()
    {
        HttpResponse<String> response = Http.get(base, "again/x");
        assertEquals(200, response.statusCode());
        assertEquals("ASYNC /async-dispatch/again/x /x asyncStarted=false", response.body());
    }

    @Test
    void dispatchFromANonContainerThread()
    {
        HttpResponse<String> response = Http.get(base, "again/y?fromThread=1");
        assertEquals(200, response.statusCode());
        assertEquals("ASYNC /async-dispatch/again/y /y asyncStarted=false", response.body());
    }

    @Test
    void dispatchToAPathReachesItsServletWithItsPaths()
    {
        HttpResponse<String> response = Http.get(base, "origin/o?to=/target/t");
        assertEquals(200, response.statusCode());
        assertEquals("ASYNC /async-dispatch/target/t /target /t to=/target/t to=/target/t x=null second=null", response.body());
    }

    @Test
    void dispatchToAPathWithAQueryStringAddsItsParameters()
    {
        HttpResponse<String> response = Http.get(base, "origin?to=/target?x=1");
        assertEquals(200, response.statusCode());
        assertEquals("ASYNC /async-dispatch/target /target null x=1 to=/target?x=1 x=1 second=null", response.body());
    }

    @Test
    void dispatchWithAContextAndPath()
    {
        HttpResponse<String> response = Http.get(base, "origin/c?ctx=1&to=/target/c");
        assertEquals(200, response.statusCode());
        assertEquals("ASYNC /async-dispatch/target/c /target /c ctx=1&to=/target/c to=/target/c x=null second=null", response.body());
    }

    @Test
    void asyncAttributesDescribeTheOriginalRequest()
    {
        HttpResponse<String> response = Http.get(base, "origin/extra/path?to=/target?show=attributes&q=1");
        assertEquals(200, response.statusCode());
        assertEquals("/async-dispatch/origin/extra/path|/async-dispatch|/origin|/extra/path|to=/target?show=attributes&q=1", response.body());
    }

    @Test
    void asyncMappingAttributeIsTheOriginalMapping()
    {
        HttpResponse<String> response = Http.get(base, "origin/m?to=/target/n?show=mapping");
        assertEquals(200, response.statusCode());
        assertEquals("/origin/* m true -> /target/* n", response.body());
    }

    @Test
    void secondDispatchIsIllegalState()
    {
        HttpResponse<String> response = Http.get(base, "twice");
        assertEquals(200, response.statusCode());
        assertEquals("ASYNC /async-dispatch/target /target null null to=null x=null second=IllegalStateException", response.body());
    }

    @Test
    void startAsyncAgainInTheAsyncDispatch()
    {
        HttpResponse<String> response = Http.get(base, "restart");
        assertEquals(200, response.statusCode());
        assertEquals("second cycle ASYNC", response.body());
    }

    @Test
    void asyncDispatchRunsAsyncFiltersOnlyAndCompletesWhenANonAsyncTargetReturns()
    {
        HttpResponse<String> response = Http.get(base, "origin?to=/plain");
        assertEquals(200, response.statusCode());
        assertEquals("plain ASYNC filters=null+async:ASYNC", response.body());
        assertEquals("plain REQUEST filters=null+request:REQUEST", Http.get(base, "plain").body());
    }
}
