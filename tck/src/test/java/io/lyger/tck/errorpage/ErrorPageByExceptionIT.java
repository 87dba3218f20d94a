package io.lyger.tck.errorpage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;

import io.lyger.tck.support.Answers;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Error pages by exception type (web.xml): the closest superclass wins, ServletException is unwrapped to its cause
 * when it has no page of its own, the 500 page is the fallback, the exception attributes, and an exception once the
 * response is committed.
 */
@ExtendWith(ArquillianExtension.class)
class ErrorPageByExceptionIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "errorpage-exception.war")
            .addClasses(KeyValues.class, ErrorReport.class, Thrower.class, BaseProblem.class, SubProblem.class)
            .setWebXML(WebXml.webApp()
                .xml(page(IllegalStateException.class.getName(), "/error/ise"))
                .xml(page(BaseProblem.class.getName(), "/error/base"))
                .xml(page(IllegalArgumentException.class.getName(), "/error/iae"))
                .xml(page(IOException.class.getName(), "/error/io"))
                .xml(page(RuntimeException.class.getName(), "/error/runtime"))
                .xml("<error-page><error-code>500</error-code><location>/error/code500</location></error-page>")
                .asset());
    }

    private static String page(String type, String location)
    {
        return "<error-page><exception-type>" + type + "</exception-type><location>" + location + "</location></error-page>";
    }

    @ArquillianResource
    URL base;

    public static class BaseProblem extends RuntimeException
    {
        public BaseProblem(String message)
        {
            super(message);
        }
    }

    public static class SubProblem extends BaseProblem
    {
        public SubProblem(String message)
        {
            super(message);
        }
    }

    /** Throws what {@code what} says; {@code committed}: after writing and flushing part of the body. */
    @WebServlet(name = "Thrower", urlPatterns = "/throw")
    public static class Thrower extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
        {
            switch (request.getParameter("what"))
            {
                case "ise" -> throw new IllegalStateException("ise message");
                case "base" -> throw new BaseProblem("base message");
                case "sub" -> throw new SubProblem("sub message");
                case "npe" -> throw new NullPointerException("npe message");
                case "io" -> throw new IOException("io message");
                case "wrapped" -> throw new ServletException("wrapper", new IllegalArgumentException("inner message"));
                case "wrapped-ise" -> throw new ServletException("wrapper", new IllegalStateException("inner ise"));
                case "servlet" -> throw new ServletException("no cause");
                case "short" ->
                {
                    response.setContentType("text/plain");
                    response.setContentLength(100);
                    response.getOutputStream().write("ten bytes.".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    response.flushBuffer();
                    throw new IllegalStateException("100 promised, 10 sent");
                }
                case "committed" ->
                {
                    response.setContentType("text/plain");
                    response.getWriter().print("partial body");
                    response.flushBuffer();
                    throw new IllegalStateException("too late");
                }
                default -> response.getWriter().print("nothing thrown");
            }
        }
    }

    private Map<String, String> thrown(String what)
    {
        return Answers.values(Http.get(base, "throw?what=" + what), 500);
    }

    @Test
    void exceptionTypeSelectsItsPage()
    {
        assertEquals("/ise", thrown("ise").get("page"));
    }

    @Test
    void subclassUsesTheClosestSuperclassPage()
    {
        assertEquals("/base", thrown("sub").get("page"));
    }

    @Test
    void mappedClassItselfUsesItsPage()
    {
        assertEquals("/base", thrown("base").get("page"));
    }

    @Test
    void runtimeExceptionPageCatchesOtherRuntimeExceptions()
    {
        assertEquals("/runtime", thrown("npe").get("page"));
    }

    @Test
    void checkedExceptionPage()
    {
        assertEquals("/io", thrown("io").get("page"));
    }

    @Test
    void servletExceptionIsUnwrappedToItsCause()
    {
        assertEquals("/iae", thrown("wrapped").get("page"));
        assertEquals("/ise", thrown("wrapped-ise").get("page"));
    }

    @Test
    void exceptionWithoutAPageFallsBackToThe500Page()
    {
        Map<String, String> report = thrown("servlet");
        assertEquals("/code500", report.get("page"));
        assertEquals("jakarta.servlet.ServletException: no cause", report.get("exception"));
    }

    @Test
    void exceptionAttributesDescribeTheException()
    {
        Map<String, String> report = thrown("ise");
        assertEquals("500", report.get("status_code"));
        assertEquals(IllegalStateException.class.getName(), report.get("exception_type"));
        assertEquals("java.lang.IllegalStateException: ise message", report.get("exception"));
        assertTrue(report.get("message").contains("ise message"), report.get("message"));
        assertEquals("Thrower", report.get("servlet_name"));
        assertEquals("/errorpage-exception/throw", report.get("request_uri"));
        assertEquals("what=ise", report.get("query_string"));
        assertEquals("ERROR", report.get("type"));
    }

    @Test
    void unwrappedCauseIsTheReportedException()
    {
        Map<String, String> report = thrown("wrapped");
        assertEquals(IllegalArgumentException.class.getName(), report.get("exception_type"));
        assertEquals("java.lang.IllegalArgumentException: inner message", report.get("exception"));
    }

    @Test
    void exceptionAfterCommitWithAContentLengthClosesShortOfIt()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(RawHttp.get(base, "throw?what=short"));
            assertThrows(UncheckedIOException.class, connection::read, "10 of 100 bytes, then the connection must end");
        }
    }

    @Test
    void exceptionAfterCommitCutsTheResponseShort()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(RawHttp.get(base, "throw?what=committed"));
            // Where the body stops (after the chunk, or before its CRLF) may differ; it must not end as if complete.
            assertThrows(UncheckedIOException.class, connection::read, "a committed response cannot become an error page");
        }
        assertFalse(Http.get(base, "throw?what=none").body().isEmpty(), "the server still answers");
    }
}
