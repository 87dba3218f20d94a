package io.lyger.sample;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /bytes?n=N[&chunked=true]}: streams the first N bytes of {@link SampleBytes} as application/octet-stream,
 * with a Content-Length, or chunked (committed before any byte, without a length) when {@code chunked=true}.
 */
public class BytesServlet extends SampleServlet
{
    /** 64 GiB: large enough for any transfer test, small enough to reject typos. */
    static final long MAX = 64L << 30;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        long n = Params.requiredLong(request, "n", 0, MAX);
        boolean chunked = Boolean.parseBoolean(request.getParameter("chunked"));
        response.setContentType("application/octet-stream");
        if (chunked)
            response.flushBuffer();
        else
            response.setContentLengthLong(n);
        SampleBytes.write(response.getOutputStream(), n, 16 * 1024);
    }
}
