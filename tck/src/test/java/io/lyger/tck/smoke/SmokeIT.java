package io.lyger.tck.smoke;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline itself: a deployment served at its archive name, plain and chunked responses, a 404. */
@ExtendWith(ArquillianExtension.class)
class SmokeIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "smoke.war").addClasses(Hello.class, Echo.class, Chunks.class);
    }

    @ArquillianResource
    URL base;

    @WebServlet("/hello")
    public static class Hello extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("hello " + request.getContextPath() + request.getServletPath());
        }
    }

    @WebServlet("/echo")
    public static class Echo extends HttpServlet
    {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print(new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Three flushed parts and no content length: a chunked response. */
    @WebServlet("/chunks")
    public static class Chunks extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/plain;charset=UTF-8");
            PrintWriter writer = response.getWriter();
            for (String part : new String[] {"one,", "two,", "three"})
            {
                writer.print(part);
                writer.flush();
            }
        }
    }

    @Test
    void baseUrlIsTheContextPathWithATrailingSlash()
    {
        assertEquals("/smoke/", base.getPath());
        assertEquals("http", base.getProtocol());
    }

    @Test
    void servletAnswersAtItsMapping()
    {
        HttpResponse<String> response = Http.get(base, "hello");
        assertEquals(200, response.statusCode());
        assertEquals("hello /smoke/hello", response.body());
        assertEquals("text/plain;charset=utf-8", response.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));
    }

    @Test
    void postBodyReachesTheServlet()
    {
        HttpResponse<String> response = Http.post(base, "echo", "text/plain;charset=UTF-8", "héllo wörld");
        assertEquals(200, response.statusCode());
        assertEquals("héllo wörld", response.body());
    }

    /** On a persistent connection (with Connection: close, Jetty ends the body by closing instead: both are valid). */
    @Test
    void flushedResponseIsChunked()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, "chunks")).read();
            assertEquals(200, response.status());
            assertEquals("chunked", response.header("Transfer-Encoding"));
            assertNull(response.header("Content-Length"));
            assertEquals("one,two,three", response.text());
            assertEquals(200, connection.send(RawHttp.get(base, "hello")).read().status(), "the connection is reused");
        }
    }

    @Test
    void unmappedPathIs404()
    {
        HttpResponse<String> response = Http.get(base, "no-such-servlet");
        assertEquals(404, response.statusCode());
        assertTrue(Http.get(base, "hello").statusCode() == 200, "the deployment still answers after a 404");
    }
}
