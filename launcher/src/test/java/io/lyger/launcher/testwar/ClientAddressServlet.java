package io.lyger.launcher.testwar;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Part of the test WAR of BehindProxyIT: the client and local addresses, and the scheme, as the application sees them. */
public class ClientAddressServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setContentType("text/plain");
        response.getWriter().print("remote=" + request.getRemoteAddr() + ":" + request.getRemotePort()
            + " local=" + request.getLocalAddr() + ":" + request.getLocalPort() + " scheme=" + request.getScheme());
    }
}
