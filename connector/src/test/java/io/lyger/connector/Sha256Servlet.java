package io.lyger.connector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST|PUT /sha256}: reads the body streaming and answers "&lt;hex sha-256&gt; &lt;byte count&gt;".
 * The request's trailer fields, if any, are reported in the response header {@code X-Request-Trailers}
 * as "name=value" pairs separated by ";" (names lower case, sorted). Read failures propagate to the container.
 */
public class Sha256Servlet extends HttpServlet
{
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        InputStream in = request.getInputStream();
        int n;
        while ((n = in.read(buffer)) >= 0)
        {
            digest.update(buffer, 0, n);
            count += n;
        }
        if (request.isTrailerFieldsReady())
        {
            Map<String, String> trailers = new TreeMap<>();
            request.getTrailerFields().forEach((name, value) -> trailers.put(name.toLowerCase(), value));
            if (!trailers.isEmpty())
            {
                StringBuilder header = new StringBuilder();
                trailers.forEach((name, value) -> header.append(header.length() == 0 ? "" : ";").append(name).append('=').append(value));
                response.setHeader("X-Request-Trailers", header.toString());
            }
        }
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write((HexFormat.of().formatHex(digest.digest()) + " " + count).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        doPost(request, response);
    }

    static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException x)
        {
            throw new IllegalStateException(x);
        }
    }
}
