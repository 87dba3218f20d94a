package io.lyger.tck.support;

import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Request texts with a body for {@link RawHttp#send(String)} (written as ISO-8859-1, so one char is one byte):
 * <pre>{@code
 * RawHttp.exchange(base, RawRequests.post(base, "echo", "4\r\ndata\r\n0\r\n\r\n", "Transfer-Encoding: chunked"));
 * RawHttp.exchange(base, RawRequests.form(base, "params", "a=1&b=2"));
 * }</pre>
 */
public final class RawRequests
{
    private RawRequests()
    {
    }

    /** @return {@code method} of {@code path} with {@code Host}, the header lines as given (the framing too), then {@code body}. */
    public static String request(String method, URL base, String path, String body, String... headerLines)
    {
        StringBuilder request = new StringBuilder(method).append(' ').append(RawHttp.path(base, path)).append(" HTTP/1.1\r\nHost: ")
            .append(RawHttp.host(base)).append("\r\n");
        for (String line : headerLines)
            request.append(line).append("\r\n");
        return request.append("\r\n").append(body).toString();
    }

    /** @return a POST with the header lines as given (the framing too), then {@code body}. */
    public static String post(URL base, String path, String body, String... headerLines)
    {
        return request("POST", base, path, body, headerLines);
    }

    /** @return a POST of {@code body} with its {@code Content-Type} and {@code Content-Length}, then the header lines. */
    public static String postAs(URL base, String path, String contentType, String body, String... headerLines)
    {
        String[] lines = new String[headerLines.length + 2];
        lines[0] = "Content-Type: " + contentType;
        lines[1] = "Content-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length;
        System.arraycopy(headerLines, 0, lines, 2, headerLines.length);
        return post(base, path, body, lines);
    }

    /** @return a POST of an {@code application/x-www-form-urlencoded} body. */
    public static String form(URL base, String path, String body)
    {
        return postAs(base, path, "application/x-www-form-urlencoded", body);
    }
}
