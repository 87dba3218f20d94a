package io.lyger.arquillian;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Through Arquillian's JUnit 5 runner: a testable=false deployment, {@code @ArquillianResource URL}, a real request. */
@ExtendWith(ArquillianExtension.class)
class ClientModeIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "client-mode.war").addClass(Greeting.class);
    }

    @ArquillianResource
    URL base;

    @WebServlet("/greeting")
    public static class Greeting extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("hi from " + request.getContextPath());
        }
    }

    static String get(URI uri) throws IOException, InterruptedException
    {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri + " answered " + response.statusCode());
        return response.body();
    }

    @Test
    void urlIsTheContextRootOnLoopback() throws Exception
    {
        assertEquals("http", base.getProtocol());
        assertEquals("127.0.0.1", base.getHost());
        assertEquals("/client-mode/", base.getPath());
    }

    @Test
    @RunAsClient
    void servletAnswersThroughTheNativeConnector() throws Exception
    {
        assertEquals("hi from /client-mode", get(base.toURI().resolve("greeting")));
    }

    /** The HTTPS listener of arquillian.xml is the HTTPContext named "https". */
    @Test
    void httpsUrlIsInjectedByName(@ArquillianResource @TargetsContainer(LygerContainer.HTTPS_CONTEXT) URL secure) throws Exception
    {
        assertEquals("https", secure.getProtocol());
        assertEquals("/client-mode/", secure.getPath());
        assertNotEquals(base.getPort(), secure.getPort());
        HttpResponse<String> response = TestHttp.send(TestHttp.tlsClient(), HttpRequest.newBuilder(secure.toURI().resolve("greeting")).build());
        assertEquals(200, response.statusCode());
        assertEquals("hi from /client-mode", response.body());
    }
}
