package io.lyger.tck.errorpage;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import io.lyger.tck.filter.Seen;
import io.lyger.tck.support.FilterXml;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
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

import static io.lyger.tck.support.Answers.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Error dispatches and filters: ERROR-mapped filters run on the error page and see the error attributes,
 * REQUEST-only ones do not; sendError and exceptions from a filter reach the error pages.
 */
@ExtendWith(ArquillianExtension.class)
class ErrorPageFilterIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "errorpage-filter.war")
            .addClasses(KeyValues.class, ErrorReport.class, Seen.class, StatusHeader.class, Deny.class, Explode.class)
            .setWebXML(WebXml.webApp()
                .xml(FilterXml.filter("all", Seen.class)).xml(FilterXml.urlMapping("all", "/*", "REQUEST", "ERROR"))
                .xml(FilterXml.filter("onError", Seen.class)).xml(FilterXml.urlMapping("onError", "/error/*", "ERROR"))
                .xml(FilterXml.filter("onRequest", Seen.class)).xml(FilterXml.urlMapping("onRequest", "/error/*"))
                .xml(FilterXml.filter("status", StatusHeader.class)).xml(FilterXml.urlMapping("status", "/error/*", "ERROR"))
                .xml(FilterXml.filter("deny", Deny.class)).xml(FilterXml.urlMapping("deny", "/denied/*"))
                .xml(FilterXml.filter("explode", Explode.class)).xml(FilterXml.urlMapping("explode", "/explode/*"))
                .xml("<error-page><error-code>404</error-code><location>/error/not-found</location></error-page>")
                .xml("<error-page><error-code>401</error-code><location>/error/unauthorized</location></error-page>")
                .xml("<error-page><exception-type>java.lang.IllegalStateException</exception-type><location>/error/ise</location></error-page>")
                .asset());
    }

    @ArquillianResource
    URL base;

    /** On the error dispatch: the status code attribute as a header, X-Error-Status. */
    public static class StatusHeader extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            response.setHeader("X-Error-Status", String.valueOf(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)));
            chain.doFilter(request, response);
        }
    }

    public static class Deny extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException
        {
            response.sendError(401, "denied by filter");
        }
    }

    public static class Explode extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        {
            throw new IllegalStateException("filter exploded");
        }
    }

    @Test
    void errorDispatchRunsErrorFilters()
    {
        assertEquals("all:REQUEST,all:ERROR,onError:ERROR", values(Http.get(base, "missing"), 404).get("seen"));
    }

    @Test
    void requestOnlyFilterOfTheErrorPageIsSkippedOnErrorDispatch()
    {
        assertFalse(values(Http.get(base, "missing"), 404).get("seen").contains("onRequest"));
    }

    @Test
    void directRequestToTheErrorPageRunsItsRequestFilters()
    {
        assertEquals("all:REQUEST,onRequest:REQUEST", values(Http.get(base, "error/direct"), 200).get("seen"));
    }

    @Test
    void errorFilterSeesTheErrorAttributes()
    {
        HttpResponse<String> response = Http.get(base, "missing");
        assertEquals(404, response.statusCode());
        assertEquals("404", response.headers().firstValue("X-Error-Status").orElse(null));
    }

    @Test
    void sendErrorFromAFilterUsesTheErrorPage()
    {
        Map<String, String> report = values(Http.get(base, "denied/x"), 401);
        assertEquals("/unauthorized", report.get("page"));
        assertEquals("denied by filter", report.get("message"));
        assertEquals("/errorpage-filter/denied/x", report.get("request_uri"));
    }

    @Test
    void exceptionFromAFilterUsesTheExceptionErrorPage()
    {
        Map<String, String> report = values(Http.get(base, "explode/x"), 500);
        assertEquals("/ise", report.get("page"));
        assertEquals("java.lang.IllegalStateException: filter exploded", report.get("exception"));
        assertEquals("all:REQUEST,all:ERROR,onError:ERROR", report.get("seen"));
    }
}
