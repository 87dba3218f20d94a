package io.lyger.tck.response;

import java.io.IOException;
import java.net.URL;

import io.lyger.tck.support.RawHttp;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.lyger.tck.response.Scripts.steps;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** getWriter/getOutputStream, binary and large bodies, HEAD. */
@ExtendWith(ArquillianExtension.class)
class OutputIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return Scripts.archive("response-output.war").addClasses(Bytes.class);
    }

    @ArquillianResource
    URL base;

    /** {@code ?n=N}: N bytes, byte i = i * 7 mod 256, in writes of 1000, then whatever HEAD or GET does. */
    @WebServlet("/bytes")
    public static class Bytes extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            int n = Integer.parseInt(request.getParameter("n"));
            response.setContentType("application/octet-stream");
            if (request.getParameter("length") != null)
                response.setContentLength(n);
            byte[] all = expected(n);
            for (int offset = 0; offset < n; offset += 1000)
                response.getOutputStream().write(all, offset, Math.min(1000, n - offset));
        }

        static byte[] expected(int n)
        {
            byte[] bytes = new byte[n];
            for (int i = 0; i < n; i++)
                bytes[i] = (byte) (i * 7);
            return bytes;
        }
    }

    @Test
    void getOutputStreamAfterGetWriterThrowsIllegalStateException()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, steps("writer", "stream", "write:w")));
        assertEquals("stream!IllegalStateException", response.header("X-Notes"));
        assertEquals("w", response.text());
    }

    @Test
    void getWriterAfterGetOutputStreamThrowsIllegalStateException()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, steps("stream", "writer", "bytes:s")));
        assertEquals("writer!IllegalStateException", response.header("X-Notes"));
        assertEquals("s", response.text());
    }

    @Test
    void binaryBodyIsExact()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "bytes?n=100000&length=1"));
        assertEquals("100000", response.header("Content-Length"));
        assertArrayEquals(Bytes.expected(100_000), response.body());
    }

    /** Larger than the buffer and no length: chunked, every byte there. */
    @Test
    void largeBodyWithoutLengthIsChunked()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, "bytes?n=3000000")).read();
            assertEquals("chunked", response.header("Transfer-Encoding"));
            assertArrayEquals(Bytes.expected(3_000_000), response.body());
            assertEquals(200, connection.send(RawHttp.get(base, "bytes?n=10")).read().status());
        }
    }

    @Test
    void largeBodyWithLength()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "bytes?n=3000000&length=1"));
        assertEquals("3000000", response.header("Content-Length"));
        assertNull(response.header("Transfer-Encoding"));
        assertArrayEquals(Bytes.expected(3_000_000), response.body());
    }

    /** HEAD: the headers GET would have, no body, even for a large one; the connection goes on. */
    @Test
    void headOfALargeBody()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response head = connection.send(RawHttp.request("HEAD", base, "bytes?n=500000&length=1")).read();
            assertEquals(200, head.status());
            assertEquals("500000", head.header("Content-Length"));
            assertEquals("application/octet-stream", head.header("Content-Type"));
            RawHttp.Response next = connection.send(RawHttp.get(base, "bytes?n=10&length=1")).read();
            assertArrayEquals(Bytes.expected(10), next.body());
        }
    }

    @Test
    void headOfAChunkedBody()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response head = connection.send(RawHttp.request("HEAD", base, "bytes?n=500000")).read();
            assertEquals(200, head.status());
            RawHttp.Response next = connection.send(RawHttp.get(base, "bytes?n=10&length=1")).read();
            assertArrayEquals(Bytes.expected(10), next.body());
        }
    }

    @Test
    void writerFlushCommits()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, steps("write:a ", "flush-writer", "committed", "notes")));
        assertEquals("a committed=true", response.text());
    }

    /** The writer's characters are encoded once, across buffer boundaries (a multi-byte char split by a flush). */
    @Test
    void multiByteCharactersAcrossFlushes()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, steps("type:text/plain;charset=UTF-8",
            "write:\u20ac", "flush-writer", "write:\uD83D\uDE00", "flush", "write:\u00e9")));
        assertEquals("\u20ac\uD83D\uDE00\u00e9", response.text());
    }

    /** Writes after close are ignored; the response is what was written before. */
    @Test
    void writesAfterCloseAreIgnored()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, steps("write:closed", "close", "write:ignored")));
        assertEquals("closed", response.text());
    }
}
