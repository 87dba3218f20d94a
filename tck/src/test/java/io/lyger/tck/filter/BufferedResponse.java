package io.lyger.tck.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response wrapper that keeps what the servlet writes (through its writer or its stream, as UTF-8) for the filter
 * to transform: {@link #text()} after the chain, then write to the wrapped response. Content lengths the servlet sets
 * are ignored (the filter sets its own).
 */
public class BufferedResponse extends HttpServletResponseWrapper
{
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private PrintWriter writer;
    private ServletOutputStream stream;

    public BufferedResponse(HttpServletResponse response)
    {
        super(response);
    }

    /** @return what was written so far, as UTF-8. */
    public String text()
    {
        if (writer != null)
            writer.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public PrintWriter getWriter()
    {
        if (writer == null)
            writer = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
        return writer;
    }

    @Override
    public ServletOutputStream getOutputStream()
    {
        if (stream == null)
            stream = new Capture(bytes);
        return stream;
    }

    @Override
    public void setContentLength(int length)
    {
        // the filter sets the length of what it sends
    }

    @Override
    public void setContentLengthLong(long length)
    {
        // the filter sets the length of what it sends
    }

    @Override
    public void flushBuffer()
    {
        // nothing is sent until the filter sends it
    }

    @Override
    public void resetBuffer()
    {
        bytes.reset();
    }

    @Override
    public void reset()
    {
        super.reset();
        bytes.reset();
    }

    /** Sends {@code text} as UTF-8 through the wrapped response, with its Content-Length. */
    public void send(String text) throws IOException
    {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        getResponse().setContentLength(body.length);
        getResponse().getOutputStream().write(body);
    }

    /** The stream of {@link #getOutputStream()} (named: ShrinkWrap leaves anonymous classes out of the archive). */
    public static class Capture extends ServletOutputStream
    {
        private final ByteArrayOutputStream bytes;

        public Capture(ByteArrayOutputStream bytes)
        {
            this.bytes = bytes;
        }

        @Override
        public boolean isReady()
        {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(int b)
        {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len)
        {
            bytes.write(b, off, len);
        }
    }
}
