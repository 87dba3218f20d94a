package io.lyger.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.server.ConnectionMetaData;

/**
 * {@code GET /connection}: "N M" where N counts this connection's requests in an attribute of Jetty's
 * {@link ConnectionMetaData} (which lives as long as the connection) and M is the identity of the servlet layer's
 * per-connection channel (reused by the connection's requests, as Jetty's HttpConnection reuses it).
 */
public class ConnectionServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        ServletContextRequest jettyRequest = ServletContextRequest.getServletContextRequest(request);
        ConnectionMetaData connection = jettyRequest.getConnectionMetaData();
        Integer count = (Integer)connection.getAttribute("test.requests");
        int requests = count == null ? 1 : count + 1;
        connection.setAttribute("test.requests", requests);
        int channel = System.identityHashCode(jettyRequest.getServletChannel());
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write((requests + " " + channel).getBytes(StandardCharsets.UTF_8));
    }
}
