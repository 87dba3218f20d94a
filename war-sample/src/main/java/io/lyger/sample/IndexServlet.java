package io.lyger.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /}: an HTML page listing the endpoints (mapped to the context root only, so other paths are 404). */
public class IndexServlet extends SampleServlet
{
    private static final String[][] ENDPOINTS = {
        {"GET", "plaintext", "text/plain \"Hello, World!\""},
        {"GET", "json", "{\"message\":\"Hello, World!\"} as application/json"},
        {"POST", "echo", "streams the request body back, same content type, chunked"},
        {"POST", "sha256", "reads the body and answers \"&lt;hex sha256&gt; &lt;byte count&gt;\""},
        {"GET", "bytes?n=1048576", "N deterministic bytes, byte i = (i*31+7)&amp;0xff; add &amp;chunked=true for chunked"},
        {"GET", "headers", "echoes the request line and headers as text, then the client and local addresses as the application sees them"},
        {"POST", "session", "counts in the HTTP session (creating it): \"id=&lt;session id&gt; count=&lt;n&gt;\"; GET reads it (404 without one), DELETE invalidates it"},
        {"GET", "status?code=418", "answers with that status (sendError for &gt;= 400)"},
        {"GET", "slow?ms=1000", "sleeps, then answers"},
        {"GET", "db", "one random World row as JSON (CDI + JPA on EclipseLink)"},
        {"GET", "queries?n=20", "n random World rows (n clamped to 1..500)"},
        {"GET", "updates?n=20", "n random World rows given new random numbers (writes!)"},
        {"GET", "fortunes", "the Fortune rows and one added at request time, sorted, as an escaped HTML table"},
        {"GET", "stats", "what the beans counted: @Timed calls, update events, when BootClock was constructed"},
    };

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        String base = request.getContextPath() + "/";
        StringBuilder html = new StringBuilder(1024);
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Lyger sample</title></head><body>\n");
        html.append("<h1>Lyger sample</h1>\n<ul>\n");
        for (String[] endpoint : ENDPOINTS)
        {
            html.append("<li>").append(endpoint[0]).append(" <a href=\"").append(base).append(endpoint[1].replace("&", "&amp;"))
                .append("\">/").append(endpoint[1]).append("</a> &mdash; ").append(endpoint[2]).append("</li>\n");
        }
        html.append("</ul>\n</body></html>\n");
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
