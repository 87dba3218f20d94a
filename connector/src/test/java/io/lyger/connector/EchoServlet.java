package io.lyger.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code POST|PUT /echo}: streams the request body back as it reads it (length unknown: chunked on HTTP/1.1). */
public class EchoServlet extends HttpServlet
{
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setContentType("application/octet-stream");
        byte[] buffer = new byte[16 * 1024];
        InputStream in = request.getInputStream();
        OutputStream out = response.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0)
            out.write(buffer, 0, n);
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        doPost(request, response);
    }
}
