package io.lyger.connector.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.lyger.connector.internal.LygerLibrary.lyger_complete;
import static io.lyger.connector.internal.LygerLibrary.lyger_conn_set_idle_timeout;
import static io.lyger.connector.internal.LygerLibrary.lyger_read_body;
import static io.lyger.connector.internal.LygerLibrary.lyger_send;

/**
 * A connection the engine switched to another protocol (the Upgraded phase of ABI.md), as a Jetty EndPoint for the
 * Connection that took it over (WebSocket). Jetty's {@link AbstractEndPoint} gives the fill interest, the write
 * flusher, the shutdown states and the idle timeout; the bytes go through the engine:
 * <ul>
 * <li>{@link #fill}: {@code lyger_read_body}, non-blocking (the bytes that came behind the request head first);</li>
 * <li>fill interest: {@code lyger_demand}, then the engine's CONTENT event, on a polling thread;</li>
 * <li>{@link #flush}: {@code lyger_send} without a head. It blocks the calling thread until the kernel took every
 * byte, because the engine's raw sends after a 101 do (they ignore ASYNC, ABI.md): so a flush never leaves bytes
 * behind and the write flusher never waits for writability;</li>
 * <li>{@code shutdownOutput}: a LAST send (half-close); close: {@code lyger_complete} (graceful close).</li>
 * </ul>
 * The handle is held as {@link NativeHttpStream} holds it: every native call takes a reference, and the last one to
 * leave after the close gives the handle back, exactly once.
 */
final class UpgradedEndPoint extends AbstractEndPoint implements NativeServer.ContentListener
{
    private static final Logger LOG = LoggerFactory.getLogger(UpgradedEndPoint.class);
    /** {@code lyger_send} flag LAST: after the 101, a half-close. */
    private static final int SEND_LAST = 1;
    /** Jetty's idle timeout acts first (the Connection's onIdleExpired, e.g. a WebSocket close frame); the engine's is the backstop. */
    private static final long ENGINE_IDLE_GRACE_MS = 1000;

    private final NativeServer server;
    private final long conn;
    private final NativeEndPoint front;
    /** 1 for this endpoint until it closes, plus one per native call in progress. */
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    UpgradedEndPoint(NativeServer server, long conn, NativeEndPoint front)
    {
        super(server.connector().getScheduler());
        this.server = server;
        this.conn = conn;
        this.front = front;
    }

    @Override
    public SocketAddress getLocalSocketAddress()
    {
        return front.getLocalSocketAddress();
    }

    @Override
    public SocketAddress getRemoteSocketAddress()
    {
        return front.getRemoteSocketAddress();
    }

    @Override
    public Object getTransport()
    {
        return null;
    }

