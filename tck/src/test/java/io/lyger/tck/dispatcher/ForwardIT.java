package io.lyger.tck.dispatcher;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import io.lyger.tck.support.Answers;
import io.lyger.tck.support.DispatchServlet;
import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
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
 * RequestDispatcher.forward: by path (absolute, relative, of the ServletContext) and by name, the target's paths and
 * the {@code jakarta.servlet.forward.*} attributes, query parameters merged, the buffer reset, the response closed
 * after, IllegalStateException once committed, nested forwards, the request restored when forward returns.
 */
@ExtendWith(ArquillianExtension.class)
class ForwardIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "dispatcher-forward.war")
            .addClasses(KeyValues.class, TextServlet.class, Dump.class, EventLog.class, EventLog.Events.class,
                Source.class, Committed.class, Chain.class, Overflow.class, PostSource.class, Echo.class, DispatchServlet.class)
            .setWebXML(WebXml.webApp().servlet("Target", Dump.class, "/target/*", "/dir/*").asset());
    }

    @ArquillianResource
    URL base;

    /**
     * Sets a header, buffers output and a request attribute, forwards as {@code mode} says, then writes again (to a
     * closed response) and records how the request looks once forward returned.
     */
    @WebServlet(name = "Source", urlPatterns = {"/source", "/dir/source"})
    public static class Source extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
        {
            String mode = request.getParameter("mode");
            response.setHeader("X-Before", "kept");
            response.getWriter().print("discarded");
            request.setAttribute("set-before-dispatch", "yes");
            RequestDispatcher dispatcher = switch (mode)
            {
                case "path" -> request.getRequestDispatcher("/target/info?a=new&b=2");
                case "relative" -> request.getRequestDispatcher("relative?b=r");
                case "context" -> getServletContext().getRequestDispatcher("/target/ctx?b=3");
                case "name" -> getServletContext().getNamedDispatcher("Target");
                case "encoded" -> request.getRequestDispatcher("/target/a%20b?b=x%26y");
                default -> request.getRequestDispatcher("/nothing-here/x");
            };
            dispatcher.forward(request, response);
            response.getWriter().print("written after forward");
            EventLog.add("after-" + request.getParameter("id"), request.getServletPath() + " "
                + request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) + " "
                + Arrays.toString(request.getParameterValues("a")) + " " + request.getParameter("b"));
            return null;
        }
    }

    @WebServlet("/committed")
    public static class Committed extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("partial;");
            response.flushBuffer();
            response.getWriter().print(result(() -> {
                request.getRequestDispatcher("/target/late").forward(request, response);
                return "forwarded";
            }));
            return null;
        }
    }

    /** A 1 KiB buffer overflowed by 8 KiB commits the response: forward must fail. */
    @WebServlet("/overflow")
    public static class Overflow extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/plain;charset=UTF-8");
            response.setBufferSize(1024);
            response.getWriter().print("x".repeat(8192));
            response.getWriter().print(";committed=" + response.isCommitted() + ";" + result(() -> {
                request.getRequestDispatcher("/target/late").forward(request, response);
                return "forwarded";
            }));
            return null;
        }
    }

    @WebServlet("/post-source")
    public static class PostSource extends DispatchServlet
    {
        public PostSource()
        {
            super("/echo", false);
        }
    }

    /** Answers the method and the body it reads. */
    @WebServlet("/echo")
    public static class Echo extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            return request.getMethod() + " " + new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** /first forwards to /second, which forwards to the target. */
    @WebServlet({"/first", "/second"})
    public static class Chain extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
        {
            String to = request.getServletPath().equals("/first") ? "/second?b=from-first" : "/target/nested";
            request.getRequestDispatcher(to).forward(request, response);
            return null;
        }
    }

    private static Map<String, String> dump(HttpResponse<String> response)
    {
        return Answers.values(response, 200);
    }

    private Map<String, String> forward(String mode)
    {
        return dump(Http.get(base, "source?mode=" + mode + "&a=orig"));
    }

    @Test
    void onlyTheTargetsOutputIsSent()
    {
        HttpResponse<String> response = Http.get(base, "source?mode=path&a=orig");
        assertEquals("FORWARD", dump(response).get("type"));
        assertFalse(response.body().contains("discarded"), "the buffer is reset: " + response.body());
        assertFalse(response.body().contains("written after forward"), "the response is closed: " + response.body());
    }

    @Test
    void targetSeesItsOwnPaths()
    {
        Map<String, String> dump = forward("path");
        assertEquals("/dispatcher-forward/target/info", dump.get("uri"));
        assertEquals("/dispatcher-forward", dump.get("context"));
        assertEquals("/target", dump.get("servlet"));
        assertEquals("/info", dump.get("info"));
    }

    @Test
    void forwardAttributesHoldTheOriginalPaths()
    {
        Map<String, String> dump = forward("path");
        assertEquals("/dispatcher-forward/source", dump.get("forward.request_uri"));
        assertEquals("/dispatcher-forward", dump.get("forward.context_path"));
        assertEquals("/source", dump.get("forward.servlet_path"));
        assertEquals("null", dump.get("forward.path_info"));
        assertEquals("mode=path&a=orig", dump.get("forward.query_string"));
        assertEquals("null", dump.get("include.request_uri"));
    }

    @Test
    void dispatcherQueryParametersComeBeforeTheOriginalOnes()
    {
        Map<String, String> dump = forward("path");
        assertEquals("[new, orig]", dump.get("a"));
        assertEquals("[2]", dump.get("b"));
    }

    @Test
    void targetQueryStringIsTheDispatchersOwn()
    {
        assertEquals("a=new&b=2", forward("path").get("query"));
    }

    @Test
    void headersSetBeforeForwardAreKept()
    {
        HttpResponse<String> response = Http.get(base, "source?mode=path");
        assertEquals(200, response.statusCode());
        assertEquals("kept", response.headers().firstValue("X-Before").orElse(null));
    }

    @Test
    void requestAttributesSetBeforeForwardAreVisible()
    {
        assertEquals("yes", forward("path").get("attribute"));
    }

    @Test
    void mappingIsTheTargetsAndTheForwardMappingAttributeTheSources()
    {
        Map<String, String> dump = forward("path");
        assertEquals("PATH /target/* 'info' Target", dump.get("mapping"));
        assertEquals("EXACT /source 'source' Source", dump.get("forward.mapping"));
    }

    @Test
    void relativePathIsResolvedAgainstTheCurrentPath()
    {
        Map<String, String> dump = dump(Http.get(base, "dir/source?mode=relative"));
        assertEquals("/dispatcher-forward/dir/relative", dump.get("uri"));
        assertEquals("/dir", dump.get("servlet"));
        assertEquals("/relative", dump.get("info"));
        assertEquals("[r]", dump.get("b"));
        assertEquals("/dir/source", dump.get("forward.servlet_path"));
    }

    @Test
    void servletContextDispatcherIsRelativeToTheContextRoot()
    {
        Map<String, String> dump = forward("context");
        assertEquals("/dispatcher-forward/target/ctx", dump.get("uri"));
        assertEquals("[3]", dump.get("b"));
    }

    @Test
    void encodedDispatcherPathIsDecodedForTheTarget()
    {
        Map<String, String> dump = forward("encoded");
        assertEquals("/a b", dump.get("info"));
        assertEquals("/dispatcher-forward/target/a%20b", dump.get("uri"));
        assertEquals("[x&y]", dump.get("b"));
    }

    @Test
    void namedDispatcherKeepsTheOriginalPathsAndSetsNoAttributes()
    {
        Map<String, String> dump = forward("name");
        assertEquals("FORWARD", dump.get("type"));
        assertEquals("/dispatcher-forward/source", dump.get("uri"));
        assertEquals("/source", dump.get("servlet"));
        assertEquals("null", dump.get("forward.request_uri"));
        assertEquals("null", dump.get("forward.servlet_path"));
        assertEquals("[orig]", dump.get("a"));
    }

    @Test
    void forwardRequestUriAttributeIsTheRawEncodedUri()
    {
        Map<String, String> dump = dump(Http.get(base, "sour%63e?mode=path&a=x%20y"));
        assertEquals("/dispatcher-forward/sour%63e", dump.get("forward.request_uri"));
        assertEquals("/source", dump.get("forward.servlet_path"));
        assertEquals("mode=path&a=x%20y", dump.get("forward.query_string"));
        assertEquals("[new, x y]", dump.get("a"));
    }

    @Test
    void forwardToAnUnmappedPathIs404()
    {
        assertEquals(404, Http.get(base, "source?mode=missing").statusCode());
    }

    @Test
    void forwardAfterCommitThrowsIllegalState()
    {
        HttpResponse<String> response = Http.get(base, "committed");
        assertEquals(200, response.statusCode());
        assertEquals("partial;!IllegalStateException", response.body());
    }

    @Test
    void nestedForwardAttributesKeepTheFirstRequest()
    {
        Map<String, String> dump = dump(Http.get(base, "first?a=orig"));
        assertEquals("/dispatcher-forward/target/nested", dump.get("uri"));
        assertEquals("/dispatcher-forward/first", dump.get("forward.request_uri"));
        assertEquals("/first", dump.get("forward.servlet_path"));
        assertEquals("a=orig", dump.get("forward.query_string"));
        assertEquals("[from-first]", dump.get("b"));
    }

    @Test
    void requestIsRestoredWhenForwardReturns()
    {
        dump(Http.get(base, "source?mode=path&a=orig&id=restored"));
        String after = EventLog.await(base, "after-restored", "/source");
        assertEquals("/source null [orig] null", after);
    }

    @Test
    void forwardAfterTheBufferOverflowedThrowsIllegalState()
    {
        HttpResponse<String> response = Http.get(base, "overflow");
        assertEquals(200, response.statusCode());
        assertEquals("x".repeat(8192) + ";committed=true;!IllegalStateException", response.body());
    }

    @Test
    void forwardedPostKeepsItsMethodAndBody()
    {
        String body = "field=" + "v".repeat(20000);
        HttpResponse<String> response = Http.post(base, "post-source", "text/plain;charset=UTF-8", body);
        assertEquals(200, response.statusCode());
        assertEquals("POST " + body, response.body());
    }

    @Test
    void headersOfTheTargetAreSent()
    {
        HttpResponse<String> response = Http.get(base, "source?mode=path");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), response.headers().toString());
    }
}
