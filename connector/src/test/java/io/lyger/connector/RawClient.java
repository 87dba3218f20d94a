package io.lyger.connector;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP/1.x client on a raw {@link Socket}: writes exactly the bytes given, and parses responses strictly
 * (Content-Length, chunked with trailers, or until close), so that framing mistakes of the server show.
 */
public final class RawClient implements AutoCloseable
{
    /** Socket read timeout: no test waits this long for a byte that should come. */
    public static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(int port) throws IOException
    {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    public Socket socket()
    {
        return socket;
    }

    public RawClient send(String text) throws IOException
    {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawClient send(byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response to a request that was not HEAD. */
    public RawResponse read() throws IOException
    {
        return read(false);
    }

    /**
     * Reads one response. A response to HEAD, a 1xx, 204 and 304 have no body; otherwise the body is framed by
     * Transfer-Encoding: chunked, else Content-Length, else the end of the connection.
     */
    public RawResponse read(boolean head) throws IOException
    {
        String statusLine = readLine();
        if (statusLine == null)
            throw new EOFException("connection closed before a response");
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1."))
            throw new IOException("bad status line: " + statusLine);
        String version = parts[0];
        int status = Integer.parseInt(parts[1]);
        List<Map.Entry<String, String>> headers = readFields();
        RawResponse headOnly = new RawResponse(version, status, headers, new byte[0], List.of(), false);

        if (head || status / 100 == 1 || status == 204 || status == 304)
            return headOnly;
        String transferEncoding = headOnly.header("Transfer-Encoding");
        if (transferEncoding != null)
        {
            if (!transferEncoding.trim().equalsIgnoreCase("chunked"))
                throw new IOException("unexpected Transfer-Encoding: " + transferEncoding);
            if (headOnly.header("Content-Length") != null)
                throw new IOException("response has both Transfer-Encoding and Content-Length: " + headers);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true)
            {
                String sizeLine = readLine();
                if (sizeLine == null)
                    throw new EOFException("connection closed inside a chunked body");
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0)
                    break;
                byte[] chunk = in.readNBytes(size);
                if (chunk.length != size)
                    throw new EOFException("connection closed inside a chunk");
                body.write(chunk);
                String crlf = readLine();
                if (crlf == null || !crlf.isEmpty())
                    throw new IOException("chunk not followed by CRLF: " + crlf);
            }
            List<Map.Entry<String, String>> trailers = readFields();
            return new RawResponse(version, status, headers, body.toByteArray(), trailers, true);
        }
        String contentLength = headOnly.header("Content-Length");
        if (contentLength != null)
        {
            int length = Integer.parseInt(contentLength.trim());
            byte[] body = in.readNBytes(length);
            if (body.length != length)
                throw new EOFException("connection closed after " + body.length + " of " + length + " body bytes");
            return new RawResponse(version, status, headers, body, List.of(), false);
        }
        return new RawResponse(version, status, headers, readToEnd(), List.of(), false);
    }

    /** Reads exactly {@code length} bytes (after a 101: the new protocol's). */
    public byte[] readBytes(int length) throws IOException
    {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length)
            throw new EOFException("connection closed after " + bytes.length + " of " + length + " bytes");
        return bytes;
    }

    /** Reads until the peer closes; a reset after some bytes counts as the end. */
    public byte[] readToEnd() throws IOException
    {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = in.read(buffer)) >= 0)
                body.write(buffer, 0, n);
        }
        catch (SocketException x)
        {
            // Connection reset: the server closed with unread input; what was received is the answer.
        }
        return body.toByteArray();
    }

    /**
     * Waits up to timeoutMs for the peer to close the connection.
     *
     * @return true if it closed (EOF or reset) with no further byte, false if it was still open at the deadline
     * @throws IOException if bytes arrived instead
     */
    public boolean awaitClosed(int timeoutMs) throws IOException
    {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMs);
        try
        {
            int b = in.read();
            if (b >= 0)
                throw new IOException("expected the connection to close, got byte " + b);
            return true;
        }
        catch (SocketTimeoutException x)
        {
            return false;
        }
        catch (SocketException x)
        {
            return true;
        }
        finally
        {
            if (!socket.isClosed())
                socket.setSoTimeout(previous);
        }
    }

    /**
     * Waits up to timeoutMs for the next byte without consuming it.
     *
     * @return 1 if a byte is ready, 0 if none came before the deadline, -1 if the peer closed (EOF or reset)
     */
    public int poll(int timeoutMs) throws IOException
    {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMs);
        try
        {
            in.mark(1);
            int b = in.read();
            if (b < 0)
                return -1;
            in.reset();
            return 1;
        }
        catch (SocketTimeoutException x)
        {
            return 0;
        }
        catch (SocketException x)
        {
            return -1;
        }
        finally
        {
            if (!socket.isClosed())
                socket.setSoTimeout(previous);
        }
    }

    /** @return the next line without its CRLF (or bare LF), or null at EOF before any byte. */
    private String readLine() throws IOException
    {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true)
        {
            int b = in.read();
            if (b < 0)
            {
                if (line.size() == 0)
                    return null;
                throw new EOFException("connection closed inside a line: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b == '\n')
            {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > 64 * 1024)
                throw new IOException("line too long");
        }
    }

    private List<Map.Entry<String, String>> readFields() throws IOException
    {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        while (true)
        {
            String line = readLine();
            if (line == null)
                throw new EOFException("connection closed inside a header section");
            if (line.isEmpty())
                return fields;
            int colon = line.indexOf(':');
            if (colon <= 0)
                throw new IOException("bad header line: " + line);
            fields.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).trim()));
        }
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
