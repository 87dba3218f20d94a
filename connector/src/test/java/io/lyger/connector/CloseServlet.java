package io.lyger.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /close}: answers "closing" with the response header {@code Connection: close}. */
public class CloseServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setHeader("Connection", "close");
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write("closing".getBytes(StandardCharsets.UTF_8));
    }
}
