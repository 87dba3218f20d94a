package io.lyger.tck.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, for what {@link Http} cannot send or does not show: exact request bytes (any header,
 * malformed requests, pipelining, {@code Expect: 100-continue}, a body cut short) and the response as sent (status
 * line, every header in order, chunked or not).
 * <pre>{@code
 * RawHttp.Response r = RawHttp.exchange(base, RawHttp.get(base, "hello", "Accept: text/plain"));
 * try (RawHttp connection = RawHttp.open(base)) {           // keep-alive, pipelining
 *     connection.send(RawHttp.get(base, "a") + RawHttp.get(base, "b"));
 *     RawHttp.Response a = connection.read(), b = connection.read();
 * }
 * }</pre>
 * Requests are written as ISO-8859-1. {@link #read()} reads one whole response: the body by {@code Content-Length},
 * by chunks (decoded; trailers kept) or up to the end of the connection; none for HEAD (when the request line this
 * connection sent was HEAD), 1xx, 204 and 304.
 */
public final class RawHttp implements AutoCloseable
{
    /** How long a read may wait before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final Pattern REQUEST_LINE = Pattern.compile("(?m)^([A-Z]+) \\S+ HTTP/\\d\\.\\d\\r?$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Deque<String> methods = new ArrayDeque<>();

    private RawHttp(Socket socket) throws IOException
    {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** @return a connection to the server of {@code base}. */
    public static RawHttp open(URL base)
    {
        Socket socket = new Socket();
        try
        {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            return new RawHttp(socket);
        }
        catch (IOException x)
        {
            try
            {
                socket.close();
            }
            catch (IOException ignored)
            {
                // already failing
            }
            throw new UncheckedIOException("cannot connect to " + base + ": " + x, x);
        }
    }

    /** Opens a connection, sends {@code request}, reads one response, closes. */
    public static Response exchange(URL base, String request)
    {
        try (RawHttp connection = open(base))
        {
            return connection.send(request).read();
        }
    }

    /** @return {@code "/ctx/" + relative}: the request target of a path relative to the deployment. */
    public static String path(URL base, String relative)
    {
        return base.getPath() + (relative.startsWith("/") ? relative.substring(1) : relative);
    }

    /** @return the {@code Host} header value for {@code base}: {@code host:port}. */
    public static String host(URL base)
    {
        return base.getHost() + ":" + base.getPort();
    }

    /** @return a GET request for {@code relative} with {@code Host} and the given whole header lines ({@code "Name: value"}). */
    public static String get(URL base, String relative, String... headerLines)
    {
        return request("GET", base, relative, headerLines);
    }

    /** @return a request with no body: request line, {@code Host}, the given header lines, the blank line. */
    public static String request(String method, URL base, String relative, String... headerLines)
    {
        StringBuilder request = new StringBuilder(method).append(' ').append(path(base, relative)).append(" HTTP/1.1\r\n");
        request.append("Host: ").append(host(base)).append("\r\n");
        for (String line : headerLines)
            request.append(line).append("\r\n");
        return request.append("\r\n").toString();
    }

    /** Writes {@code request} as ISO-8859-1 bytes. */
    public RawHttp send(String request)
    {
        Matcher matcher = REQUEST_LINE.matcher(request);
        while (matcher.find())
            methods.add(matcher.group(1));
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code bytes} as they are (a HEAD among them is not noticed: use {@link #read(boolean)}). */
    public RawHttp send(byte[] bytes)
    {
        try
        {
            out.write(bytes);
            out.flush();
            return this;
        }
        catch (IOException x)
        {
            throw new UncheckedIOException("send: " + x, x);
        }
    }

    /** Reads one response (the body is skipped when the request it answers, in the order sent, was HEAD). */
    public Response read()
    {
        String method = methods.peek();
        Response response = read("HEAD".equals(method));
        if (response.status() >= 200)
            methods.poll();
        return response;
    }

    /** Reads one response; {@code head}: it has no body whatever its headers say. */
    public Response read(boolean head)
    {
        try
        {
            String statusLine = line();
            if (statusLine == null)
                throw new EOFException("the connection was closed before a response");
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/"))
                throw new IOException("not a status line: '" + statusLine + "'");
            int status = Integer.parseInt(parts[1]);
            List<Map.Entry<String, String>> headers = fields();
            Response head0 = new Response(statusLine, status, parts.length > 2 ? parts[2] : "", headers, new byte[0], List.of());
            if (head || status < 200 || status == 204 || status == 304)
                return head0;
            String transferEncoding = head0.header("Transfer-Encoding");
            if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked"))
                return chunked(head0);
            String contentLength = head0.header("Content-Length");
            byte[] body = contentLength != null ? readExactly(Long.parseLong(contentLength.trim())) : in.readAllBytes();
            return new Response(statusLine, status, head0.reason(), headers, body, List.of());
        }
        catch (IOException x)
        {
            throw new UncheckedIOException("read: " + x, x);
        }
    }

    /**
     * @return true if the server closes the connection within {@code wait} without sending anything more; false if
     * it is still open then (or sends bytes)
     */
    public boolean closedByServer(Duration wait)
    {
        try
        {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            try
            {
                return in.read() == -1;
            }
            finally
            {
                socket.setSoTimeout((int) TIMEOUT.toMillis());
            }
        }
        catch (SocketTimeoutException x)
        {
            return false;
        }
        catch (IOException x)
        {
            return true; // reset by the server
        }
    }

    /** Closes at once with a TCP reset (SO_LINGER 0) rather than a FIN: a client that aborts. */
    public void reset()
    {
        try
        {
            socket.setSoLinger(true, 0);
        }
        catch (IOException x)
        {
            throw new UncheckedIOException(x);
        }
        close();
    }

    /** Half-closes: the server sees the end of the request stream, and can still answer. */
    public void shutdownOutput()
    {
        try
        {
            socket.shutdownOutput();
        }
        catch (IOException x)
        {
            throw new UncheckedIOException(x);
        }
    }

    @Override
    public void close()
    {
        try
        {
            socket.close();
        }
        catch (IOException ignored)
        {
            // nothing to do
        }
    }

    private Response chunked(Response head) throws IOException
    {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true)
        {
            String sizeLine = line();
            if (sizeLine == null)
                throw new EOFException("the connection was closed inside a chunked body");
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0)
                break;
            body.write(readExactly(size));
            String end = line();
            if (end == null || !end.isEmpty())
                throw new IOException("a chunk of " + size + " bytes is not followed by CRLF");
        }
        List<Map.Entry<String, String>> trailers = fields();
        return new Response(head.statusLine(), head.status(), head.reason(), head.headers(), body.toByteArray(), trailers);
    }

    private List<Map.Entry<String, String>> fields() throws IOException
    {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        while (true)
        {
            String line = line();
            if (line == null)
                throw new EOFException("the connection was closed inside a header block");
            if (line.isEmpty())
                return fields;
            int colon = line.indexOf(':');
            if (colon <= 0)
                throw new IOException("not a header field: '" + line + "'");
            fields.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).trim()));
        }
    }

    private byte[] readExactly(long length) throws IOException
    {
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length)
            throw new EOFException("the connection was closed after " + bytes.length + " of " + length + " body bytes");
        return bytes;
    }

    /** @return a line without its CRLF (or LF), as ISO-8859-1; null at the end of the stream before any byte. */
    private String line() throws IOException
    {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true)
        {
            int b = in.read();
            if (b == -1)
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            if (b == '\n')
            {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    /**
     * One response as received.
     *
     * @param headers every header field in order, names as sent
     * @param body the body bytes (chunked bodies decoded)
     * @param trailers the trailer fields of a chunked body
     */
    public record Response(String statusLine, int status, String reason, List<Map.Entry<String, String>> headers,
                           byte[] body, List<Map.Entry<String, String>> trailers)
    {
        /** @return the first value of header {@code name} (case-insensitive), or null. */
        public String header(String name)
        {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        /** @return every value of header {@code name} (case-insensitive), in order. */
        public List<String> headers(String name)
        {
            return headers.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        /** @return the body decoded with the charset of its {@code Content-Type}, UTF-8 when it names none. */
        public String text()
        {
            return new String(body, charset());
        }

        private Charset charset()
        {
            String contentType = header("Content-Type");
            if (contentType != null)
            {
                Matcher matcher = Pattern.compile("(?i)charset=\"?([^;\" ]+)").matcher(contentType);
                if (matcher.find())
                {
                    try
                    {
                        return Charset.forName(matcher.group(1));
                    }
                    catch (IllegalArgumentException unknown)
                    {
                        // fall back to UTF-8
                    }
                }
            }
            return StandardCharsets.UTF_8;
        }
    }
}
