package io.lyger.tck.errorpage;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.WebXml;
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

import static io.lyger.tck.support.Answers.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Error pages by status code (web.xml): sendError with and without a message, the {@code jakarta.servlet.error.*}
 * attributes, the default error page (an {@code <error-page>} without code or type), a static error page, the 404 of
 * an unmapped path, setStatus that is not an error.
 */
@ExtendWith(ArquillianExtension.class)
class ErrorPageByStatusIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "errorpage-status.war")
            .addClasses(KeyValues.class, ErrorReport.class, Send.class, SetStatus.class)
            .addAsWebResource(new StringAsset("<html><body>static forbidden page</body></html>"), "forbidden.html")
            .setWebXML(WebXml.webApp()
                .xml("<error-page><error-code>404</error-code><location>/error/not-found</location></error-page>")
                .xml("<error-page><error-code>403</error-code><location>/forbidden.html</location></error-page>")
                .xml("<error-page><location>/error/default</location></error-page>")
                .asset());
    }

    @ArquillianResource
    URL base;

    /** sendError({@code code}) or sendError({@code code}, {@code msg}). */
    @WebServlet(name = "Send", urlPatterns = "/send")
    public static class Send extends HttpServlet
    {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            int code = Integer.parseInt(request.getParameter("code"));
            String message = request.getParameter("msg");
            if (message == null)
                response.sendError(code);
            else
                response.sendError(code, message);
        }
    }

    @WebServlet("/set-status")
    public static class SetStatus extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setStatus(404);
            response.getWriter().print("the servlet's own 404 body");
        }
    }

    @Test
    void sendErrorUsesThePageOfItsStatus()
    {
        Map<String, String> report = values(Http.get(base, "send?code=404&msg=gone"), 404);
        assertEquals("/not-found", report.get("page"));
        assertEquals("404", report.get("status"));
    }

    @Test
    void errorAttributesDescribeTheError()
    {
        Map<String, String> report = values(Http.get(base, "send?code=404&msg=gone"), 404);
        assertEquals("404", report.get("status_code"));
        assertEquals("gone", report.get("message"));
        assertEquals("/errorpage-status/send", report.get("request_uri"));
        assertEquals("code=404&msg=gone", report.get("query_string"));
        assertEquals("Send", report.get("servlet_name"));
        assertEquals("null", report.get("exception_type"));
        assertEquals("null", report.get("exception"));
    }

    @Test
    void errorPageIsAnErrorDispatchToItsOwnPath()
    {
        Map<String, String> report = values(Http.get(base, "send?code=404"), 404);
        assertEquals("ERROR", report.get("type"));
        assertEquals("/error", report.get("servlet"));
        assertEquals("GET", report.get("method"));
    }

    /** Jetty's ERROR dispatch presents the method as GET (Dispatcher.ErrorRequest), so a doGet-only page serves any method. */
    @Test
    void errorPageOfAPostIsServedAsAGet()
    {
        Map<String, String> report = values(Http.post(base, "send?code=404", "text/plain", "body"), 404);
        assertEquals("/not-found", report.get("page"));
        assertEquals("GET", report.get("method"));
    }

    @Test
    void codeWithoutItsOwnPageUsesTheDefaultErrorPage()
    {
        Map<String, String> report = values(Http.get(base, "send?code=418&msg=teapot"), 418);
        assertEquals("/default", report.get("page"));
        assertEquals("418", report.get("status_code"));
        assertEquals("teapot", report.get("message"));
    }

    @Test
    void serverErrorWithoutItsOwnPageUsesTheDefaultErrorPage()
    {
        assertEquals("/default", values(Http.get(base, "send?code=503"), 503).get("page"));
    }

    @Test
    void staticErrorPage()
    {
        HttpResponse<String> response = Http.get(base, "send?code=403");
        assertEquals(403, response.statusCode());
        assertEquals("<html><body>static forbidden page</body></html>", response.body());
    }

    @Test
    void unmappedPathUsesThe404Page()
    {
        Map<String, String> report = values(Http.get(base, "no/such/thing"), 404);
        assertEquals("/not-found", report.get("page"));
        assertEquals("/errorpage-status/no/such/thing", report.get("request_uri"));
    }

    @Test
    void setStatusIsNotAnError()
    {
        HttpResponse<String> response = Http.get(base, "set-status");
        assertEquals(404, response.statusCode());
        assertEquals("the servlet's own 404 body", response.body());
    }

    @Test
    void connectionStaysUsableAfterErrorPages()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response first = connection.send(RawHttp.get(base, "send?code=404&msg=one")).read();
            RawHttp.Response second = connection.send(RawHttp.get(base, "send?code=418&msg=two")).read();
            RawHttp.Response third = connection.send(RawHttp.get(base, "error/direct")).read();
            assertEquals(404, first.status());
            assertEquals("one", KeyValues.parse(first.text()).get("message"));
            assertEquals(418, second.status());
            assertEquals("/default", KeyValues.parse(second.text()).get("page"));
            assertEquals(200, third.status());
        }
    }

    @Test
    void headRequestGetsTheErrorStatusWithoutABody()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response head = connection.send(RawHttp.request("HEAD", base, "send?code=404")).read();
            assertEquals(404, head.status());
            assertEquals(0, head.body().length);
            RawHttp.Response next = connection.send(RawHttp.get(base, "send?code=404&msg=after+head")).read();
            assertEquals(404, next.status(), "the HEAD response had no body bytes the next read would take for its own");
            assertEquals("after head", KeyValues.parse(next.text()).get("message"));
        }
    }

    @Test
    void errorRequestUriIsTheRawEncodedPath()
    {
        Map<String, String> report = values(Http.get(base, "no%20such/th%69ng?q=a%20b"), 404);
        assertEquals("/errorpage-status/no%20such/th%69ng", report.get("request_uri"));
        assertEquals("q=a%20b", report.get("query_string"));
    }

    /**
     * An error answered before the body of an {@code Expect: 100-continue} request was asked for: no 100, the error
     * page, and the exchange ends there (the body the client holds back cannot be told from a next request).
     */
    @Test
    void errorBeforeAnExpectedBodyEndsTheConnection()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.request("POST", base, "send?code=404&msg=no+body+wanted",
                "Content-Type: text/plain", "Content-Length: 1000", "Expect: 100-continue")).read();
            assertEquals(404, response.status());
            assertEquals("no body wanted", KeyValues.parse(response.text()).get("message"));
            assertTrue("close".equalsIgnoreCase(response.header("Connection")), "announced: " + response.headers());
            assertTrue(connection.closedByServer(java.time.Duration.ofSeconds(2)), "and closed");
        }
    }

    @Test
    void errorRequestUriKeepsPathParameters()
    {
        Map<String, String> report = values(Http.get(base, "missing;p=1/page;q=2"), 404);
        assertEquals("/errorpage-status/missing;p=1/page;q=2", report.get("request_uri"));
    }

    @Test
    void errorPageCanBeRequestedDirectly()
    {
        Map<String, String> report = values(Http.get(base, "error/direct"), 200);
        assertEquals("REQUEST", report.get("type"));
        assertEquals("null", report.get("status_code"));
        assertTrue(report.get("page").equals("/direct"));
    }
}
