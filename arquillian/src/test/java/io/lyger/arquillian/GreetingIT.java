package io.lyger.arquillian;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

/** The README's example ("Testing with Arquillian"), as it is there. */
@ExtendWith(ArquillianExtension.class)
class GreetingIT
{
    @WebServlet("/hello")
    public static class GreetingServlet extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("Hello, " + request.getParameter("name"));
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "greeting.war").addClass(GreetingServlet.class);
    }

    @ArquillianResource
    URL base; // http://127.0.0.1:<port>/greeting/

    @Test
    void greets() throws Exception
    {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(base.toURI().resolve("hello?name=Lyger")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("Hello, Lyger", response.body());
    }
}
