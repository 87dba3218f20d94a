package io.lyger.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /address}: the connection's addresses as the application sees them, one line:
 * {@code remote=ADDR:PORT local=ADDR:PORT} from {@code getRemoteAddr()}, {@code getRemotePort()}, {@code getLocalAddr()},
 * {@code getLocalPort()} (behind a PROXY protocol header or a forwarded customizer, those of the client).
 */
public class AddressServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setContentType("text/plain;charset=utf-8");
        String line = "remote=" + request.getRemoteAddr() + ":" + request.getRemotePort()
            + " local=" + request.getLocalAddr() + ":" + request.getLocalPort();
        response.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
    }
}
