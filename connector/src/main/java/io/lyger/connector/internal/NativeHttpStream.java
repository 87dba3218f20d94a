package io.lyger.connector.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.eclipse.jetty.http.ComplianceUtils;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpScheme;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http.Trailers;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.HostPort;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.StringUtil;
import org.eclipse.jetty.util.URIUtil;

import static io.lyger.connector.internal.LygerLibrary.lyger_abort;
import static io.lyger.connector.internal.LygerLibrary.lyger_conn_set_idle_timeout;
import static io.lyger.connector.internal.LygerLibrary.lyger_discard_body;
import static io.lyger.connector.internal.LygerLibrary.lyger_read_body;
import static io.lyger.connector.internal.LygerLibrary.lyger_send;
import static io.lyger.connector.internal.LygerLibrary.lyger_send_arm;
import static io.lyger.connector.internal.LygerLibrary.lyger_send_cancel;
import static io.lyger.connector.internal.LygerLibrary.lyger_send_file;
import static io.lyger.connector.internal.LygerLibrary.lyger_send_trailers;
import static io.lyger.connector.internal.LygerLibrary.lyger_trailers;

/**
 * One HTTP/1.1 exchange on the native engine, as Jetty's {@link HttpChannel} sees it: the request head comes
 * decoded from the engine, the body is read with {@code lyger_read_body}, the response is framed by the engine
 * from {@code lyger_send}. The shape follows Jetty's own HttpStream implementations for HTTP/2 and FastCGI.
 * <p>
 * The connection handle is released exactly once, by {@code lyger_complete} (success) or {@code lyger_abort}, and
 * never while another native call on it is running: every native call holds a reference ({@link #enter()}), and
 * the last one to leave performs the pending release.
 */
