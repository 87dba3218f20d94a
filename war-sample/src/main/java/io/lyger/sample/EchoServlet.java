package io.lyger.sample;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /echo}: streams the request body back with the same content type. The response is committed before
 * the body is read, without a Content-Length, so it is chunked and the body is never held in memory whole.
 */
public class EchoServlet extends SampleServlet
{
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        String contentType = request.getContentType();
        response.setContentType(contentType == null ? "application/octet-stream" : contentType);
        response.flushBuffer();
        byte[] buffer = new byte[16 * 1024];
        InputStream in = request.getInputStream();
        ServletOutputStream out = response.getOutputStream();
        int read;
        while ((read = in.read(buffer)) >= 0)
        {
            out.write(buffer, 0, read);
        }
    }
}
