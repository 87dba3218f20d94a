package io.lyger.tck.response;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.WebXml;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.lyger.tck.response.Scripts.at;
import static io.lyger.tck.response.Scripts.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sendRedirect (HttpServletResponse): 302 by default, other 3xx, relative locations resolved against the request
 * (Jetty sends them as absolute paths, RFC 9110 §10.2.2 allows relative references), the buffer cleared or kept.
 */
@ExtendWith(ArquillianExtension.class)
class RedirectIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return Scripts.archive("response-redirect.war", WebXml.webApp().servlet("nested", Script.class, "/dir/sub/script"));
    }

    @ArquillianResource
    URL base;

    /** @return the Location of {@code response}, resolved against the URL that was requested. */
    private static URI location(HttpResponse<String> response)
    {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location"));
        return response.uri().resolve(location);
    }

    private URI expected(String path)
    {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + path);
    }

    @Test
    void redirectIs302ByDefault()
    {
        HttpResponse<String> response = Http.get(base, steps("redirect:target"));
        assertEquals(302, response.statusCode());
    }

    /** A location without a leading '/' is relative to the request URI. */
    @Test
    void relativeLocationIsResolvedAgainstTheRequest()
    {
        HttpResponse<String> response = Http.get(base, at("dir/sub/script", "redirect:target"));
        assertEquals(expected("/response-redirect/dir/sub/target"), location(response));
    }

    /** A location with a leading '/' is relative to the container root, not the context. */
    @Test
    void slashLocationIsRelativeToTheServerRoot()
    {
        HttpResponse<String> response = Http.get(base, at("dir/sub/script", "redirect:/elsewhere/page"));
        assertEquals(expected("/elsewhere/page"), location(response));
    }

    @Test
    void absoluteUrlIsSentAsIs()
    {
        HttpResponse<String> response = Http.get(base, steps("redirect:https://example.com/some/where?x=1"));
        assertEquals("https://example.com/some/where?x=1", response.headers().firstValue("Location").orElse(null));
    }

    /** Dot segments of a relative location are removed before it is sent. */
    @Test
    void dotSegmentsAreNormalized()
    {
        HttpResponse<String> response = Http.get(base, at("dir/sub/script", "redirect:../up/./there"));
        String location = response.headers().firstValue("Location").orElse("");
        assertFalse(location.contains("..") || location.contains("/./"), location);
        assertEquals(expected("/response-redirect/dir/up/there"), location(response));
    }

    @Test
    void queryOfTheLocationIsKept()
    {
        HttpResponse<String> response = Http.get(base, steps("redirect:target?a=1&b=two"));
        assertEquals(expected("/response-redirect/target?a=1&b=two"), location(response));
    }

    /** Servlet 6.1 sendRedirect(location, status). */
    @Test
    void redirectWithStatus()
    {
        for (int status : new int[] {301, 303, 307, 308})
        {
            HttpResponse<String> response = Http.get(base, steps("redirect-status:" + status + ":moved"));
            assertEquals(status, response.statusCode());
            assertEquals(expected("/response-redirect/moved"), location(response));
        }
    }

    @Test
    void redirectWithANonRedirectStatusFails()
    {
        HttpResponse<String> response = Http.get(base, steps("redirect-status:200:x"));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty());
        assertTrue(response.headers().firstValue("X-Notes").orElse("").startsWith("redirect-status!"),
            response.headers().toString());
    }

    @Test
    void redirectAfterCommitThrowsIllegalStateException()
    {
        HttpResponse<String> response = Http.get(base, steps("write:sent ", "flush", "redirect:x", "notes"));
        assertEquals(200, response.statusCode());
        assertEquals("sent redirect!IllegalStateException", response.body());
    }

    @Test
    void redirectClearsTheBuffer()
    {
        HttpResponse<String> response = Http.get(base, steps("write:buffered", "redirect:target"));
        assertEquals(302, response.statusCode());
        assertFalse(response.body().contains("buffered"), response.body());
    }

    /** Servlet 6.1 sendRedirect(location, false): what was written is the body of the redirect. */
    @Test
    void redirectKeepingTheBuffer()
    {
        HttpResponse<String> response = Http.get(base, steps("write:see elsewhere", "redirect-keep:target"));
        assertEquals(302, response.statusCode());
        assertEquals("see elsewhere", response.body());
        assertEquals(expected("/response-redirect/target"), location(response));
    }

    @Test
    void headersSetBeforeTheRedirectAreKept()
    {
        HttpResponse<String> response = Http.get(base, steps("set:X-Kept:yes", "redirect:target"));
        assertEquals("yes", response.headers().firstValue("X-Kept").orElse(null));
    }

    @Test
    void writesAfterTheRedirectAreIgnored()
    {
        HttpResponse<String> response = Http.get(base, steps("redirect:target", "write:late", "set:X-Late:1"));
        assertEquals(302, response.statusCode());
        assertFalse(response.body().contains("late"));
        assertTrue(response.headers().firstValue("X-Late").isEmpty());
    }
}