    @Override
    public void setIdleTimeout(long idleTimeout)
    {
        super.setIdleTimeout(idleTimeout);
        if (!enter())
            return;
        try
        {
            long engineIdle = idleTimeout <= 0 ? Integer.MAX_VALUE : Math.min(Integer.MAX_VALUE, idleTimeout + ENGINE_IDLE_GRACE_MS);
            lyger_conn_set_idle_timeout(conn, (int)engineIdle);
        }
        finally
        {
            exit();
        }
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException
    {
        if (isInputShutdown())
            return -1;
        if (!enter())
            throw new EofException("closed");
        int read;
        try
        {
            int position = BufferUtil.flipToFill(buffer);
            try
            {
                read = buffer.isDirect() ? fillDirect(buffer) : fillHeap(buffer);
            }
            finally
            {
                BufferUtil.flipToFlush(buffer, position);
            }
        }
        finally
        {
            exit();
        }
        if (read > 0)
        {
            notIdle();
            return read;
        }
        if (read == 0)
            return 0;
        if (read == -1)
        {
            shutdownInput();
            return -1;
        }
        if (read == -5)
            throw new IOException(new TimeoutException("Idle timeout reading the upgraded connection"));
        throw new EofException(read == -2 ? "Connection reset or closed" : "Read failed: " + read);
    }

    /** Reads straight into the free space of a direct buffer (in fill mode). */
    private int fillDirect(ByteBuffer buffer)
    {
        int read = lyger_read_body(conn, ThreadBuffers.address(buffer) + buffer.position(), buffer.remaining());
        if (read > 0)
            buffer.position(buffer.position() + read);
        return read;
    }

    /** Reads into this thread's direct buffer, then copies (heap buffers have no stable address). */
    private int fillHeap(ByteBuffer buffer)
    {
        ThreadBuffers buffers = ThreadBuffers.current();
        int read = lyger_read_body(conn, buffers.copyAddress, Math.min(buffer.remaining(), ThreadBuffers.COPY_CAPACITY));
        if (read > 0)
            buffer.put(buffers.copy.duplicate().limit(read).position(0));
        return read;
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException
    {
        if (!enter())
            throw new EofException("closed");
        try
        {
            for (ByteBuffer buffer : buffers)
            {
                while (buffer != null && buffer.hasRemaining())
                    send(buffer);
            }
        }
        finally
        {
            exit();
        }
        notIdle();
        return true;
    }

    /** Writes (part of) one buffer, blocking until the kernel took it. */
    private void send(ByteBuffer buffer) throws IOException
    {
        int result;
        int length;
        if (buffer.isDirect())
        {
            length = buffer.remaining();
            result = lyger_send(conn, 0, 0, ThreadBuffers.address(buffer) + buffer.position(), length, 0);
        }
        else
        {
            ThreadBuffers buffers = ThreadBuffers.current();
            length = Math.min(buffer.remaining(), ThreadBuffers.COPY_CAPACITY);
            buffers.copy.clear();
            buffers.copy.put(buffer.slice().limit(length));
            result = lyger_send(conn, 0, 0, buffers.copyAddress, length, 0);
        }
        if (result != 0)
            throw sendFailure(result);
        buffer.position(buffer.position() + length);
    }

    private static IOException sendFailure(int result)
    {
        if (result == -2)
            return new IOException(new TimeoutException("Idle timeout writing the upgraded connection"));
        return new EofException(result == -1 ? "Connection reset by peer" : "Connection closed");
    }

    @Override
    protected void onIncompleteFlush()
    {
        // flush() writes everything or throws: never incomplete
    }

    @Override
    protected void needsFillInterest() throws IOException
    {
        if (!enter())
            throw new EofException("closed");
        boolean ready;
        try
        {
            ready = server.demand(conn, this);
        }
        finally
        {
            exit();
        }
        // Readable already: not inline, which would recurse into the Connection's onFillable
        if (ready)
            server.execute(this::onContentAvailable);
    }

    /** CONTENT from the engine (on a polling thread): the Connection reads. Never throws: a failure closes. */
    @Override
    public void onContentAvailable()
    {
        try
        {
            getFillInterest().fillable();
        }
        catch (Throwable x)
        {
            LOG.warn("Failure reading {}", this, x);
            close(x);
        }
    }

    /** On the reserve poller: only a fill callback that cannot block runs here (a WebSocket's may call the application). */
    @Override
    public void onContentAvailableReserved()
    {
        if (getFillInterest().getCallbackInvocationType() == Invocable.InvocationType.NON_BLOCKING)
            onContentAvailable();
        else
            server.execute(this::onContentAvailable);
    }

    @Override
    protected void doShutdownOutput()
    {
        if (!enter())
            return;
        try
        {
            lyger_send(conn, 0, 0, 0, 0, SEND_LAST);
        }
        finally
        {
            exit();
        }
    }

    @Override
    protected void doClose()
    {
        if (!closed.compareAndSet(false, true))
            return;
        server.unregisterDemand(conn, this);
        exit();
    }

    /** As the selector does for Jetty's endpoints: the Connection learns that its endpoint closed. */
    @Override
    public void onClose(Throwable failure)
    {
        try
        {
            super.onClose(failure);
            Connection connection = getConnection();
            if (connection != null)
                connection.onClose(failure);
        }
        catch (Throwable x)
        {
            LOG.warn("Failure closing {}", this, x);
        }
        finally
        {
            server.connector().onUpgradedClosed(front);
        }
    }

    private boolean enter()
    {
        while (true)
        {
            int count = references.get();
            if (count == 0 || closed.get())
                return false;
            if (references.compareAndSet(count, count + 1))
                return true;
        }
    }

    private void exit()
    {
        if (references.decrementAndGet() == 0)
        {
            // graceful: our side shut down and the peer's rest drained, so the last bytes are not lost to a reset
            lyger_complete(conn, 0, 0);
        }
    }

    @Override
    public String toString()
    {
        // the Connection's class only: its own toString prints its EndPoint (this)
        Connection connection = getConnection();
        return "UpgradedEndPoint@%x{%s<->%s,%s}".formatted(hashCode(), getRemoteSocketAddress(), getLocalSocketAddress(),
            connection == null ? null : connection.getClass().getSimpleName());
    }
}
