package org.example.loader;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Says which class loader loaded it: the web application's, or the test class path's. Outside {@code io.lyger.}
 * on purpose: Lyger hides its own packages from web applications (as Jetty hides its server classes), so a class of
 * {@code io.lyger.} is never taken from the parent loader, whatever the class loading order.
 */
@WebServlet("/loader")
public class LoaderServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.getWriter().print(getClass().getClassLoader().getClass().getSimpleName());
    }
}
