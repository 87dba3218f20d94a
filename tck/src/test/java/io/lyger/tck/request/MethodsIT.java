package io.lyger.tck.request;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HttpServlet's dispatch by method: doGet/doPost/doPut/doDelete/doPatch, HEAD, OPTIONS, 405/400/501, custom methods. */
@ExtendWith(ArquillianExtension.class)
class MethodsIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "request-methods.war")
            .addClasses(TextServlet.class, KeyValues.class, RequestDump.class, AllMethods.class, GetOnly.class)
            .setWebXML(WebXml.webApp().servlet(RequestDump.class, "/dump/*").asset());
    }

    @ArquillianResource
    URL base;

    /** Overrides every doXxx but doHead, doOptions and doTrace: answers the method and the body it received. */
    @WebServlet("/all")
    public static class AllMethods extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            echo(request, response);
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            echo(request, response);
        }

        @Override
        protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            echo(request, response);
        }

        @Override
        protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            echo(request, response);
        }

        @Override
        protected void doPatch(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            echo(request, response);
        }

        private static void echo(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print(request.getMethod() + " [" + body + "]");
        }
    }

    @WebServlet("/get-only")
    public static class GetOnly extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("get-only says hello");
        }
    }

    private HttpResponse<String> send(String method, String path, String body)
    {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return Http.send(Http.request(base, path).method(method, publisher).header("Content-Type", "text/plain").build());
    }

    @Test
    void getReachesDoGet()
    {
        HttpResponse<String> response = Http.get(base, "all");
        assertEquals(200, response.statusCode());
        assertEquals("GET []", response.body());
    }

    @Test
    void postBodyReachesDoPost()
    {
        HttpResponse<String> response = send("POST", "all", "posted");
        assertEquals(200, response.statusCode());
        assertEquals("POST [posted]", response.body());
    }

    @Test
    void putBodyReachesDoPut()
    {
        HttpResponse<String> response = send("PUT", "all", "put this");
        assertEquals(200, response.statusCode());
        assertEquals("PUT [put this]", response.body());
    }

    @Test
    void deleteReachesDoDelete()
    {
        HttpResponse<String> response = send("DELETE", "all", null);
        assertEquals(200, response.statusCode());
        assertEquals("DELETE []", response.body());
    }

    /** doPatch is new in Servlet 6.1. */
    @Test
    void patchReachesDoPatch()
    {
        HttpResponse<String> response = send("PATCH", "all", "a patch");
        assertEquals(200, response.statusCode());
        assertEquals("PATCH [a patch]", response.body());
    }

    /** The default doHead runs doGet; the container sends the headers of GET and no body. */
    @Test
    void headAnswersTheHeadersOfGetWithoutABody()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response get = connection.send(RawHttp.get(base, "get-only")).read();
            RawHttp.Response head = connection.send(RawHttp.request("HEAD", base, "get-only")).read();
            assertEquals(200, head.status());
            assertEquals(get.header("Content-Type"), head.header("Content-Type"));
            assertEquals("get-only says hello", get.text());
            // HEAD's Content-Length, when sent, is the one GET has
            if (head.header("Content-Length") != null)
                assertEquals(String.valueOf("get-only says hello".length()), head.header("Content-Length"));
            // no body was sent: the next response on the connection is read right after the head
            RawHttp.Response next = connection.send(RawHttp.get(base, "all")).read();
            assertEquals(200, next.status());
            assertEquals("GET []", next.text());
        }
    }

    @Test
    void optionsListsTheOverriddenMethods()
    {
        HttpResponse<String> response = send("OPTIONS", "all", null);
        assertEquals(200, response.statusCode());
        Set<String> allow = allow(response);
        for (String method : new String[] {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"})
            assertTrue(allow.contains(method), method + " in " + allow);
    }

    @Test
    void optionsOfAGetOnlyServletDoesNotListPostPutDelete()
    {
        HttpResponse<String> response = send("OPTIONS", "get-only", null);
        assertEquals(200, response.statusCode());
        Set<String> allow = allow(response);
        assertTrue(allow.containsAll(Set.of("GET", "HEAD", "OPTIONS")), allow.toString());
        assertFalse(allow.contains("POST"), allow.toString());
        assertFalse(allow.contains("PUT"), allow.toString());
        assertFalse(allow.contains("DELETE"), allow.toString());
    }

    private static Set<String> allow(HttpResponse<String> response)
    {
        String allow = response.headers().firstValue("Allow").orElse(null);
        assertNotNull(allow, "Allow header");
        return new TreeSet<>(Arrays.stream(allow.split(",")).map(String::trim).toList());
    }

    /** Each on a connection of its own (for an unread body arriving late, see BodyIT). */
    @Test
    void methodNotOverriddenIs405OnHttp11()
    {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"})
        {
            RawHttp.Response response = RawHttp.exchange(base, RawHttp.request(method, base, "get-only", "Content-Length: 0"));
            assertEquals(405, response.status(), method);
        }
    }

    /** HttpServlet answers 400 rather than 405 to an HTTP/1.0 request for a method it does not implement. */
    @Test
    void methodNotOverriddenIs400OnHttp10()
    {
        String request = "POST " + RawHttp.path(base, "get-only") + " HTTP/1.0\r\nHost: " + RawHttp.host(base)
            + "\r\nContent-Length: 1\r\n\r\nx";
        assertEquals(400, RawHttp.exchange(base, request).status());
    }

    @Test
    void unknownMethodIs501FromHttpServlet()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.request("PROPFIND", base, "get-only", "Content-Length: 0"));
        assertEquals(501, response.status());
    }

    @Test
    void customMethodReachesService()
    {
        HttpResponse<String> response = send("PROPFIND", "dump/x", null);
        assertEquals(200, response.statusCode());
        assertEquals("PROPFIND", KeyValues.parse(response.body()).get("method"));
    }

    /** Methods are case-sensitive (RFC 9110 9.1): "get" is not GET, so HttpServlet does not know it. */
    @Test
    void methodNamesAreCaseSensitive()
    {
        RawHttp.Response dump = RawHttp.exchange(base, RawHttp.request("get", base, "dump/x"));
        assertEquals(200, dump.status());
        assertEquals("get", KeyValues.parse(dump.text()).get("method"));
        assertEquals(501, RawHttp.exchange(base, RawHttp.request("get", base, "get-only")).status());
    }
}
