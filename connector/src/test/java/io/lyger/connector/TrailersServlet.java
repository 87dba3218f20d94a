package io.lyger.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /trailers?trailer=Name:value&part=text&flush=true}: sets the trailer fields (setTrailerFields), then writes
 * each part, flushing after each but the last when {@code flush} is given.
 */
public class TrailersServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        Map<String, String> trailers = new LinkedHashMap<>();
        String[] given = request.getParameterValues("trailer");
        for (String trailer : given == null ? new String[0] : given)
        {
            int colon = trailer.indexOf(':');
            trailers.put(trailer.substring(0, colon), trailer.substring(colon + 1));
        }
        response.setContentType("text/plain;charset=utf-8");
        response.setTrailerFields(() -> trailers);
        boolean flush = request.getParameter("flush") != null;
        String[] parts = request.getParameterValues("part");
        ServletOutputStream out = response.getOutputStream();
        for (int i = 0; parts != null && i < parts.length; i++)
        {
            out.write(parts[i].getBytes(StandardCharsets.UTF_8));
            if (flush && i < parts.length - 1)
                out.flush();
        }
    }
}
