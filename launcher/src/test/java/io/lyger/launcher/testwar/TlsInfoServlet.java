package io.lyger.launcher.testwar;

import java.io.IOException;
import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Part of the {@code tls} test WAR (SecureWars): what a servlet learns of the connection's TLS. */
public class TlsInfoServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        X509Certificate[] chain = (X509Certificate[])request.getAttribute("jakarta.servlet.request.X509Certificate");
        response.setContentType("text/plain");
        response.getWriter().print("scheme=" + request.getScheme() + " secure=" + request.isSecure()
            + " cipher=" + request.getAttribute("jakarta.servlet.request.cipher_suite")
            + " client=" + (chain == null || chain.length == 0 ? "none" : chain[0].getSubjectX500Principal().getName()));
    }
}
