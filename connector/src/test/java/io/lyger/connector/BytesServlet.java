package io.lyger.connector;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /bytes?n=N[&chunked=true]}: the first N bytes of {@link TestPattern}, with a Content-Length unless
 * chunked=true, in which case the length is left unknown and every piece is flushed.
 */
public class BytesServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        long n = Long.parseLong(request.getParameter("n"));
        boolean chunked = Boolean.parseBoolean(request.getParameter("chunked"));
        response.setContentType("application/octet-stream");
        if (!chunked)
            response.setContentLengthLong(n);
        int piece = chunked ? 8 * 1024 : TestPattern.MAX_SLICE;
        byte[] buffer = new byte[piece];
        OutputStream out = response.getOutputStream();
        for (long offset = 0; offset < n; )
        {
            int len = (int)Math.min(piece, n - offset);
            TestPattern.fill(offset, buffer, 0, len);
            out.write(buffer, 0, len);
            if (chunked)
                out.flush();
            offset += len;
        }
    }
}
