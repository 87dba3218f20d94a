package io.lyger.tck.dispatcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import io.lyger.tck.support.Answers;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
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

/**
 * RequestDispatcher.include: output in place, the original paths with {@code jakarta.servlet.include.*} attributes,
 * query parameters merged then restored, status and headers of the included servlet ignored, by name, of a static file.
 */
@ExtendWith(ArquillianExtension.class)
class IncludeIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "dispatcher-include.war")
            .addClasses(KeyValues.class, TextServlet.class, Dump.class, Outer.class, Inner.class)
            .addAsWebResource(new StringAsset("static note"), "note.txt")
            .setWebXML(WebXml.webApp().servlet("Inner", Inner.class, "/inner/*").asset());
    }

    @ArquillianResource
    URL base;

    /** Writes "before", includes as {@code mode} says, then reports its own parameters and sets a header. */
    @WebServlet(name = "Outer", urlPatterns = "/outer")
    public static class Outer extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
        {
            response.setContentType("text/plain;charset=UTF-8");
            PrintWriter writer = response.getWriter();
            writer.print("before\n");
            RequestDispatcher dispatcher = switch (request.getParameter("mode"))
            {
                case "name" -> getServletContext().getNamedDispatcher("Inner");
                case "static" -> request.getRequestDispatcher("/note.txt");
                case "large" ->
                {
                    response.flushBuffer();
                    yield request.getRequestDispatcher("/inner/large");
                }
                default -> request.getRequestDispatcher("/inner/x?c=3&a=inc");
            };
            dispatcher.include(request, response);
            writer.print("\nafter.a=" + Arrays.toString(request.getParameterValues("a")) + "\nafter.c=" + request.getParameter("c")
                + "\nafter.include=" + request.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI) + "\n");
            response.setHeader("X-Outer", "set after include");
        }
    }

    /** Tries to change the status and the headers, then reports the request as it sees it. */
    public static class Inner extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            if ("/large".equals(request.getPathInfo()) || "/large".equals(request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO)))
            {
                for (int i = 0; i < 2000; i++)
                    response.getWriter().print(String.format("line %04d of the included part%n", i));
                return;
            }
            response.setStatus(299);
            response.setHeader("X-Inner", "set");
            response.addHeader("X-Inner-Added", "added");
            response.addCookie(new Cookie("inner", "cookie"));
            response.getWriter().print(Dump.describe(request));
        }
    }

    private Map<String, String> include(String mode)
    {
        return Answers.values(Http.get(base, "outer?mode=" + mode + "&a=orig"), 200);
    }

    @Test
    void includedOutputIsWrittenInPlace()
    {
        HttpResponse<String> response = Http.get(base, "outer?mode=path&a=orig");
        assertTrue(response.body().startsWith("before\ntype=INCLUDE\n"), response.body());
        assertTrue(response.body().endsWith("\nafter.a=[orig]\nafter.c=null\nafter.include=null\n"), response.body());
    }

    @Test
    void includedServletSeesTheOriginalPaths()
    {
        Map<String, String> dump = include("path");
        assertEquals("/dispatcher-include/outer", dump.get("uri"));
        assertEquals("/outer", dump.get("servlet"));
        assertEquals("null", dump.get("info"));
    }

    @Test
    void includeAttributesHoldTheIncludedPaths()
    {
        Map<String, String> dump = include("path");
        assertEquals("/dispatcher-include/inner/x", dump.get("include.request_uri"));
        assertEquals("/dispatcher-include", dump.get("include.context_path"));
        assertEquals("/inner", dump.get("include.servlet_path"));
        assertEquals("/x", dump.get("include.path_info"));
        assertEquals("c=3&a=inc", dump.get("include.query_string"));
        assertEquals("null", dump.get("forward.request_uri"));
    }

    @Test
    void includeQueryParametersComeBeforeTheOriginalOnes()
    {
        Map<String, String> dump = include("path");
        assertEquals("[inc, orig]", dump.get("a"));
        assertEquals("[3]", dump.get("c"));
    }

    @Test
    void parametersAndAttributesAreRestoredAfterInclude()
    {
        Map<String, String> dump = include("path");
        assertEquals("[orig]", dump.get("after.a"));
        assertEquals("null", dump.get("after.c"));
        assertEquals("null", dump.get("after.include"));
    }

    @Test
    void includedServletCannotSetTheStatus()
    {
        assertEquals(200, Http.get(base, "outer?mode=path").statusCode());
    }

    @Test
    void includedServletCannotSetHeaders()
    {
        HttpResponse<String> response = Http.get(base, "outer?mode=path");
        assertFalse(response.headers().firstValue("X-Inner").isPresent(), response.headers().toString());
        assertFalse(response.headers().firstValue("X-Inner-Added").isPresent(), response.headers().toString());
    }

    /** Set-Cookie is a header too: "any attempt to make a change is ignored" (Servlet 6.1, 9.3). */
    @Test
    void includedServletCannotAddCookies()
    {
        HttpResponse<String> response = Http.get(base, "outer?mode=path");
        assertFalse(response.headers().firstValue("Set-Cookie").isPresent(), response.headers().toString());
    }

    @Test
    void includeDoesNotCommitTheResponse()
    {
        HttpResponse<String> response = Http.get(base, "outer?mode=path");
        assertEquals("set after include", response.headers().firstValue("X-Outer").orElse(null));
    }

    @Test
    void mappingIsTheCallersAndTheIncludeMappingAttributeTheTargets()
    {
        Map<String, String> dump = include("path");
        assertEquals("EXACT /outer 'outer' Outer", dump.get("mapping"));
        assertEquals("PATH /inner/* 'x' Inner", dump.get("include.mapping"));
    }

    @Test
    void namedIncludeSetsNoIncludeAttributes()
    {
        Map<String, String> dump = include("name");
        assertEquals("INCLUDE", dump.get("type"));
        assertEquals("null", dump.get("include.request_uri"));
        assertEquals("null", dump.get("include.servlet_path"));
        assertEquals("[orig]", dump.get("a"));
    }

    @Test
    void largeIncludeIntoACommittedResponseStreamsWhole()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, "outer?mode=large")).read();
            assertEquals(200, response.status());
            String text = response.text();
            assertTrue(text.startsWith("before\nline 0000 of the included part"), text.substring(0, 60));
            assertTrue(text.contains("line 1999 of the included part") && text.endsWith("after.include=null\n"), text.substring(text.length() - 80));
            assertEquals(2000, text.lines().filter(l -> l.startsWith("line ")).count());
            assertEquals(200, connection.send(RawHttp.get(base, "outer?mode=static")).read().status(), "the connection is reused");
        }
    }

    @Test
    void staticFileCanBeIncluded()
    {
        HttpResponse<String> response = Http.get(base, "outer?mode=static");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("before\nstatic note\nafter.a=null"), response.body());
    }
}
