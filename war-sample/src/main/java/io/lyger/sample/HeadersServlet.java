package io.lyger.sample;

import java.io.IOException;
import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /headers} (any method): echoes the request as text: first line {@code METHOD URI PROTOCOL} (URI with its
 * query string, as received), then one {@code Name: value} line per header value, in arrival order; then an empty
 * line and the connection as the application sees it ({@code getRemoteAddr()}, {@code getRemotePort()},
 * {@code getLocalAddr()}, {@code getLocalPort()}: behind a proxy speaking the PROXY protocol, or with forwarded
 * headers honoured, the client's and the proxy's front addresses), one {@code name: value} line each:
 * {@code remote-addr}, {@code remote-port}, {@code local-addr}, {@code local-port}.
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
        text.append('\n')
            .append("remote-addr: ").append(request.getRemoteAddr()).append('\n')
            .append("remote-port: ").append(request.getRemotePort()).append('\n')
            .append("local-addr: ").append(request.getLocalAddr()).append('\n')
            .append("local-port: ").append(request.getLocalPort()).append('\n');
        text(response, text.toString());
    }
}
