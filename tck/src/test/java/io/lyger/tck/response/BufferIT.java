package io.lyger.tck.response;

import java.net.URL;

import io.lyger.tck.support.RawHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.lyger.tck.response.Scripts.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Buffering and commit (Servlet 6.1 §5.1, §5.5): setBufferSize, isCommitted, flushBuffer, reset, resetBuffer, content length. */
@ExtendWith(ArquillianExtension.class)
class BufferIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return Scripts.archive("response-buffer.war");
    }

    @ArquillianResource
    URL base;

    private RawHttp.Response raw(String... steps)
    {
        return Scripts.exchange(base, steps);
    }

    @Test
    void bufferSizeIsAtLeastWhatWasAsked()
    {
        String notes = raw("buffer:50000", "buffer-size").header("X-Notes");
        int size = Integer.parseInt(notes.substring("buffer-size=".length()));
        assertTrue(size >= 50000, notes);
    }

    @Test
    void writtenButNotFlushedIsNotCommitted()
    {
        RawHttp.Response response = raw("committed", "write:x", "committed");
        assertEquals("committed=false | committed=false", response.header("X-Notes"));
        assertEquals("x", response.text());
    }

    @Test
    void flushBufferCommits()
    {
        RawHttp.Response response = raw("write:x ", "flush", "committed", "notes");
        assertEquals("x committed=true", response.text());
    }

    /** Writing more than the buffer holds commits the response. */
    @Test
    void overflowingTheBufferCommits()
    {
        RawHttp.Response response = raw("buffer:8192", "fill:20000", "committed", "notes");
        assertEquals(200, response.status());
        assertTrue(response.text().endsWith("xcommitted=true"), response.text().substring(19_990));
        assertEquals(20000 + "committed=true".length(), response.body().length);
    }

    @Test
    void resetBufferKeepsStatusAndHeaders()
    {
        RawHttp.Response response = raw("status:201", "set:X-Kept:1", "write:discarded", "reset-buffer", "write:kept");
        assertEquals(201, response.status());
        assertEquals("1", response.header("X-Kept"));
        assertEquals("kept", response.text());
    }

    @Test
    void resetClearsStatusHeadersAndBody()
    {
        RawHttp.Response response = raw("status:201", "set:X-Gone:1", "write:discarded", "reset", "write:after");
        assertEquals(200, response.status());
        assertNull(response.header("X-Gone"));
        assertEquals("after", response.text());
    }

    /** reset also forgets which of getWriter/getOutputStream was used (Servlet 6.0 ServletResponse#reset). */
    @Test
    void resetAllowsTheOtherOutput()
    {
        RawHttp.Response response = raw("writer", "write:discarded", "reset", "bytes:from the stream");
        assertEquals(200, response.status());
        assertEquals("from the stream", response.text());
    }

    @Test
    void resetAfterCommitThrowsIllegalStateException()
    {
        assertEquals("sent reset!IllegalStateException", raw("write:sent ", "flush", "reset", "notes").text());
    }

    @Test
    void resetBufferAfterCommitThrowsIllegalStateException()
    {
        assertEquals("sent reset-buffer!IllegalStateException", raw("write:sent ", "flush", "reset-buffer", "notes").text());
    }

    @Test
    void setBufferSizeAfterWritingThrowsIllegalStateException()
    {
        RawHttp.Response response = raw("write:x", "buffer:100000");
        assertEquals("buffer!IllegalStateException", response.header("X-Notes"));
    }

    /**
     * Once Content-Length bytes are written the response is complete and committed (§5.5): it is sent before the
     * servlet returns (here, 10 s later: far enough that a loaded machine's slow request does not reach it), and
     * later writes are dropped.
     */
    @Test
    void writingTheContentLengthCompletesTheResponse()
    {
        long start = System.nanoTime();
        RawHttp.Response response = raw("length:5", "write:hello", "write: more", "sleep:10000");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("5", response.header("Content-Length"));
        assertEquals("hello", response.text());
        assertTrue(millis < 9000, "the response arrived after " + millis + " ms");
    }

    @Test
    void smallResponseGetsAContentLength()
    {
        RawHttp.Response response = raw("write:hello");
        assertEquals("5", response.header("Content-Length"));
        assertNull(response.header("Transfer-Encoding"));
    }

    @Test
    void setContentLength()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, steps("length:11", "write:hello", "flush", "write: world"))).read();
            assertEquals("11", response.header("Content-Length"));
            assertNull(response.header("Transfer-Encoding"));
            assertEquals("hello world", response.text());
            assertEquals("next", connection.send(RawHttp.get(base, steps("write:next"))).read().text());
        }
    }

    @Test
    void setContentLengthLong()
    {
        RawHttp.Response response = raw("length-long:6", "write:abcdef");
        assertEquals("6", response.header("Content-Length"));
        assertEquals("abcdef", response.text());
    }

    /** A response that flushes before its end, without a length, is chunked (HTTP/1.1). */
    @Test
    void flushedResponseWithoutLengthIsChunked()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, steps("write:one ", "flush", "write:two"))).read();
            assertEquals("chunked", response.header("Transfer-Encoding"));
            assertNull(response.header("Content-Length"));
            assertEquals("one two", response.text());
            assertEquals("next", connection.send(RawHttp.get(base, steps("write:next"))).read().text());
        }
    }

    /** HTTP/1.0 has no chunking: the body ends when the connection closes. */
    @Test
    void flushedResponseToHttp10EndsWithTheConnection()
    {
        String request = "GET " + RawHttp.path(base, steps("write:one ", "flush", "write:two")) + " HTTP/1.0\r\n\r\n";
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(request).read();
            assertNull(response.header("Transfer-Encoding"));
            assertEquals("one two", response.text());
        }
    }

    /** Declared longer than what is written, nothing committed yet: Jetty answers 500 instead (insufficient content). */
    @Test
    void shortOfTheDeclaredLengthBeforeTheCommitIs500()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, steps("length:100", "write:only this"))).read();
            assertEquals(500, response.status());
            assertEquals("next", connection.send(RawHttp.get(base, steps("write:next"))).read().text());
        }
    }

    /** Declared longer than what is written after the commit: the connection is closed, the body not padded. */
    @Test
    void shortOfTheDeclaredLengthAfterTheCommitClosesTheConnection()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(RawHttp.get(base, steps("length:100", "write:only this", "flush")));
            try
            {
                RawHttp.Response response = connection.read();
                throw new AssertionError("a whole response of " + response.body().length + " bytes");
            }
            catch (java.io.UncheckedIOException expected)
            {
                assertTrue(expected.getMessage().contains("closed"), expected.getMessage());
            }
        }
    }
}
