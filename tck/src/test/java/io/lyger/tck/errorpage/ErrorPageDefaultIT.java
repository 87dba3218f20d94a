package io.lyger.tck.errorpage;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
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
 * No error pages declared: the container's own error page (Jetty's ErrorHandler: HTML by default, the message escaped,
 * plain text or JSON by Accept), the status line, sendError resetting the buffer, keeping cookies, refused once committed.
 */
@ExtendWith(ArquillianExtension.class)
class ErrorPageDefaultIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "errorpage-default.war").addClasses(TextServlet.class, Fail.class);
    }

    @ArquillianResource
    URL base;

    @WebServlet("/fail")
    public static class Fail extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
        {
            switch (request.getParameter("how"))
            {
                case "message" -> response.sendError(403, request.getParameter("msg"));
                case "buffered" ->
                {
                    response.getWriter().print("buffered secret output");
                    response.sendError(404);
                }
                case "cookie" ->
                {
                    response.addCookie(new Cookie("kept", "yes"));
                    response.sendError(400);
                }
                case "committed" ->
                {
                    response.setContentType("text/plain;charset=UTF-8");
                    response.getWriter().print("committed;");
                    response.flushBuffer();
                    response.getWriter().print(result(() -> {
                        response.sendError(500);
                        return "sent";
                    }));
                }
                default -> throw new ServletException("unhandled");
            }
            return null;
        }
    }

    @Test
    void defaultErrorPageShowsStatusAndMessageAsHtml()
    {
        HttpResponse<String> response = Http.get(base, "fail?how=message&msg=Forbidden+stuff");
        assertEquals(403, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), response.headers().toString());
        assertTrue(response.body().contains("403") && response.body().contains("Forbidden stuff"), response.body());
    }

    @Test
    void messageIsHtmlEscaped()
    {
        HttpResponse<String> response = Http.get(base, "fail?how=message&msg=%3Cb%3Ebold%3C%2Fb%3E");
        assertEquals(403, response.statusCode());
        assertFalse(response.body().contains("<b>bold</b>"), response.body());
        assertTrue(response.body().contains("&lt;b&gt;bold&lt;/b&gt;"), response.body());
    }

    @Test
    void plainTextErrorPageWhenThatIsWhatTheClientAccepts()
    {
        HttpResponse<String> response = Http.get(base, "fail?how=message&msg=plain", "Accept", "text/plain");
        assertEquals(403, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), response.headers().toString());
        assertTrue(response.body().contains("plain") && !response.body().contains("<html"), response.body());
    }

    @Test
    void jsonErrorPageWhenThatIsWhatTheClientAccepts()
    {
        HttpResponse<String> response = Http.get(base, "fail?how=message&msg=json", "Accept", "application/json");
        assertEquals(403, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.headers().toString());
        assertTrue(response.body().trim().startsWith("{") && response.body().contains("\"json\""), response.body());
    }

    @Test
    void statusLineHasTheStandardReasonNotTheMessage()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "fail?how=message&msg=custom+text", "Connection: close"));
        assertEquals("HTTP/1.1 403 Forbidden", response.statusLine());
    }

    @Test
    void uncaughtExceptionIs500()
    {
        HttpResponse<String> response = Http.get(base, "fail?how=throw");
        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("500"), response.body());
    }

    @Test
    void sendErrorDiscardsBufferedOutput()
    {
        HttpResponse<String> response = Http.get(base, "fail?how=buffered");
        assertEquals(404, response.statusCode());
        assertFalse(response.body().contains("buffered secret output"), response.body());
    }

    @Test
    void sendErrorKeepsCookies()
    {
        HttpResponse<String> response = Http.get(base, "fail?how=cookie");
        assertEquals(400, response.statusCode());
        assertTrue(response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("kept=yes")), response.headers().toString());
    }

    @Test
    void sendErrorAfterCommitThrowsIllegalState()
    {
        HttpResponse<String> response = Http.get(base, "fail?how=committed");
        assertEquals(200, response.statusCode());
        assertEquals("committed;!IllegalStateException", response.body());
    }
}
