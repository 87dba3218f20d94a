package io.lyger.tck.filter;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.DispatchServlet;
import io.lyger.tck.support.FilterXml;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
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
 * {@code <dispatcher>} of filter mappings: one {@link Seen} filter per dispatcher type on {@code /*}, one for REQUEST
 * and FORWARD on {@code /target}, one by servlet name for ERROR; the target reports which ran.
 */
@ExtendWith(ArquillianExtension.class)
class FilterDispatcherTypesIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        WebXml webXml = WebXml.webApp().servlet("Target", Target.class, "/target");
        for (String name : new String[] {"R", "F", "I", "E", "A", "RF", "N"})
            webXml.xml(FilterXml.filter(name, Seen.class));
        webXml.xml(FilterXml.urlMapping("R", "/*"))
            .xml(FilterXml.urlMapping("F", "/*", "FORWARD"))
            .xml(FilterXml.urlMapping("I", "/*", "INCLUDE"))
            .xml(FilterXml.urlMapping("E", "/*", "ERROR"))
            .xml(FilterXml.urlMapping("A", "/*", "ASYNC"))
            .xml(FilterXml.urlMapping("RF", "/target", "REQUEST", "FORWARD"))
            .xml(FilterXml.servletMapping("N", "Target", "ERROR"))
            .xml("<error-page><error-code>500</error-code><location>/target</location></error-page>");
        return ShrinkWrap.create(WebArchive.class, "filter-dispatch.war")
            .addClasses(Seen.class, DispatchServlet.class, Target.class, Forward.class, Include.class, SendError.class, Throw.class, Async.class)
            .setWebXML(webXml.asset());
    }

    @ArquillianResource
    URL base;

    public static class Target extends HttpServlet
    {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print(request.getAttribute(Seen.SEEN));
        }
    }

    @WebServlet("/forward")
    public static class Forward extends DispatchServlet
    {
        public Forward()
        {
            super("/target", false);
        }
    }

    @WebServlet("/include")
    public static class Include extends DispatchServlet
    {
        public Include()
        {
            super("/target", true);
        }
    }

    @WebServlet("/send-error")
    public static class SendError extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.sendError(500);
        }
    }

    @WebServlet("/throw")
    public static class Throw extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException
        {
            throw new ServletException("thrown to reach the error page");
        }
    }

    @WebServlet(value = "/async", asyncSupported = true)
    public static class Async extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            request.startAsync().dispatch("/target");
        }
    }

    private String seen(String path, int status)
    {
        HttpResponse<String> response = Http.get(base, path);
        assertEquals(status, response.statusCode(), response.body());
        return response.body();
    }

    @Test
    void requestRunsOnlyRequestFilters()
    {
        assertEquals("R:REQUEST,RF:REQUEST", seen("target", 200));
    }

    @Test
    void forwardRunsForwardFiltersOfTheTarget()
    {
        assertEquals("R:REQUEST,F:FORWARD,RF:FORWARD", seen("forward", 200));
    }

    @Test
    void includeRunsIncludeFiltersOnly()
    {
        assertEquals("R:REQUEST,I:INCLUDE", seen("include", 200));
    }

    @Test
    void sendErrorRunsErrorFiltersOnTheErrorPage()
    {
        assertEquals("R:REQUEST,E:ERROR,N:ERROR", seen("send-error", 500));
    }

    @Test
    void exceptionRunsErrorFiltersOnTheErrorPage()
    {
        assertEquals("R:REQUEST,E:ERROR,N:ERROR", seen("throw", 500));
    }

    @Test
    void asyncDispatchRunsAsyncFilters()
    {
        String seen = seen("async", 200);
        assertTrue(seen.startsWith("R:REQUEST,") && seen.endsWith(",A:ASYNC"), seen);
        assertFalse(seen.contains(":FORWARD") || seen.contains(":INCLUDE") || seen.contains(":ERROR"), seen);
    }

    /** A mapping without {@code <dispatcher>} is REQUEST only (Servlet 6.1, 6.2.5), for async dispatches too. */
    @Test
    void defaultMappingDoesNotApplyToAsyncDispatch()
    {
        assertEquals("R:REQUEST,A:ASYNC", seen("async", 200));
    }
}
