package io.lyger.tck.conformance;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /probe}: the request the test sends after a vector's responses; {@code X-Probe} tells its answer apart. */
@WebServlet("/probe")
public class Probe extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setHeader("X-Probe", "yes");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("probe\n");
    }
}
