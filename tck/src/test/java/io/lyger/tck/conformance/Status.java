package io.lyger.tck.conformance;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /status?code=N}: answers N with a short body, without reading the request's body. */
@WebServlet("/status")
public class Status extends HttpServlet
{
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        String code = request.getParameter("code");
        response.setStatus(code == null ? 200 : Integer.parseInt(code));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("status " + code + "\n");
    }
}
