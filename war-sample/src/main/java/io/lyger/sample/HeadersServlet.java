package io.lyger.sample;

import java.io.IOException;
import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /headers} (any method): echoes the request as text: first line {@code METHOD URI PROTOCOL} (URI with its
 * query string, as received), then one {@code Name: value} line per header value, in arrival order.
 */
public class HeadersServlet extends SampleServlet
{
    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        StringBuilder text = new StringBuilder(512);
        text.append(request.getMethod()).append(' ').append(request.getRequestURI());
        if (request.getQueryString() != null)
            text.append('?').append(request.getQueryString());
        text.append(' ').append(request.getProtocol()).append('\n');
        for (String name : Collections.list(request.getHeaderNames()))
        {
            for (String value : Collections.list(request.getHeaders(name)))
            {
                text.append(name).append(": ").append(value).append('\n');
            }
        }
        text(response, text.toString());
    }
}
