package io.lyger.tck.request;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.RawRequests;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.ServletInputStream;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading request bodies: content length and type, getInputStream/getReader exclusivity, empty, chunked and large
 * bodies, Expect: 100-continue, pipelined bodies, and a body the servlet never reads.
 */
@ExtendWith(ArquillianExtension.class)
class BodyIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "request-body.war").addClasses(TextServlet.class, KeyValues.class, Body.class);
    }

    @ArquillianResource
    URL base;

    /**
     * Header {@code X-Mode}: {@code stream} (default; the body through getInputStream: its length, CRC-32 and, when
     * short, text; isFinished after the end), {@code stream-then-reader}, {@code reader-then-stream},
     * {@code stream-twice} (the same stream object?), {@code none} (the body is not read), {@code error}
     * (sendError(409) without reading the body).
     */
    @WebServlet("/body")
    public static class Body extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            KeyValues values = new KeyValues()
                .put("contentLength", request.getContentLength())
                .put("contentLengthLong", request.getContentLengthLong())
                .put("contentType", request.getContentType());
            String mode = request.getHeader("X-Mode") == null ? "stream" : request.getHeader("X-Mode");
            switch (mode)
            {
                case "none" -> { }
                case "error" -> {
                    response.sendError(409, "not reading that");
                    return null;
                }
                case "stream-then-reader" -> {
                    request.getInputStream();
                    values.put("second", result(request::getReader));
                }
                case "reader-then-stream" -> {
                    request.getReader();
                    values.put("second", result(request::getInputStream));
                }
                case "stream-twice" -> values.put("second", request.getInputStream() == request.getInputStream());
                default -> {
                    ServletInputStream in = request.getInputStream();
                    byte[] bytes = in.readAllBytes();
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    values.put("read", bytes.length).put("crc", crc.getValue()).put("finished", in.isFinished())
                        .put("again", in.read());
                    if (bytes.length <= 100)
                        values.put("text", new String(bytes, StandardCharsets.UTF_8));
                }
            }
            return values.toString();
        }
    }

    static long crc(byte[] bytes)
    {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    static byte[] pattern(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
            bytes[i] = (byte) (i * 31 + (i >> 8));
        return bytes;
    }

    private String post(String body, String... headerLines)
    {
        return RawRequests.post(base, "body", body, headerLines);
    }

    private Map<String, String> exchange(String request)
    {
        RawHttp.Response response = RawHttp.exchange(base, request);
        assertEquals(200, response.status(), response.text());
        return KeyValues.parse(response.text());
    }

    @Test
    void contentLengthAndType()
    {
        Map<String, String> body = exchange(post("hello world", "Content-Type: text/plain; charset=UTF-8", "Content-Length: 11"));
        assertEquals("11", body.get("contentLength"));
        assertEquals("11", body.get("contentLengthLong"));
        // the value as sent, but for case: Jetty's HttpParser substitutes its cached field "text/plain; charset=utf-8"
        assertTrue("text/plain; charset=UTF-8".equalsIgnoreCase(body.get("contentType")), body.get("contentType"));
        assertEquals("hello world", body.get("text"));
        assertEquals("true", body.get("finished"));
        assertEquals("-1", body.get("again"));
    }

    @Test
    void requestWithoutBody()
    {
        Map<String, String> body = exchange(RawHttp.get(base, "body"));
        assertEquals("-1", body.get("contentLength"));
        assertEquals("-1", body.get("contentLengthLong"));
        assertEquals("null", body.get("contentType"));
        assertEquals("0", body.get("read"));
    }

    @Test
    void emptyBodyWithContentLengthZero()
    {
        Map<String, String> body = exchange(post("", "Content-Type: text/plain", "Content-Length: 0"));
        assertEquals("0", body.get("contentLength"));
        assertEquals("0", body.get("read"));
        assertEquals("true", body.get("finished"));
    }

    @Test
    void getReaderAfterGetInputStreamThrowsIllegalStateException()
    {
        assertEquals("!IllegalStateException", exchange(post("abc", "Content-Length: 3", "X-Mode: stream-then-reader")).get("second"));
    }

    @Test
    void getInputStreamAfterGetReaderThrowsIllegalStateException()
    {
        assertEquals("!IllegalStateException", exchange(post("abc", "Content-Length: 3", "X-Mode: reader-then-stream")).get("second"));
    }

    @Test
    void getInputStreamTwiceIsAllowed()
    {
        assertEquals("true", exchange(post("abc", "Content-Length: 3", "X-Mode: stream-twice")).get("second"));
    }

    /** Chunks are joined, extensions dropped; the length is unknown (-1). */
    @Test
    void chunkedBodyIsDecoded()
    {
        Map<String, String> body = exchange(post("5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\n\r\n",
            "Content-Type: text/plain", "Transfer-Encoding: chunked"));
        assertEquals("hello 0123456789", body.get("text"));
        assertEquals("-1", body.get("contentLength"));
        assertEquals("-1", body.get("contentLengthLong"));
        assertEquals("true", body.get("finished"));
    }

    @Test
    void chunkSizesAreHexAndCaseInsensitive()
    {
        String chunk = "x".repeat(0x1a);
        Map<String, String> body = exchange(post("1a\r\n" + chunk + "\r\n1A\r\n" + chunk + "\r\n0\r\n\r\n", "Transfer-Encoding: chunked"));
        assertEquals("52", body.get("read"));
    }

    @Test
    void largeBodyWithContentLength()
    {
        byte[] bytes = pattern(3 * 1024 * 1024 + 17);
        HttpResponse<String> response = Http.send(Http.request(base, "body").header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertEquals(200, response.statusCode());
        Map<String, String> body = KeyValues.parse(response.body());
        assertEquals(String.valueOf(bytes.length), body.get("read"));
        assertEquals(String.valueOf(crc(bytes)), body.get("crc"));
    }

    @Test
    void largeChunkedBodyInManyWrites()
    {
        byte[] bytes = pattern(1024 * 1024 + 5);
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(post("", "Transfer-Encoding: chunked", "Content-Type: application/octet-stream"));
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int offset = 0; offset < bytes.length; offset += 40_000)
            {
                int length = Math.min(40_000, bytes.length - offset);
                chunks.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                chunks.write(bytes, offset, length);
                chunks.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                connection.send(chunks.toByteArray());
                chunks.reset();
            }
            connection.send("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.Response response = connection.read();
            assertEquals(200, response.status());
            Map<String, String> body = KeyValues.parse(response.text());
            assertEquals(String.valueOf(bytes.length), body.get("read"));
            assertEquals(String.valueOf(crc(bytes)), body.get("crc"));
        }
    }

    /** getContentLength is -1 above Integer.MAX_VALUE; getContentLengthLong has the value. */
    @Test
    void contentLengthAboveIntRange()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(post("", "Content-Length: 3000000000", "X-Mode: none")).read();
            assertEquals(200, response.status());
            Map<String, String> body = KeyValues.parse(response.text());
            assertEquals("-1", body.get("contentLength"));
            assertEquals("3000000000", body.get("contentLengthLong"));
        }
    }

    /** The container sends 100 Continue when the servlet starts reading, then the final response. */
    @Test
    void expect100ContinueWhenTheServletReads()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(post("", "Content-Length: 5", "Expect: 100-continue"));
            RawHttp.Response interim = connection.read();
            assertEquals(100, interim.status());
            connection.send("abcde");
            RawHttp.Response response = connection.read();
            assertEquals(200, response.status());
            assertEquals("abcde", KeyValues.parse(response.text()).get("text"));
        }
    }

    /** No 100 Continue when the servlet answers without reading: the final response comes first. */
    @Test
    void noContinueWhenTheServletDoesNotRead()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(post("", "Content-Length: 5", "Expect: 100-continue", "X-Mode: none")).read();
            assertEquals(200, response.status());
            assertEquals("5", KeyValues.parse(response.text()).get("contentLength"));
        }
    }

    /** Two requests with bodies in one write: each body goes to its own request, answers in order. */
    @Test
    void pipelinedRequestsWithBodies()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(post("first", "Content-Length: 5") + post("4\r\nnext\r\n0\r\n\r\n", "Transfer-Encoding: chunked")
                + post("third!", "Content-Length: 6"));
            assertEquals("first", KeyValues.parse(connection.read().text()).get("text"));
            assertEquals("next", KeyValues.parse(connection.read().text()).get("text"));
            assertEquals("third!", KeyValues.parse(connection.read().text()).get("text"));
        }
    }

    /** A body the servlet did not read, fully received: the container discards it and the connection goes on. */
    @Test
    void unreadBodyIsSkippedBeforeTheNextRequest()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(post("GET /not-a-request HTTP/1.1\r\n\r\n", "Content-Length: 31", "X-Mode: none"));
            RawHttp.Response first = connection.read();
            assertEquals(200, first.status());
            RawHttp.Response second = connection.send(post("ok", "Content-Length: 2")).read();
            assertEquals(200, second.status());
            assertEquals("ok", KeyValues.parse(second.text()).get("text"));
        }
    }

    /**
     * The servlet sends an error before the body arrived and never reads it. The server may keep the connection
     * (reading and discarding the body) or close it, but then says so with {@code Connection: close} (RFC 9110
     * §7.6.1, RFC 9112 §9.6), as Jetty does: a client reusing a connection its response left persistent fails
     * (the JDK client: "HTTP/1.1 header parser received no bytes").
     */
    @Test
    void errorBeforeAnUnreadBodyArrivedKeepsOrAnnouncesTheConnection()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response first = connection.send(post("", "Content-Length: 4", "X-Mode: error")).read();
            assertEquals(409, first.status());
            String close = first.header("Connection");
            if (close != null && close.toLowerCase().contains("close"))
                return;
            connection.send("late" + post("ok", "Content-Length: 2"));
            RawHttp.Response second = connection.read();
            assertEquals(200, second.status());
            assertEquals("ok", KeyValues.parse(second.text()).get("text"));
        }
    }

    /** Connection: close from the client: the server answers and closes. */
    @Test
    void connectionCloseFromTheClientClosesAfterTheResponse()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(post("abc", "Content-Length: 3", "Connection: close")).read();
            assertEquals("abc", KeyValues.parse(response.text()).get("text"));
            assertTrue(connection.closedByServer(java.time.Duration.ofSeconds(5)));
        }
    }

    /** A Content-Length that is not a number is a bad request (RFC 9112 §6.3). */
    @Test
    void invalidContentLengthIs400()
    {
        assertEquals(400, RawHttp.exchange(base, post("abc", "Content-Length: 3x")).status());
    }

    /** Content-Length with Transfer-Encoding: chunked is a smuggling vector; Jetty rejects it (RFC 9112 §6.1 allows). */
    @Test
    void contentLengthWithChunkedIs400()
    {
        RawHttp.Response response = RawHttp.exchange(base, post("3\r\nabc\r\n0\r\n\r\n", "Content-Length: 13", "Transfer-Encoding: chunked"));
        assertEquals(400, response.status());
    }
}
