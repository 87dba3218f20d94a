package io.lyger.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /headers[?...]}: dumps the request as text, one "key: value" a line: method, uri, query, protocol,
 * then every header value as received.
 */
public class HeadersServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        StringBuilder out = new StringBuilder();
        out.append("method: ").append(request.getMethod()).append('\n');
        out.append("uri: ").append(request.getRequestURI()).append('\n');
        out.append("query: ").append(request.getQueryString()).append('\n');
        out.append("protocol: ").append(request.getProtocol()).append('\n');
        for (String name : Collections.list(request.getHeaderNames()))
        {
            for (String value : Collections.list(request.getHeaders(name)))
                out.append(name).append(": ").append(value).append('\n');
        }
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
