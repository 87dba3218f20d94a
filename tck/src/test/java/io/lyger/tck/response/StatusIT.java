package io.lyger.tck.response;

import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.lyger.tck.response.Scripts.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Status codes: setStatus, sendError (with and without message, after commit), bodiless statuses, 1xx interim responses. */
@ExtendWith(ArquillianExtension.class)
class StatusIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return Scripts.archive("response-status.war");
    }

    @ArquillianResource
    URL base;

    @Test
    void defaultStatusIs200()
    {
        HttpResponse<String> response = Http.get(base, steps("write:fine"));
        assertEquals(200, response.statusCode());
        assertEquals("fine", response.body());
    }

    @Test
    void setStatusIsSent()
    {
        HttpResponse<String> response = Http.get(base, steps("status:201", "write:created"));
        assertEquals(201, response.statusCode());
        assertEquals("created", response.body());
    }

    @Test
    void unregisteredStatusCodeIsSent()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, steps("status:299", "write:odd")));
        assertEquals(299, response.status());
        assertEquals("odd", response.text());
    }

    @Test
    void getStatusReflectsSetStatus()
    {
        HttpResponse<String> response = Http.get(base, steps("status?", "status:202", "status?"));
        assertEquals("status=200 | status=202", response.headers().firstValue("X-Notes").orElse(null));
    }

    /** 204 has no body whatever the servlet writes (RFC 9110 §15.3.5); the connection goes on. */
    @Test
    void noContentHasNoBody()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, steps("status:204", "write:dropped"))).read();
            assertEquals(204, response.status());
            assertNull(response.header("Transfer-Encoding"));
            String length = response.header("Content-Length");
            assertTrue(length == null || length.equals("0"), "Content-Length " + length);
            RawHttp.Response next = connection.send(RawHttp.get(base, steps("write:next"))).read();
            assertEquals("next", next.text(), "no stray body bytes before the next response");
        }
    }

    /** 304 has no body (RFC 9110 §15.4.5); the connection goes on. */
    @Test
    void notModifiedHasNoBody()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, steps("status:304", "write:dropped"))).read();
            assertEquals(304, response.status());
            assertNull(response.header("Transfer-Encoding"));
            RawHttp.Response next = connection.send(RawHttp.get(base, steps("write:next"))).read();
            assertEquals("next", next.text(), "no stray body bytes before the next response");
        }
    }

    @Test
    void sendErrorWithMessage()
    {
        HttpResponse<String> response = Http.get(base, steps("error:418:short and stout"));
        assertEquals(418, response.statusCode());
        assertTrue(response.body().contains("short and stout"), response.body());
    }

    @Test
    void sendErrorWithoutMessage()
    {
        HttpResponse<String> response = Http.get(base, steps("error:404"));
        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    /** sendError clears the buffer: what was written before is not sent. */
    @Test
    void sendErrorDiscardsBufferedContent()
    {
        HttpResponse<String> response = Http.get(base, steps("fill:64", "error:500:oops", "fill:64"));
        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("oops"), response.body());
        assertFalse(response.body().contains("x".repeat(64)), response.body());
    }

    /** The server preserves the headers set before sendError (HttpServletResponse#sendError). */
    @Test
    void sendErrorPreservesHeaders()
    {
        HttpResponse<String> response = Http.get(base, steps("set:X-Kept:yes", "error:503"));
        assertEquals(503, response.statusCode());
        assertEquals("yes", response.headers().firstValue("X-Kept").orElse(null));
    }

    @Test
    void sendErrorAfterCommitThrowsIllegalStateException()
    {
        HttpResponse<String> response = Http.get(base, steps("write:sent ", "flush", "error:500", "notes"));
        assertEquals(200, response.statusCode());
        assertEquals("sent error!IllegalStateException", response.body());
    }

    @Test
    void setStatusAfterCommitIsIgnored()
    {
        HttpResponse<String> response = Http.get(base, steps("write:sent", "flush", "status:500", "write:!"));
        assertEquals(200, response.statusCode());
        assertEquals("sent!", response.body());
    }

    /** Jetty sends sendError(103) as an interim 103 Early Hints with the headers set so far (RFC 8297). */
    @Test
    void earlyHintsAsAnInterimResponse()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(RawHttp.get(base, steps("set:Link:</style.css>; rel=preload", "error:103", "write:final")));
            RawHttp.Response hints = connection.read();
            assertEquals(103, hints.status());
            assertEquals("</style.css>; rel=preload", hints.header("Link"));
            RawHttp.Response response = connection.read();
            assertEquals(200, response.status());
            assertEquals("final", response.text());
        }
    }

    /** 102 Processing likewise (RFC 2518), any number of them before the final response. */
    @Test
    void processingInterimResponses()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(RawHttp.get(base, steps("error:102", "error:102", "status:201", "write:done")));
            assertEquals(102, connection.read().status());
            assertEquals(102, connection.read().status());
            RawHttp.Response response = connection.read();
            assertEquals(201, response.status());
            assertEquals("done", response.text());
        }
    }
}
