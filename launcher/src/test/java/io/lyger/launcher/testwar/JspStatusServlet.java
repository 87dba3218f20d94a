package io.lyger.launcher.testwar;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Part of the test WARs of ContainerIT: whether the web application has JSP support, as the application sees it (the
 * {@code jsp} servlet registered, the TLD cache Jasper's initializer leaves in the context).
 */
@WebServlet("/jsp-status")
public class JspStatusServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setContentType("text/plain");
        response.getWriter().print("jsp-servlet=" + (getServletContext().getServletRegistration("jsp") != null)
            + " jasper=" + (getServletContext().getAttribute("org.apache.jasper.compiler.TldCache") != null));
    }
}
