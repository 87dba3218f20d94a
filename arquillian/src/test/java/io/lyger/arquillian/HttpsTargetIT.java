package io.lyger.arquillian;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A deployment that targets the container qualified {@code https} in arquillian.xml (configured with Jetty's adapter's
 * names: {@code ssl}, {@code keystorePath}, {@code httpConfigurationProperties}, {@code inferredEncodings}) gets the
 * HTTPS listener's URL, and a client reaches it there.
 */
@ExtendWith(ArquillianExtension.class)
class HttpsTargetIT
{
    @Deployment(testable = false)
    @TargetsContainer("https")
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "secure-target.war").addClasses(Scheme.class, Redirect.class);
    }

    @ArquillianResource
    URL base;

    @WebServlet("/scheme")
    public static class Scheme extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/html");
            response.getWriter().print(request.getScheme() + " secure=" + request.isSecure());
        }
    }

    @WebServlet("/redirect")
    public static class Redirect extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.sendRedirect("scheme");
        }
    }

    static HttpResponse<String> get(HttpClient client, URL base, String path)
    {
        return TestHttp.send(client, HttpRequest.newBuilder(TestHttp.uri(base, path)).timeout(Duration.ofSeconds(20)).build());
    }

    @Test
    void deploymentUrlIsTheHttpsListeners() throws Exception
    {
        assertEquals("https", base.getProtocol());
        assertEquals("127.0.0.1", base.getHost());
        assertEquals("/secure-target/", base.getPath());
        HttpResponse<String> response = get(TestHttp.tlsClient(), base, "scheme");
        assertEquals(200, response.statusCode());
        assertEquals("https secure=true", response.body());
        // inferredEncodings of arquillian.xml: text/html iso-8859-1 (utf-8 is Jetty's default)
        assertEquals("text/html;charset=iso-8859-1", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void plainListenerIsReachableByName(@ArquillianResource @TargetsContainer(LygerContainer.HTTP_CONTEXT) URL plain)
    {
        assertEquals("http", plain.getProtocol());
        assertNotEquals(base.getPort(), plain.getPort());
        HttpResponse<String> response = get(HttpClient.newHttpClient(), plain, "scheme");
        assertEquals(200, response.statusCode());
        assertEquals("http secure=false", response.body());
    }

    /** httpConfigurationProperties of arquillian.xml: relativeRedirectAllowed false. */
    @Test
    void redirectIsAbsoluteOnTheHttpsListener() throws Exception
    {
        HttpResponse<String> response = get(TestHttp.tlsClient(), base, "redirect");
        assertEquals(302, response.statusCode());
        assertEquals("https://127.0.0.1:" + base.getPort() + "/secure-target/scheme", response.headers().firstValue("Location").orElse(""));
    }
}
