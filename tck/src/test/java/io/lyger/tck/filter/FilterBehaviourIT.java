package io.lyger.tck.filter;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.FilterXml;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.GenericFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebInitParam;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpFilter;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one filter can do: answer instead of the servlet, redirect, fail, catch the servlet's exception, pass request
 * attributes, add headers after the chain; its configuration (init parameters of web.xml and of the annotation, its
 * name) and its life cycle (init once).
 */
@ExtendWith(ArquillianExtension.class)
class FilterBehaviourIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "filter-behaviour.war")
            .addClasses(KeyValues.class, TextServlet.class, EventLog.class, EventLog.Events.class, Reach.class, Block.class,
                Move.class, Fail.class, Catch.class, Configured.class, Annotated.class, AfterHeader.class)
            .setWebXML(WebXml.webApp()
                .xml(FilterXml.filter("configured", Configured.class, "greeting", "hello", "target", "world"))
                .xml(FilterXml.urlMapping("configured", "/open/*"))
                .asset());
    }

    @ArquillianResource
    URL base;

    /** Every path of the test: records that it was reached, reports the filters' request attributes. */
    @WebServlet("/*")
    public static class Reach extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws ServletException
        {
            EventLog.add("reached", request.getPathInfo());
            if (request.getPathInfo().startsWith("/catch"))
                throw new ServletException("boom");
            return new KeyValues().put("configured", request.getAttribute("configured"))
                .put("annotated", request.getAttribute("annotated")).toString();
        }
    }

    @WebFilter("/blocked/*")
    public static class Block extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException
        {
            response.setStatus(403);
            response.setContentType("text/plain");
            response.getWriter().print("blocked by filter");
        }
    }

    @WebFilter("/moved/*")
    public static class Move extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException
        {
            response.sendRedirect(request.getContextPath() + "/open/new");
        }
    }

    @WebFilter("/fail/*")
    public static class Fail extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException
        {
            throw new ServletException("filter failed");
        }
    }

    @WebFilter("/catch/*")
    public static class Catch extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException
        {
            try
            {
                chain.doFilter(request, response);
            }
            catch (ServletException x)
            {
                response.resetBuffer();
                response.setStatus(200);
                response.getWriter().print("caught: " + x.getMessage());
            }
        }
    }

    /** Declared in web.xml with init parameters; counts its init calls. */
    public static class Configured extends GenericFilter
    {
        static final AtomicInteger INITS = new AtomicInteger();

        @Override
        public void init()
        {
            INITS.incrementAndGet();
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            FilterConfig config = getFilterConfig();
            request.setAttribute("configured", config.getFilterName() + " " + config.getInitParameter("greeting") + " "
                + config.getInitParameter("target") + " " + new TreeSet<>(Collections.list(config.getInitParameterNames()))
                + " inits=" + INITS.get() + " context=" + config.getServletContext().getContextPath());
            chain.doFilter(request, response);
        }
    }

    /** No filterName: its name is the class name. */
    @WebFilter(urlPatterns = "/open/*", initParams = @WebInitParam(name = "mode", value = "from annotation"))
    public static class Annotated extends GenericFilter
    {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            request.setAttribute("annotated", getFilterName() + " " + getInitParameter("mode"));
            chain.doFilter(request, response);
        }
    }

    /** Sets a header once the servlet has written its (small, still buffered) body. */
    @WebFilter("/open/*")
    public static class AfterHeader extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            chain.doFilter(request, response);
            response.setHeader("X-After", String.valueOf(response.isCommitted()));
        }
    }

    @Test
    void filterCanAnswerInsteadOfTheServlet()
    {
        HttpResponse<String> response = Http.get(base, "blocked/page");
        assertEquals(403, response.statusCode());
        assertEquals("blocked by filter", response.body());
    }

    @Test
    void servletIsNotReachedWhenTheFilterDoesNotChain()
    {
        Http.get(base, "blocked/secret");
        Http.get(base, "open/marker");
        String reached = EventLog.await(base, "reached", "/open/marker");
        assertTrue(reached.contains("/open/marker"), reached);
        assertFalse(reached.contains("/blocked/secret"), reached);
    }

    /** The filter answers without reading the (fully sent) body: the connection goes on with the next request. */
    @Test
    void unreadBodyOfAShortCircuitedPostDoesNotSpoilTheConnection()
    {
        String body = "b".repeat(3000);
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(RawHttp.request("POST", base, "blocked/upload", "Content-Type: text/plain",
                "Content-Length: " + body.length()).replace("\r\n\r\n", "\r\n\r\n" + body));
            RawHttp.Response blocked = connection.read();
            assertEquals(403, blocked.status());
            assertEquals("blocked by filter", blocked.text());
            if (!"close".equalsIgnoreCase(blocked.header("Connection")))
            {
                RawHttp.Response next = connection.send(RawHttp.get(base, "open/after-post")).read();
                assertEquals(200, next.status(), "the unread body was not taken for the next request");
                assertTrue(next.text().contains("configured="), next.text());
            }
        }
    }

    @Test
    void filterCanRedirect()
    {
        HttpResponse<String> response = Http.get(base, "moved/page");
        assertEquals(302, response.statusCode());
        assertEquals("/filter-behaviour/open/new", response.headers().firstValue("Location").orElse(null),
            "Jetty 12 sends the location as an absolute path (a relative reference, RFC 9110 10.2.2)");
    }

    @Test
    void exceptionFromAFilterIs500()
    {
        assertEquals(500, Http.get(base, "fail/page").statusCode());
    }

    @Test
    void filterCanCatchTheServletsException()
    {
        HttpResponse<String> response = Http.get(base, "catch/page");
        assertEquals(200, response.statusCode());
        assertEquals("caught: boom", response.body());
    }

    @Test
    void webXmlInitParametersReachTheFilter()
    {
        String configured = KeyValues.parse(Http.get(base, "open/a").body()).get("configured");
        assertTrue(configured.startsWith("configured hello world [greeting, target]"), configured);
        assertTrue(configured.endsWith("context=/filter-behaviour"), configured);
    }

    @Test
    void annotationInitParametersReachTheFilterNamedByItsClass()
    {
        assertEquals(Annotated.class.getName() + " from annotation", KeyValues.parse(Http.get(base, "open/b").body()).get("annotated"));
    }

    @Test
    void filterIsInitialisedOnceForAllRequests()
    {
        for (int i = 0; i < 3; i++)
            Http.get(base, "open/c" + i);
        String configured = KeyValues.parse(Http.get(base, "open/d").body()).get("configured");
        assertTrue(configured.contains(" inits=1 "), configured);
    }

    @Test
    void filterCanSetHeadersAfterTheChainWhileUncommitted()
    {
        HttpResponse<String> response = Http.get(base, "open/e");
        assertEquals("false", response.headers().firstValue("X-After").orElse(null));
    }

    @Test
    void filterAttributesReachTheServlet()
    {
        var values = KeyValues.parse(Http.get(base, "open/f").body());
        assertTrue(values.get("configured").startsWith("configured "), values.toString());
        assertTrue(values.get("annotated").endsWith(" from annotation"), values.toString());
    }
}
