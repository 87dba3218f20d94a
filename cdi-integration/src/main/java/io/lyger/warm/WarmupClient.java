package io.lyger.warm;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the JIT warm-up's requests look on the wire: as the requests of the clients that come after ready, so that the
 * paths those take are the ones compiled. A blocking HTTP/1.1 client over a plain socket, one per warm-up thread (not
 * thread-safe), rather than {@code java.net.http.HttpClient}, whose requests all had one shape: on JDK 17 every GET
 * with {@code Content-Length: 0} (curl, browsers, wrk and load balancers send none), never an {@code Accept}, and a
 * few connections kept open for the whole warm-up (a client's first request comes on a new connection). Blocking
 * sockets also cost the warm-up's JVM far less than that client's asynchronous machinery: on the 2-core machine the
 * same 8 s of warm-up sent about 4 times as many requests.
 * <ul>
 * <li>Each request takes one of {@link #PROFILES} at random, the headers of a common kind of client: curl's, a
 * browser's navigation, a bare one (wrk, load balancers and many libraries send only {@code Host}), java.net.http's
 * on JDK 17 (a GET with {@code Content-Length: 0}), so that each request of the plan comes in each shape. The
 * {@code User-Agent}s name Lyger's warm-up.</li>
 * <li>One request in {@value #ONE_SHOT_ONE_IN}, at random, goes on a connection of its own, closed by this side once
 * the response is read, as curl does (at most {@value #MAX_ONE_SHOTS} of them per client: they leave their sockets in
 * TIME_WAIT); the others share a keep-alive connection.</li>
 * <li>A request with {@code marked} carries {@value JitWarmup#HEADER}. A declared non-GET request carries its body
 * with its {@code Content-Length} (and its {@code Content-Type}); a GET or HEAD has no body.</li>
 * </ul>
 */
final class WarmupClient implements AutoCloseable
{
    /** Header lines (after {@code Host}) of kinds of clients: each request takes one at random. */
    static final List<String> PROFILES = List.of(
        "User-Agent: lyger-warmup/1 (curl-like)\r\nAccept: */*\r\n",
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64; compatible; lyger-warmup/1)\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Connection: keep-alive\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "Sec-Fetch-Dest: document\r\n"
            + "Sec-Fetch-Mode: navigate\r\n"
            + "Sec-Fetch-Site: none\r\n",
        "",
        "Content-Length: 0\r\nUser-Agent: Java-http-client/17 (lyger-warmup/1)\r\n");
    static final int ONE_SHOT_ONE_IN = 4;
    static final int MAX_ONE_SHOTS = 2000;
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 10_000;

    private final URI root;
    private final InetSocketAddress address;
    private final String host;
    private final byte[] discard = new byte[8192];
    private Connection keepAlive;
    private volatile boolean closed;
    /** Seeded: the same warm-up sends the same requests (which does not make the JIT deterministic). */
    private final SplittableRandom random = new SplittableRandom(0x4c796765L);
    private int oneShots;

    WarmupClient(URI root)
    {
        this.root = root;
        int port = root.getPort() < 0 ? 80 : root.getPort();
        String name = root.getHost();
        if (name != null && name.startsWith("["))
            name = name.substring(1, name.length() - 1);
        this.address = new InetSocketAddress(name, port);
        this.host = root.getRawAuthority();
    }

    /** What one request got: its status, and its latency from the first byte written to the last byte read. */
    record Answer(int status, long nanos)
    {
    }

    /**
     * Sends {@code request} and reads its whole response.
     *
     * @throws IOException when the server cannot be reached, or does not answer within {@value #READ_TIMEOUT_MS} ms,
     * or its answer is not HTTP/1.1
     */
    Answer send(WarmupRequest request, boolean marked) throws IOException
    {
        if (closed)
            throw new IOException("the warm-up client is closed");
        String profile = PROFILES.get(random.nextInt(PROFILES.size()));
        byte[] body = request.safe() ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        // a request with a body has its own Content-Length, not the profile's
        byte[] head = head(request, marked, request.safe() ? profile : profile.replace("Content-Length: 0\r\n", ""));
        if (random.nextInt(ONE_SHOT_ONE_IN) == 0 && oneShots < MAX_ONE_SHOTS)
        {
            oneShots++;
            try (Connection connection = new Connection(address))
            {
                return connection.exchange(request, head, body, discard);
            }
        }
        for (int attempt = 0; ; attempt++)
        {
            boolean reused = keepAlive != null;
            if (keepAlive == null)
            {
                if (closed)
                    throw new IOException("the warm-up client is closed");
                keepAlive = new Connection(address);
            }
            try
            {
                Answer answer = keepAlive.exchange(request, head, body, discard);
                if (!keepAlive.open)
                    closeKeepAlive();
                return answer;
            }
            catch (IOException x)
            {
                closeKeepAlive();
                // the server may have closed the idle connection as the request went out: a safe request is sent
                // again, once, on a new connection (as HTTP clients do)
                if (!reused || !request.safe() || attempt > 0)
                    throw x;
            }
        }
    }

    private byte[] head(WarmupRequest request, boolean marked, String profile)
    {
        URI target = root.resolve(request.pathAndQuery());
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        StringBuilder head = new StringBuilder(512).append(request.method()).append(' ').append(path);
        if (target.getRawQuery() != null)
            head.append('?').append(target.getRawQuery());
        head.append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n").append(profile);
        if (marked)
            head.append(JitWarmup.HEADER).append(": 1\r\n");
        if (!request.safe())
        {
            if (request.contentType() != null)
                head.append("Content-Type: ").append(request.contentType()).append("\r\n");
            head.append("Content-Length: ").append(request.body().getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void closeKeepAlive()
    {
        Connection connection = keepAlive;
        keepAlive = null;
        if (connection != null)
            connection.close();
    }

    /** Closes the keep-alive connection; a request in flight on it (on another thread) fails, later ones too. */
    @Override
    public void close()
    {
        closed = true;
        closeKeepAlive();
    }

    /** One TCP connection to the server and the HTTP/1.1 exchanges on it. */
    private static final class Connection implements AutoCloseable
    {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;
        /** False once the server said it closes the connection (or its response ends with the connection). */
        boolean open = true;

        Connection(InetSocketAddress address) throws IOException
        {
            try
            {
                socket.setTcpNoDelay(true);
                socket.connect(address, CONNECT_TIMEOUT_MS);
                socket.setSoTimeout(READ_TIMEOUT_MS);
                in = new BufferedInputStream(socket.getInputStream(), 8192);
                out = socket.getOutputStream();
            }
            catch (IOException x)
            {
                close();
                throw x;
            }
        }

        Answer exchange(WarmupRequest request, byte[] head, byte[] body, byte[] discard) throws IOException
        {
            long start = System.nanoTime();
            if (body.length == 0)
            {
                out.write(head);
            }
            else
            {
                byte[] all = new byte[head.length + body.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                out.write(all);
            }
            out.flush();
            int status;
            Response response;
            do
            {
                response = readHead();
                status = response.status;
            }
            while (status >= 100 && status < 200 && status != 101);
            if (status == 101)
                throw new IOException("the server switched protocols");
            boolean noBody = request.method().equals("HEAD") || status == 204 || status == 304;
            if (noBody)
            {
                // no body
            }
            else if (response.chunked)
            {
                readChunked(discard);
            }
            else if (response.contentLength >= 0)
            {
                skip(response.contentLength, discard);
            }
            else
            {
                // delimited by the end of the connection
                while (in.read(discard) >= 0)
                {
                    // discard
                }
                open = false;
            }
            if (response.close)
                open = false;
            return new Answer(status, System.nanoTime() - start);
        }

        private record Response(int status, long contentLength, boolean chunked, boolean close)
        {
        }

        private Response readHead() throws IOException
        {
            String statusLine = readLine();
            // HTTP/1.1 200 OK
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12)
                throw new IOException("not an HTTP/1.x response: " + abbreviate(statusLine));
            int status;
            try
            {
                status = Integer.parseInt(statusLine.substring(9, 12));
            }
            catch (NumberFormatException x)
            {
                throw new IOException("bad status line: " + abbreviate(statusLine));
            }
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            long contentLength = -1;
            boolean chunked = false;
            boolean close = http10;
            for (String line = readLine(); !line.isEmpty(); line = readLine())
            {
                int colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name)
                {
                    case "content-length" ->
                    {
                        try
                        {
                            contentLength = Long.parseLong(value);
                        }
                        catch (NumberFormatException x)
                        {
                            throw new IOException("bad Content-Length: " + abbreviate(value));
                        }
                    }
                    case "transfer-encoding" -> chunked = value.endsWith("chunked");
                    case "connection" ->
                    {
                        if (value.contains("close"))
                            close = true;
                        else if (value.contains("keep-alive"))
                            close = false;
                    }
                    default ->
                    {
                    }
                }
            }
            return new Response(status, chunked ? -1 : contentLength, chunked, close);
        }

        private void readChunked(byte[] discard) throws IOException
        {
            while (true)
            {
                String line = readLine();
                int semicolon = line.indexOf(';');
                String size = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
                long length;
                try
                {
                    length = Long.parseLong(size, 16);
                }
                catch (NumberFormatException x)
                {
                    throw new IOException("bad chunk size: " + abbreviate(line));
                }
                if (length == 0)
                {
                    // trailers, up to the empty line
                    while (!readLine().isEmpty())
                    {
                        // discard
                    }
                    return;
                }
                skip(length, discard);
                if (!readLine().isEmpty())
                    throw new IOException("no CRLF after a chunk");
            }
        }

        private void skip(long length, byte[] discard) throws IOException
        {
            long left = length;
            while (left > 0)
            {
                int read = in.read(discard, 0, (int)Math.min(discard.length, left));
                if (read < 0)
                    throw new EOFException("the response ended " + left + " bytes short");
                left -= read;
            }
        }

        /** @return a line without its CRLF (or LF) */
        private String readLine() throws IOException
        {
            StringBuilder line = new StringBuilder(64);
            while (true)
            {
                int b = in.read();
                if (b < 0)
                    throw new EOFException(line.length() == 0 ? "the server closed the connection" : "the response ended in a line");
                if (b == '\n')
                {
                    int length = line.length();
                    if (length > 0 && line.charAt(length - 1) == '\r')
                        line.setLength(length - 1);
                    return line.toString();
                }
                if (line.length() > 16 * 1024)
                    throw new IOException("a response line longer than 16 KiB");
                line.append((char)b);
            }
        }

        private static String abbreviate(String text)
        {
            return text.length() > 80 ? text.substring(0, 80) + "..." : text;
        }

        @Override
        public void close()
        {
            open = false;
            try
            {
                socket.close();
            }
            catch (IOException x)
            {
                // closing: nothing to do about it
            }
        }
    }
}
