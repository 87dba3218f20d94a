package io.lyger.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /hello[?id=X]}: text/plain "Hello, World!", or "Hello X" when an id is given (a per-request marker). */
public class HelloServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        String id = request.getParameter("id");
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write((id == null ? "Hello, World!" : "Hello " + id).getBytes(StandardCharsets.UTF_8));
    }
}
