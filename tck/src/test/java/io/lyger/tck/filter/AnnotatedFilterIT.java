package io.lyger.tck.filter;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.DispatchServlet;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
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

/** @WebFilter attributes: several URL patterns, servlet names, dispatcher types, asyncSupported. */
@ExtendWith(ArquillianExtension.class)
class AnnotatedFilterIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "filter-annotated.war")
            .addClasses(TextServlet.class, DispatchServlet.class, Any.class, Named.class, Forwarder.class, AsyncServlet.class,
                Patterns.class, ByName.class, ForwardOnly.class, NotAsync.class);
    }

    @ArquillianResource
    URL base;

    /** Every path not mapped otherwise. */
    @WebServlet("/*")
    public static class Any extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            return "any " + request.getServletPath() + request.getPathInfo();
        }
    }

    @WebServlet(name = "Named", urlPatterns = "/named")
    public static class Named extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            return "named";
        }
    }

    @WebServlet("/forwarder")
    public static class Forwarder extends DispatchServlet
    {
        public Forwarder()
        {
            super("/forward-only/x", false);
        }
    }

    @WebServlet(value = "/sync/*", asyncSupported = true)
    public static class AsyncServlet extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            return "isAsyncSupported=" + request.isAsyncSupported() + " startAsync=" + result(() -> request.startAsync() != null);
        }
    }

    @WebFilter(filterName = "patterns", urlPatterns = {"/a/*", "/b"})
    public static class Patterns extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            response.setHeader("X-Patterns", "yes");
            chain.doFilter(request, response);
        }
    }

    @WebFilter(servletNames = "Named")
    public static class ByName extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            response.setHeader("X-By-Name", "yes");
            chain.doFilter(request, response);
        }
    }

    @WebFilter(urlPatterns = "/forward-only/*", dispatcherTypes = DispatcherType.FORWARD)
    public static class ForwardOnly extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            response.setHeader("X-Forward-Only", String.valueOf(request.getDispatcherType()));
            chain.doFilter(request, response);
        }
    }

    /** asyncSupported defaults to false: its chains cannot start async. */
    @WebFilter("/sync/*")
    public static class NotAsync extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            chain.doFilter(request, response);
        }
    }

    private static String header(HttpResponse<String> response, String name)
    {
        assertEquals(200, response.statusCode(), response.body());
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void everyUrlPatternOfTheAnnotationApplies()
    {
        assertEquals("yes", header(Http.get(base, "a/deep/path"), "X-Patterns"));
        assertEquals("yes", header(Http.get(base, "b"), "X-Patterns"));
    }

    @Test
    void otherPathsAreNotFiltered()
    {
        assertEquals(null, header(Http.get(base, "b/c"), "X-Patterns"));
        assertEquals(null, header(Http.get(base, "c"), "X-Patterns"));
    }

    @Test
    void servletNamesAttributeFiltersThatServletOnly()
    {
        assertEquals("yes", header(Http.get(base, "named"), "X-By-Name"));
        assertEquals(null, header(Http.get(base, "other"), "X-By-Name"));
    }

    @Test
    void forwardOnlyFilterSkipsDirectRequests()
    {
        HttpResponse<String> response = Http.get(base, "forward-only/x");
        assertEquals("any /forward-only/x", response.body());
        assertEquals(null, header(response, "X-Forward-Only"));
    }

    @Test
    void forwardOnlyFilterRunsOnForward()
    {
        HttpResponse<String> response = Http.get(base, "forwarder");
        assertEquals("any /forward-only/x", response.body());
        assertEquals("FORWARD", header(response, "X-Forward-Only"));
    }

    @Test
    void filterWithoutAsyncSupportMakesStartAsyncThrow()
    {
        HttpResponse<String> response = Http.get(base, "sync/x");
        assertEquals("isAsyncSupported=false startAsync=!IllegalStateException", response.body());
        assertFalse(response.body().contains("true"));
    }
}
