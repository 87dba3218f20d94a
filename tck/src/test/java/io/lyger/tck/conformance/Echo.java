package io.lyger.tck.conformance;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every target of the conformance deployment but {@code /probe} and {@code /status}: reads the whole body, answers
 * 200 with {@code X-Read: n} when it read n > 0 bytes, and a text of what it saw (method, target, version, host,
 * headers, the body's length and SHA-256) for whoever reads the vector's response by hand.
 */
@WebServlet("/*")
public class Echo extends HttpServlet
{
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        byte[] body = request.getInputStream().readAllBytes();
        if (body.length > 0)
            response.setHeader("X-Read", String.valueOf(body.length));
        StringBuilder text = new StringBuilder();
        text.append(request.getMethod()).append(' ').append(request.getRequestURI())
            .append(request.getQueryString() == null ? "" : "?" + request.getQueryString())
            .append(' ').append(request.getProtocol()).append('\n');
        text.append("server: ").append(request.getServerName()).append(':').append(request.getServerPort()).append('\n');
        for (String name : Collections.list(request.getHeaderNames()))
        {
            for (String value : Collections.list(request.getHeaders(name)))
                text.append(name).append(": ").append(value).append('\n');
        }
        text.append("body: ").append(body.length).append(" bytes, sha256 ").append(sha256(body)).append('\n');
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(text);
    }

    private static String sha256(byte[] bytes)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException x)
        {
            throw new IllegalStateException(x);
        }
    }
}
