package io.lyger.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /status?code=N}: answers status N, with body "status N" unless N is 204 or 304. */
public class StatusServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        int code = Integer.parseInt(request.getParameter("code"));
        response.setStatus(code);
        if (code != 204 && code != 304)
        {
            response.setContentType("text/plain;charset=utf-8");
            response.getOutputStream().write(("status " + code).getBytes(StandardCharsets.UTF_8));
        }
    }
}
