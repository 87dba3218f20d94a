package io.lyger.warm.testapp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test web application: records how each request it serves looks (the warm-up header, Accept, User-Agent,
 * Content-Length, the client's port), one line each; at {@code /report} it lists them instead.
 */
public class HeadersServlet extends HttpServlet
{
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setContentType("text/plain");
        if (request.getRequestURI().equals("/report"))
        {
            StringBuilder text = new StringBuilder();
            for (String seen : SEEN)
                text.append(seen).append('\n');
            response.getWriter().print(text);
            return;
        }
        SEEN.add("marker=" + value(request, "X-Lyger-Warmup") + " accept=" + value(request, "Accept") + " user-agent=" + value(request, "User-Agent")
            + " content-length=" + value(request, "Content-Length") + " port=" + request.getRemotePort());
        response.getWriter().print("ok");
    }

    private static String value(HttpServletRequest request, String name)
    {
        String value = request.getHeader(name);
        return value == null ? "-" : value.replace(' ', '_');
    }
}