final class NativeHttpStream implements HttpStream, NativeServer.ContentListener
{
    private static final AtomicLong IDS = new AtomicLong();
    private static final int READ_CAPACITY = 16 * 1024;
    private static final int NOT_ENDED = 0;
    private static final int COMPLETE = 1;
    private static final int ABORT = 2;
    private static final HttpField CONNECTION_CLOSE = new HttpField(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
    /** {@code lyger_send} flags (ABI.md). */
    private static final int SEND_LAST = 1;
    private static final int SEND_TRAILERS = 2;
    /** Never block on the socket: a full one makes the send pending and the engine completes it (ABI.md). */
    private static final int SEND_ASYNC = 4;
    /** {@code lyger_send} result: the engine finishes the send, a SENT event completes it. */
    private static final int PENDING = 1;
    /** {@code lyger_send_file} results: not on this connection (TLS); the file cannot be sent (ABI.md). */
    private static final int FILE_UNSUPPORTED = -5;
    private static final int FILE_UNUSABLE = -6;

    private final NativeServer server;
    /** The connection's reused objects: this stream holds it until the exchange ends ({@link #release()}). */
    private final NativeChannel nativeChannel;
    private final RequestHead head;
    private final long conn;
    private final NativeEndPoint endPoint;
    private final NativeConnection connection;
    private final HttpChannel channel;
    private final long id = IDS.incrementAndGet();
    /*
     * The fields below that change atomically do so through VarHandles rather than Atomic* objects: a stream is made
     * per request (as Jetty's HttpStreamOverHTTP1), and four Atomic* were four more objects a request (issue 17).
     */
    private static final VarHandle REFERENCES;
    private static final VarHandle ENDING;
    private static final VarHandle HANDLING;
    private static final VarHandle PENDING_SEND;

    static
    {
        try
        {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            REFERENCES = lookup.findVarHandle(NativeHttpStream.class, "references", int.class);
            ENDING = lookup.findVarHandle(NativeHttpStream.class, "ending", int.class);
            HANDLING = lookup.findVarHandle(NativeHttpStream.class, "handling", boolean.class);
            PENDING_SEND = lookup.findVarHandle(NativeHttpStream.class, "pendingSend", PendingSend.class);
        }
        catch (ReflectiveOperationException x)
        {
            throw new ExceptionInInitializerError(x);
        }
    }

    /** References to {@link #conn}: 1 for this stream until it ends, plus one per native call in progress. */
    private volatile int references = 1;
    private volatile int ending = NOT_ENDED;
    /** True while the thread that started the request is still inside {@link #handle()}. */
    private volatile boolean handling;
    private volatile NativeChannel next;
    private volatile Content.Chunk terminal;
    private volatile boolean committed;
    private volatile boolean closeAfterResponse;
    /** The committed response's trailers, sent after its body (chunked: the engine frames it so). */
    private volatile Supplier<HttpFields> trailers;
    /** The engine discards the body left unread, after the response (consumeAvailable). */
    private volatile boolean bodyDiscarded;
    /** Whether the application asked for the body: the engine sends "100 Continue" on the first read. */
    private volatile boolean bodyRequested;
    /** A 101 went out: the engine's connection carries another protocol (ABI.md, "Protocol upgrade"). */
    private volatile boolean switchedProtocols;
    /** The servlet upgrade ({@link Connection.Tunnel}): reads and sends are the new protocol's raw bytes. */
    private volatile boolean tunnel;
    /** The Connection the engine's connection goes to when this stream succeeds (WebSocket), or null. */
    private volatile Connection upgradeTo;
    /**
     * The send the engine is finishing, if any. Whoever takes it out completes its callback, exactly once: the SENT
     * event, a cancel, the stream's release or the server's stop.
     */
    private volatile PendingSend pendingSend;

    /** A request decoded into {@code nativeChannel}'s head, which the caller holds and hands over to this stream. */
    NativeHttpStream(NativeServer server, NativeChannel nativeChannel)
    {
        this.server = server;
        this.nativeChannel = nativeChannel;
        this.head = nativeChannel.head;
        this.conn = head.conn;
        this.endPoint = nativeChannel.endPoint;
        this.connection = nativeChannel.connection;
        this.channel = nativeChannel.channel;
        endPoint.bind(this);
        channel.setHttpStream(this);
    }

    RequestHead head()
    {
        return head;
    }

    /**
     * Runs the request on the calling thread.
     *
     * @return the next pipelined request, when this one completed before its handler returned; else null
     */
    NativeChannel handle()
    {
        handling = true;
        server.connector().onRequestBegin(endPoint);
        try
        {
            MetaData.Request request = newRequest();
            Runnable handler = channel.onRequest(request);
            channel.getComplianceViolationListener().onRequestBegin(channel.getRequest());
            handler.run();
        }
        catch (Throwable x)
        {
            onBadMessage(x);
        }
        if (HANDLING.compareAndSet(this, true, false))
            return null;
        NativeChannel pipelined = next;
        next = null;
        return pipelined;
    }

    private MetaData.Request newRequest()
    {
        if (head.badMessage != null)
            throw new HttpException.RuntimeException(HttpStatus.BAD_REQUEST_400, head.badMessage);
        HttpField expect = head.fields.getField(HttpHeader.EXPECT);
        if (expect != null && !HttpHeaderValue.CONTINUE.is(expect.getValue()))
            throw new HttpException.RuntimeException(HttpStatus.EXPECTATION_FAILED_417);
        HttpURI.Mutable uri;
        try
        {
            // as HttpURI.build(method, target), into the connection's builder for the usual origin-form target
            boolean originForm = head.target.startsWith("/") && !HttpMethod.CONNECT.is(head.method);
            uri = originForm ? head.uri.clear().pathQuery(head.target) : HttpURI.build(head.method, head.target);
        }
        catch (IllegalArgumentException x)
        {
            head.uri = HttpURI.build(); // a fresh one: the parse may have left a violation set in it
            throw new HttpException.RuntimeException(HttpStatus.BAD_REQUEST_400, "Bad URI");
        }
        if (uri == head.uri && uri.hasViolations())
            head.uri = HttpURI.build(); // this request keeps the old one
        boolean absoluteForm = uri.isAbsolute();
        if (head.host != null)
        {
            // as Jetty's HttpConnection: an absolute-form target's authority must be the Host header's
            if (uri.isAbsolute())
            {
                if (!head.host.getValue().equals(uri.getAuthority()) && !ComplianceUtils.allows(
                    server.configuration().getHttpCompliance(), HttpCompliance.Violation.MISMATCHED_AUTHORITY,
                    "Authority!=Host", channel.getComplianceViolationListener()))
                    throw new HttpException.RuntimeException(HttpStatus.BAD_REQUEST_400, "Authority!=Host");
            }
            else if (StringUtil.isBlank(head.host.getHostPort().getHost()))
            {
                throw new HttpException.RuntimeException(HttpStatus.BAD_REQUEST_400, "Blank Host");
            }
        }
        if (!uri.isAbsolute())
            uri.scheme(endPoint.isSecure() ? HttpScheme.HTTPS : HttpScheme.HTTP);
        if (uri.getAuthority() == null && !HttpMethod.CONNECT.is(head.method))
        {
            HostPort hostPort = head.host == null ? connection.getServerAuthority() : head.host.getHostPort();
            int port = hostPort.getPort();
            if (port == URIUtil.getDefaultPortForScheme(uri.getScheme()))
                port = -1;
            uri.authority(hostPort.getHost(), port);
        }
        // an absolute-form target without a path ("http://x") means "/" (RFC 9110 4.2.3), as Jetty reads it; a
        // target that is only a query ("?a=b") stays without a path, which Jetty answers 400
        if (uri.getPath() == null || absoluteForm && uri.getPath().isEmpty())
            uri.path("/");
        boolean expects100 = head.expects100Continue();
        long contentLength = head.isChunked() ? -1 : head.contentLength;
        return new MetaData.Request(head.beginNanoTime, head.method, uri.asImmutable(), head.version, head.fields, contentLength)
        {
            @Override
            public boolean is100ContinueExpected()
            {
                return expects100;
            }
        };
    }

    /** Answers a request Java could not accept (bad URI, Host, Expect) with an error response, then closes. */
    private void onBadMessage(Throwable x)
    {
        closeAfterResponse = true;
        try
        {
            Throwable failure = x instanceof HttpException ? x : new HttpException.RuntimeException(HttpStatus.INTERNAL_SERVER_ERROR_500, x);
            if (channel.getRequest() == null)
                channel.onRequest(new MetaData.Request(head.beginNanoTime, head.method, HttpURI.from("/"), head.version, HttpFields.EMPTY));
            Runnable task = channel.onFailure(failure);
            if (task != null)
                task.run();
        }
        catch (Throwable t)
        {
            abort(t);
        }
    }

    @Override
    public String getId()
    {
        return Long.toString(id);
    }

    @Override
    public Content.Chunk read()
    {
        bodyRequested = true;
        // After a 101 (not tunnelled) the request's body is over: what the engine reads is the new protocol's
        if (switchedProtocols && !tunnel)
            return Content.Chunk.EOF;
        Content.Chunk end = terminal;
        if (end != null)
            return end;
        if (!enter())
            return terminal = Content.Chunk.from(new EofException("connection closed"), true);
        try
        {
            RetainableByteBuffer buffer = server.connector().getByteBufferPool().acquire(READ_CAPACITY, true);
            ByteBuffer byteBuffer = buffer.getByteBuffer();
            int read = lyger_read_body(conn, ThreadBuffers.address(byteBuffer), byteBuffer.capacity());
            if (read > 0)
            {
                byteBuffer.limit(read).position(0);
                return Content.Chunk.asChunk(byteBuffer, false, buffer);
            }
            buffer.release();
            if (read == 0)
                return null;
            if (read != -1)
                return terminal = Content.Chunk.from(readFailure(read), true);
            terminal = Content.Chunk.EOF;
            Content.Chunk trailers = head.isChunked() && !tunnel ? readTrailers() : null;
            return trailers == null ? Content.Chunk.EOF : trailers;
        }
        finally
        {
            exit();
        }
    }

    /** @return the trailer fields of a chunked body that just ended, or null when it had none. */
    private Content.Chunk readTrailers()
    {
        ThreadBuffers buffers = ThreadBuffers.current();
        int length = lyger_trailers(conn, buffers.copyAddress, ThreadBuffers.COPY_CAPACITY);
        if (length <= 2)
            return null;
        return new Trailers(buffers.decoder.decodeFields(buffers.copy, length).asImmutable());
    }

    private static Throwable readFailure(int code)
    {
        return switch (code)
        {
            case -3 -> new HttpException.RuntimeException(HttpStatus.BAD_REQUEST_400, "Bad request body");
            case -4 -> new HttpException.RuntimeException(HttpStatus.PAYLOAD_TOO_LARGE_413, "Request body too large");
            case -5 -> new TimeoutException("Idle timeout reading the request body");
            // the body ended with the connection (RFC 9112 6.3: incomplete): as Jetty's earlyEOF, the application's
            // read fails with a quiet IOException, and the answer, if one can still go out, is 400
            default -> new EofException("Early EOF").initCause(new HttpException.RuntimeException(HttpStatus.BAD_REQUEST_400, "Early EOF"));
        };
    }

    @Override
    public void demand()
    {
        if (terminal != null || !enter())
        {
            onContentAvailable();
            return;
        }
        boolean ready;
        try
        {
            ready = server.demand(conn, this);
        }
        finally
        {
            exit();
        }
        if (ready)
            onContentAvailable();
    }

    /** The engine says the body can be read (or failed): let the channel call its demand callback. */
    @Override
    public void onContentAvailable()
    {
        Runnable task = channel.onContentAvailable();
        if (task != null)
            task.run();
    }

    /** On the reserve poller: a blocked read's wake-up runs here; an application's read listener goes to the executor. */
    @Override
    public void onContentAvailableReserved()
    {
        Runnable task = channel.onContentAvailable();
        if (task == null)
            return;
        if (Invocable.getInvocationType(task) == Invocable.InvocationType.NON_BLOCKING)
            task.run();
        else
            server.execute(task);
    }

    @Override
    public void prepareResponse(HttpFields.Mutable headers)
    {
        // The engine writes Connection: keep-alive for HTTP/1.0 itself.
    }

    @Override
    public void send(MetaData.Request request, MetaData.Response response, boolean last, ByteBuffer content, Callback callback)
    {
        try
        {
            ThreadBuffers buffers = ThreadBuffers.current();
            int headLength = 0;
            boolean switching = response != null && response.getStatus() == HttpStatus.SWITCHING_PROTOCOLS_101;
            if (response != null)
            {
                // a 101 is the final answer to the request: the engine switches the connection after it
                boolean interim = HttpStatus.isInterim(response.getStatus()) && !switching;
                if (!interim)
                {
                    if (committed)
                    {
                        callback.failed(new IllegalStateException("Committed"));
                        return;
                    }
                    committed = true;
                    trailers = response.getTrailersSupplier();
                    // a final response instead of the 100 the client waits for: it likely holds the body back
                    if (awaitsContinue())
                        closeAfterResponse = true;
                }
                long contentLength = interim ? -1 : response.getContentLength();
                if (contentLength < 0 && !interim)
                    contentLength = response.getHttpFields().getLongField(HttpHeader.CONTENT_LENGTH);
                if (contentLength < 0 && last)
                    contentLength = BufferUtil.length(content);
                headLength = ResponseHeadEncoder.encode(response, contentLength, buffers.head, closeAfterResponse ? CONNECTION_CLOSE : null);
                if (interim)
                {
                    complete(callback, sendRest(buffers, headLength, null, 0, false, null, callback));
                    return;
                }
            }
            else if (!last && BufferUtil.isEmpty(content))
            {
                callback.succeeded();
                return;
            }
            // With trailers (as Jetty's HttpGenerator) the body is chunked and ends with them, not with a LAST send.
            Supplier<HttpFields> trailersSupplier = trailers;
            int flags = trailersSupplier != null ? SEND_TRAILERS : last ? SEND_LAST : 0;
            FileRegions.Mapping file = fileRegion(content, trailersSupplier);
            int result = file != null ? sendFile(buffers, headLength, content, file, flags, callback)
                : sendRest(buffers, headLength, content, flags, false, last ? trailersSupplier : null, callback);
            // (a 101 is never pending: the engine writes it at once, ABI.md "Protocol upgrade")
            if (result == 0 && switching)
                switchedProtocols = true;
            complete(callback, result);
        }
        catch (Throwable x)
        {
            callback.failed(x);
        }
    }

    /**
     * Sends the content from its position, then the trailers when given. Direct content goes by address; heap content
     * is copied into this thread's direct buffer, a piece at a time. Nothing blocks: when the socket is full the rest
     * becomes a {@link PendingSend} and the engine's SENT event resumes here ({@link #onSent(int)}).
     *
     * @return 0 or a failure code when the send is over, PENDING when it is not this caller's to complete any more
     */
    private int sendRest(ThreadBuffers buffers, int headLength, ByteBuffer content, int flags, boolean contentDone, Supplier<HttpFields> trailersAfter, Callback callback)
    {
        while (!contentDone)
        {
            long body = 0;
            int length = 0;
            boolean inCopyBuffer = false;
            if (content != null && content.hasRemaining())
            {
                if (content.isDirect())
                {
                    length = content.remaining();
                    body = ThreadBuffers.address(content) + content.position();
                }
                else
                {
                    length = Math.min(content.remaining(), ThreadBuffers.COPY_CAPACITY);
                    buffers.copy.clear();
                    ByteBuffer piece = content.slice();
                    piece.limit(length);
                    buffers.copy.put(piece);
                    body = buffers.copyAddress;
                    inCopyBuffer = true;
                }
                content.position(content.position() + length);
            }
            contentDone = content == null || !content.hasRemaining();
            int pieceFlags = contentDone ? flags : flags & ~SEND_LAST;
            if (!enter())
                return -4;
            int result;
            try
            {
                result = lyger_send(conn, buffers.headAddress, headLength, body, length, pieceFlags | SEND_ASYNC);
                if (result == PENDING)
                    result = arm(new PendingSend(callback, content, flags, contentDone, trailersAfter, inCopyBuffer ? copyOf(buffers.copy, length) : null));
            }
            finally
            {
                exit();
            }
            if (result != 0)
                return result;
            headLength = 0;
        }
        if (trailersAfter == null)
            return 0;
        HttpFields fields = trailersAfter.get();
        int length = fields == null ? 0 : ResponseHeadEncoder.encodeTrailers(fields, buffers.head);
        if (!enter())
            return -4;
        try
        {
            // the engine encodes the fields during the call: a pending rest holds nothing of ours
            int result = lyger_send_trailers(conn, buffers.headAddress, length, SEND_ASYNC);
            return result == PENDING ? arm(new PendingSend(callback, null, 0, true, null, null)) : result;
        }
        finally
        {
            exit();
        }
    }

    /**
     * @return the file mapping {@code content} is a slice of ({@link FileRegions}), when the engine may send it
     * straight from the file: a plain HTTP exchange's body without trailers, large enough to be worth it; else null
     */
    private FileRegions.Mapping fileRegion(ByteBuffer content, Supplier<HttpFields> trailersSupplier)
    {
        if (content == null || content.remaining() < FileRegions.MIN_BYTES || !content.isDirect() ||
            trailersSupplier != null || switchedProtocols || endPoint.isSecure())
            return null;
        return FileRegions.find(ThreadBuffers.address(content) + content.position(), content.remaining());
    }

    /**
     * Sends {@code content}, a slice of {@code file}'s mapping, as a region of that file: the engine writes it with
     * sendfile(2) (ABI.md, "File regions"), pending and resumed as other sends. Where the engine cannot (TLS), the
     * bytes go as usual. A file the engine cannot send (gone, or of another size now: nothing was written) fails the
     * send.
     */
    private int sendFile(ThreadBuffers buffers, int headLength, ByteBuffer content, FileRegions.Mapping file, int flags, Callback callback)
    {
        byte[] path = file.path();
        if (path.length > ThreadBuffers.COPY_CAPACITY)
            return sendRest(buffers, headLength, content, flags, false, null, callback);
        long offset = ThreadBuffers.address(content) + content.position() - file.address();
        int length = content.remaining();
        buffers.copy.clear();
        buffers.copy.put(path);
        if (!enter())
            return -4;
        int result;
        try
        {
            // The engine opens the path during the call (a pending rest holds nothing of ours) and refuses a file no
            // longer of the size it was mapped at: the response was framed for that one.
            result = lyger_send_file(conn, buffers.headAddress, headLength, buffers.copyAddress, path.length, file.size(), offset, length, flags | SEND_ASYNC);
            if (result == PENDING)
                result = arm(new PendingSend(callback, null, flags, true, null, null));
        }
        finally
        {
            exit();
        }
        if (result == FILE_UNSUPPORTED)
            return sendRest(buffers, headLength, content, flags, false, null, callback);
        if (result == 0 || result == PENDING)
            FileRegions.onSent(file, length);
        content.position(content.limit());
        return result;
    }

    /** A pooled direct copy of the first {@code length} bytes of the thread's copy buffer, which the thread reuses. */
    private RetainableByteBuffer copyOf(ByteBuffer threadCopy, int length)
    {
        RetainableByteBuffer copy = server.connector().getByteBufferPool().acquire(length, true);
        ByteBuffer target = copy.getByteBuffer();
        target.clear();
        target.put(threadCopy.flip());
        return copy;
    }

    /**
     * Hands a pending send over to the engine (the caller holds a reference): registered for the SENT event first, so
     * that the event cannot overtake the registration.
     *
     * @return PENDING when the SENT event (or a cancel, abort or stop) completes it; else it is over now, with that result
     */
    private int arm(PendingSend pending)
    {
        pendingSend = pending;
        server.registerSend(conn, this);
        int result = lyger_send_arm(conn, pending.copyAddress());
        if (result == PENDING)
            return PENDING;
        server.unregisterSend(conn, this);
        // over now, no event: unless a cancel or the server's stop took it meanwhile, and completes it
        if (!PENDING_SEND.compareAndSet(this, pending, null))
            return PENDING;
        pending.release();
        return result;
    }

    /** The engine's SENT event: the pending send is over; go on with the rest of it, or fail it. */
    void onSent(int result)
    {
        PendingSend pending = (PendingSend) PENDING_SEND.getAndSet(this, null);
        if (pending == null)
            return; // cancelled, aborted or stopped meanwhile: already completed
        pending.release();
        try
        {
            if (result == 0)
                result = sendRest(ThreadBuffers.current(), 0, pending.content, pending.flags, pending.contentDone, pending.trailers, pending.callback);
            complete(pending.callback, result);
        }
        catch (Throwable x)
        {
            pending.callback.failed(x);
        }
    }

    /**
     * The SENT event on the reserve poller: the rest of the send and its callback run here when that cannot block (a
     * blocking write's Blocker, no trailers supplier to call); otherwise on the executor.
     */
    void onSentReserved(int result)
    {
        PendingSend pending = (PendingSend) PENDING_SEND.getVolatile(this);
        if (pending == null || (pending.trailers == null &&
            Invocable.getInvocationType(pending.callback) == Invocable.InvocationType.NON_BLOCKING))
            onSent(result);
        else
            server.execute(() -> onSent(result));
    }

    /** Cancels the pending send, if any (Jetty's cancelSend): the engine lets go of its memory, then it fails. */
    private void cancelPendingSend(Throwable cause)
    {
        PendingSend pending = null;
        if (enter())
        {
            try
            {
                pending = (PendingSend) PENDING_SEND.getAndSet(this, null);
                if (pending != null)
                    lyger_send_cancel(conn);
            }
            finally
            {
                exit();
            }
        }
        // else the stream is ending: release() fails a pending send once the engine dropped it
        if (pending != null)
        {
            server.unregisterSend(conn, this);
            pending.release();
            pending.callback.failed(cause);
        }
    }

    /** Fails a pending send the engine no longer holds (it aborted, completed or shut down). */
    void failPendingSend(Throwable cause)
    {
        PendingSend pending = (PendingSend) PENDING_SEND.getAndSet(this, null);
        if (pending != null)
        {
            pending.release();
            pending.callback.failed(cause);
        }
    }

    private static void complete(Callback callback, int result)
    {
        switch (result)
        {
            case 0 -> callback.succeeded();
            case PENDING ->
            {
                // completed later, from the engine's SENT event (or by a cancel, abort or stop)
            }
            case -2 -> callback.failed(new TimeoutException("Idle timeout writing the response"));
            case -3 -> callback.failed(new HttpException.RuntimeException(HttpStatus.INTERNAL_SERVER_ERROR_500, "Invalid response header"));
            case FILE_UNUSABLE -> callback.failed(new EofException("File changed or gone before it was sent"));
            default -> callback.failed(new EofException(result == -1 ? "Connection reset by peer" : "Connection closed"));
        }
    }

    @Override
    public Runnable cancelSend(Throwable cause, Callback appCallback)
    {
        return () ->
        {
            cancelPendingSend(cause);
            appCallback.failed(cause);
        };
    }

    @Override
    public long getIdleTimeout()
    {
        return endPoint.getIdleTimeout();
    }

    @Override
    public void setIdleTimeout(long idleTimeoutMs)
    {
        endPoint.setIdleTimeout(idleTimeoutMs);
    }

    /** Applies an idle timeout to the engine's connection (called by the EndPoint, which holds the value). */
    void applyIdleTimeout(long idleTimeoutMs)
    {
        if (!enter())
            return;
        try
        {
            lyger_conn_set_idle_timeout(conn, (int)Math.min(Integer.MAX_VALUE, Math.max(0, idleTimeoutMs)));
        }
        finally
        {
            exit();
        }
    }

    /** @return true while the client waits for "100 Continue" before sending the body, and none was asked for */
    private boolean awaitsContinue()
    {
        return head.expects100Continue() && !bodyRequested;
    }

    @Override
    public boolean isCommitted()
    {
        return committed;
    }

    @Override
    public Throwable consumeAvailable()
    {
        // a 101 requires the body read to its end (the engine refuses it otherwise): what follows is not the body
        if (switchedProtocols)
            return null;
        if (awaitsContinue())
        {
            // Reading would make the engine send "100 Continue" and invite a body nobody wants: as Jetty's
            // HttpConnection, leave it unsent and close the connection after the response instead.
            closeAfterResponse = true;
            terminal = Content.Chunk.from(CONTENT_NOT_CONSUMED, true);
            return CONTENT_NOT_CONSUMED;
        }
        if (bodyDiscarded)
            return null;
        Throwable result = HttpStream.consumeAvailable(this, server.configuration());
        if (result == CONTENT_NOT_CONSUMED && discardBody())
        {
            // The rest has not arrived yet: the engine reads and drops it after the response (within its bound),
            // and the connection stays persistent, as when Jetty's HttpConnection could skip it.
            bodyDiscarded = true;
            terminal = Content.Chunk.from(new EofException("Request content discarded"), true);
            return null;
        }
        if (result != null)
        {
            terminal = Content.Chunk.from(result, true);
            // As HttpConnection (its generator made non-persistent): the response says Connection: close if not
            // committed yet, and the channel completes normally rather than failing over the unread content.
            closeAfterResponse = true;
            connection.notPersistent();
        }
        return result;
    }

    /** @return true when the engine will discard the unread rest of the body and keep the connection */
    private boolean discardBody()
    {
        if (!enter())
            return false;
        try
        {
            return lyger_discard_body(conn) == 0;
        }
        finally
        {
            exit();
        }
    }

    /**
     * The servlet upgrade (Jetty's ServletChannel, after the 101 was flushed): from now on {@link #read()} and
     * {@link #send} carry the new protocol's bytes, until the upgrade handler closes its WebConnection and the
     * exchange completes (the engine then closes the connection).
     */
    void startTunnel()
    {
        if (!switchedProtocols)
            throw new IllegalStateException("no 101 sent");
        terminal = null;
        tunnel = true;
    }

    @Override
    public void succeeded()
    {
        // As Jetty's HttpConnection: a Connection set by the upgrade (WebSocket) takes the connection over when the
        // exchange that sent the 101 succeeds.
        if (switchedProtocols && !tunnel && channel.getRequest() != null &&
            channel.getRequest().getAttribute(UPGRADE_CONNECTION_ATTRIBUTE) instanceof Connection connection)
            upgradeTo = connection;
        end(COMPLETE);
    }

    @Override
    public void failed(Throwable x)
    {
        end(ABORT);
    }

    /** Closes the connection now (EndPoint.close, failures). */
    void abort(Throwable cause)
    {
        end(ABORT);
    }

    boolean isClosed()
    {
        return ending != NOT_ENDED;
    }

    private boolean enter()
    {
        while (true)
        {
            int count = references;
            if (count == 0 || ending != NOT_ENDED)
                return false;
            if (REFERENCES.compareAndSet(this, count, count + 1))
                return true;
        }
    }

    private void exit()
    {
        if ((int) REFERENCES.getAndAdd(this, -1) == 1)
            release();
    }

    private void end(int how)
    {
        if (!ENDING.compareAndSet(this, NOT_ENDED, how))
            return;
        // an upgraded endpoint stays open (and counted) until the new connection closes it
        if (how != COMPLETE || upgradeTo == null)
            server.connector().onRequestEnd(endPoint);
        if ((int) REFERENCES.getAndAdd(this, -1) == 1)
            release();
    }

    /** Gives the handle back to the engine; runs once, when the stream ended and no native call is in progress. */
    private void release()
    {
        server.unregisterDemand(conn, this);
        // a send still pending here is cut by the engine below (it never is on the normal path, which pays nothing)
        boolean sendPending = pendingSend != null;
        if (sendPending)
            server.unregisterSend(conn, this);
        NativeChannel pipelined = null;
        Connection upgraded = upgradeTo;
        if (ending == COMPLETE && upgraded != null)
        {
            server.retire(nativeChannel);
            endPoint.switchTo(server, conn, upgraded);
        }
        else if (ending == COMPLETE)
        {
            // Reused only when the connection stays open; recycled before the engine may hand over its next request.
            if (sendPending || closeAfterResponse || !connection.isPersistent())
                server.retire(nativeChannel);
            else
                nativeChannel.recycle();
            pipelined = server.complete(conn);
        }
        else
        {
            server.retire(nativeChannel);
            lyger_abort(conn);
        }
        // the engine dropped it: fail it now
        if (sendPending)
            failPendingSend(new EofException("Connection closed"));
        // Publish before the handoff: the handling thread reads next only after it saw handling cleared here.
        next = pipelined;
        if (!HANDLING.compareAndSet(this, true, false))
        {
            next = null;
            if (pipelined != null)
                server.serveLater(pipelined);
        }
    }

    @Override
    public String toString()
    {
        return "NativeHttpStream@%x{id=%d,conn=%d,%s %s}".formatted(hashCode(), id, head.connId, head.method, head.target);
    }
}
