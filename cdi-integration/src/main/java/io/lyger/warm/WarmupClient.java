package io.lyger.warm;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.util.BufferUtil;

/**
 * How the JIT warm-up's requests look on the wire: as the requests of the clients that come after ready, so that the
 * paths those take are the ones compiled. A blocking HTTP/1.1 client over a plain socket (responses read by Jetty's
 * {@link HttpParser}), one per warm-up thread (not thread-safe), rather than {@code java.net.http.HttpClient}, whose requests all had one shape: on JDK 17 every GET
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
 * <li>One request in {@value #NOVEL_ONE_IN}, at random, carries a header whose value no request before carried
 * ({@code X-Request-Id}, as load balancers and tracing add), so that the connector's and Jetty's paths for a header
 * line not seen before stay in the JIT's profile: once each warm-up thread has seen every profile, every line hits a
 * cache, and C2 compiled the miss as a trap that deoptimised the decoder at the first new line after ready.</li>
 * <li>A request with {@code marked} carries {@value JitWarmup#HEADER}. A declared non-GET request carries its body
 * with its {@code Content-Length} (and its {@code Content-Type}); a GET or HEAD has no body. Headers declared with
 * the request replace the profile's of the same name.</li>
 * <li>The client has a deadline (within the warm-up's budget), and each request a longest wait: connecting and each
 * read wait only until the earlier of the two, and a request still unanswered then is abandoned and its connection
 * closed ({@link PastDeadline}), so that a request that hangs never holds ready past the budget, nor takes all of
 * it from the other requests.</li>
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
    static final int NOVEL_ONE_IN = 4;
    static final int MAX_ONE_SHOTS = 2000;
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 10_000;

    private final URI root;
    /** {@link System#nanoTime()} past which no request is sent, and none in flight is waited for. */
    private final long deadline;
    /** The longest a request may wait for its answer, in ns. */
    private final long maxWait;
    private final InetSocketAddress address;
    private final String host;
    private Connection keepAlive;
    private volatile boolean closed;
    /** Seeded: the same warm-up sends the same requests (which does not make the JIT deterministic). */
    private final SplittableRandom random = new SplittableRandom(0x4c796765L);
    private int oneShots;
    private long requestIds;

    /**
     * @param deadline a {@link System#nanoTime()} past which this client sends nothing and waits for no answer
     * @param maxWait the longest one request may wait for its answer
     */
    WarmupClient(URI root, long deadline, java.time.Duration maxWait)
    {
        this.root = root;
        this.deadline = deadline;
        this.maxWait = maxWait.toNanos();
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
     * @throws PastDeadline when the deadline or the request's longest wait comes before the answer (its connection is
     * closed: {@link PastDeadline#hung} says which), or the deadline has passed
     */
    Answer send(WarmupRequest request, boolean marked) throws IOException
    {
        if (closed)
            throw new IOException("the warm-up client is closed");
        long now = System.nanoTime();
        if (now - deadline >= 0)
            throw new PastDeadline(0, false);
        // this request's own deadline: its longest wait from now, or the client's if that comes first
        boolean ownLimit = now + maxWait - deadline < 0;
        long until = ownLimit ? now + maxWait : deadline;
        try
        {
            return send(request, marked, until);
        }
        catch (PastDeadline x)
        {
            throw ownLimit && x.waitedMillis > 0 ? new PastDeadline(x.waitedMillis, true) : x;
        }
    }

    private Answer send(WarmupRequest request, boolean marked, long until) throws IOException
    {
        String profile = PROFILES.get(random.nextInt(PROFILES.size()));
        byte[] body = request.safe() ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        // a request with a body has its own Content-Length, not the profile's
        byte[] head = head(request, marked, request.safe() ? profile : profile.replace("Content-Length: 0\r\n", ""));
        if (random.nextInt(ONE_SHOT_ONE_IN) == 0 && oneShots < MAX_ONE_SHOTS)
        {
            oneShots++;
            try (Connection connection = new Connection(address, until))
            {
                return connection.exchange(request, head, body, until);
            }
        }
        for (int attempt = 0; ; attempt++)
        {
            boolean reused = keepAlive != null;
            if (keepAlive == null)
            {
                if (closed)
                    throw new IOException("the warm-up client is closed");
                keepAlive = new Connection(address, until);
            }
            try
            {
                Answer answer = keepAlive.exchange(request, head, body, until);
                if (!keepAlive.open)
                    closeKeepAlive();
                return answer;
            }
            catch (IOException x)
            {
                closeKeepAlive();
                // the server may have closed the idle connection as the request went out: a safe request is sent
                // again, once, on a new connection (as HTTP clients do)
                if (!reused || !request.safe() || attempt > 0 || x instanceof PastDeadline)
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
        head.append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n").append(withoutDeclared(profile, request));
        for (java.util.Map.Entry<String, String> header : request.headers().entrySet())
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        if (random.nextInt(NOVEL_ONE_IN) == 0)
            head.append("X-Request-Id: lyger-warmup-").append(Integer.toHexString(System.identityHashCode(this))).append('-').append(++requestIds).append("\r\n");
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

    /** @return the profile's header lines but those the request declares itself */
    private static String withoutDeclared(String profile, WarmupRequest request)
    {
        if (request.headers().isEmpty() || profile.isEmpty())
            return profile;
        StringBuilder kept = new StringBuilder(profile.length());
        for (String line : profile.split("\r\n"))
        {
            String name = line.substring(0, line.indexOf(':'));
            if (request.headers().keySet().stream().noneMatch(name::equalsIgnoreCase))
                kept.append(line).append("\r\n");
        }
        return kept.toString();
    }

    /** The deadline (or the request's longest wait) came before the answer: the request was abandoned and its connection closed. */
    static final class PastDeadline extends java.net.SocketTimeoutException
    {
        /** How long the request had been waiting for its answer, in ms (0: it was not sent). */
        final long waitedMillis;
        /** True when the request's own longest wait ran out (rather than the client's deadline). */
        final boolean hung;

        PastDeadline(long waitedMillis, boolean hung)
        {
            super(waitedMillis == 0 ? "the warm-up's deadline had passed"
                : "no answer within " + waitedMillis + " ms" + (hung ? ", the longest a warm-up request may wait" : ", by the end of the warm-up") + ": abandoned");
            this.waitedMillis = waitedMillis;
            this.hung = hung;
        }
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

    /** One TCP connection to the server and the HTTP/1.1 exchanges on it; responses are read by Jetty's HttpParser. */
    private static final class Connection implements AutoCloseable
    {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;
        /** Bytes read and not parsed yet (flush mode). */
        private final ByteBuffer input = BufferUtil.allocate(8192);
        /** False once the server said it closes the connection (or its response ends with the connection). */
        boolean open = true;

        Connection(InetSocketAddress address, long deadline) throws IOException
        {
            try
            {
                socket.setTcpNoDelay(true);
                socket.connect(address, timeout(CONNECT_TIMEOUT_MS, deadline, System.nanoTime()));
                socket.setSoTimeout(READ_TIMEOUT_MS);
                in = socket.getInputStream();
                out = socket.getOutputStream();
            }
            catch (IOException x)
            {
                close();
                throw x;
            }
        }

        /**
         * @return {@code most} ms, or fewer to end just past {@code deadline} (rounded up, so that a timeout it causes
         * is seen as the deadline's); never 0 (no timeout, for sockets)
         */
        private static int timeout(int most, long deadline, long now) throws PastDeadline
        {
            if (deadline - now <= 0)
                throw new PastDeadline(0, false);
            long left = (deadline - now + 999_999) / 1_000_000 + 1;
            return (int)Math.min(most, left);
        }

        Answer exchange(WarmupRequest request, byte[] head, byte[] body, long deadline) throws IOException
        {
            long start = System.nanoTime();
            byte[] all = head;
            if (body.length > 0)
            {
                all = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, all, head.length, body.length);
            }
            out.write(all);
            out.flush();
            ResponseReader response = new ResponseReader();
            HttpParser parser = new HttpParser(response);
            parser.setHeadResponse(request.method().equals("HEAD"));
            while (true)
            {
                parser.parseNext(input);
                if (response.failure != null)
                    throw new IOException("bad response: " + response.failure);
                if (response.status == 101)
                    throw new IOException("the server switched protocols");
                if (response.complete)
                {
                    if (!HttpStatus.isInterim(response.status))
                        break;
                    // an interim response (100 Continue): the final one follows
                    response = new ResponseReader();
                    parser = new HttpParser(response);
                    continue;
                }
                long now = System.nanoTime();
                if (now - deadline >= 0)
                    throw new PastDeadline(Math.max(1, (now - start) / 1_000_000), false);
                socket.setSoTimeout(timeout(READ_TIMEOUT_MS, deadline, now));
                boolean filled;
                try
                {
                    filled = fill();
                }
                catch (java.net.SocketTimeoutException x)
                {
                    if (System.nanoTime() - deadline >= 0)
                        throw new PastDeadline(Math.max(1, (System.nanoTime() - start) / 1_000_000), false);
                    throw x;
                }
                if (!filled)
                {
                    // the end of the connection ends a body without a length, anything else is cut short
                    parser.atEOF();
                    parser.parseNext(BufferUtil.EMPTY_BUFFER);
                    open = false;
                    if (!response.complete || response.failure != null)
                        throw new EOFException("the server closed the connection before the end of its response");
                    break;
                }
            }
            if (response.close)
                open = false;
            return new Answer(response.status, System.nanoTime() - start);
        }

        /** @return false at the end of the connection; else the buffer has more bytes */
        private boolean fill() throws IOException
        {
            int pos = BufferUtil.flipToFill(input);
            int read = in.read(input.array(), input.arrayOffset() + input.position(), input.remaining());
            if (read > 0)
                input.position(input.position() + read);
            BufferUtil.flipToFlush(input, pos);
            return read >= 0;
        }

        /** What the parser found in one response; the body is skipped. */
        private static final class ResponseReader implements HttpParser.ResponseHandler
        {
            int status;
            boolean close;
            boolean complete;
            String failure;

            @Override
            public void startResponse(HttpVersion version, int status, String reason)
            {
                this.status = status;
                close = version != HttpVersion.HTTP_1_1;
            }

            @Override
            public void parsedHeader(HttpField field)
            {
                if (field.getHeader() == HttpHeader.CONNECTION)
                {
                    if (field.contains(HttpHeaderValue.CLOSE.asString()))
                        close = true;
                    else if (field.contains(HttpHeaderValue.KEEP_ALIVE.asString()))
                        close = false;
                }
            }

            @Override
            public boolean headerComplete()
            {
                return false;
            }

            @Override
            public boolean content(ByteBuffer item)
            {
                return false;
            }

            @Override
            public boolean contentComplete()
            {
                return false;
            }

            @Override
            public boolean messageComplete()
            {
                complete = true;
                return true;
            }

            @Override
            public void earlyEOF()
            {
                failure = "it ended early";
            }

            @Override
            public void badMessage(HttpException x)
            {
                failure = x.getReason();
            }
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
