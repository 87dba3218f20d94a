package io.lyger.launcher.testwar;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Part of the test WARs (SecureWars): says who the container authenticated and whether they are an admin. */
public class WhoAmIServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setContentType("text/plain");
        response.getWriter().print("user=" + request.getRemoteUser() + " admin=" + request.isUserInRole("admin")
            + " auth=" + request.getAuthType());
    }
}
