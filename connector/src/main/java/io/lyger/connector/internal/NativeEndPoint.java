package io.lyger.connector.internal;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;

/**
 * The EndPoint Jetty sees for a request on the native engine. Bytes never flow through it: the engine owns the
 * socket and {@link NativeHttpStream} carries the request and response. It exists because parts of Jetty ask the
 * connection for its EndPoint to read addresses and the idle timeout, and because {@code AbstractConnector}
 * counts EndPoints for graceful shutdown: one is open for each request in flight.
 */
public final class NativeEndPoint implements EndPoint
{
    private final NativeHttpStream stream;
    private final long created = System.currentTimeMillis();
    private volatile long idleTimeout;
    private volatile Connection connection;

    NativeEndPoint(NativeHttpStream stream, long idleTimeout)
    {
        this.stream = stream;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public SocketAddress getLocalSocketAddress()
    {
        return stream.head().local;
    }

    @Override
    public SocketAddress getRemoteSocketAddress()
    {
        return stream.head().remote;
    }

    @Override
    public boolean isOpen()
    {
        return !stream.isClosed();
    }

    @Override
    public long getCreatedTimeStamp()
    {
        return created;
    }

    @Override
    public void shutdownOutput()
    {
        stream.abort(null);
    }

    @Override
    public boolean isOutputShutdown()
    {
        return stream.isClosed();
    }

    @Override
    public boolean isInputShutdown()
    {
        return stream.isClosed();
    }

    @Override
    public void close(Throwable cause)
    {
        stream.abort(cause);
    }

    @Override
    public int fill(ByteBuffer buffer)
    {
        throw new UnsupportedOperationException("the native engine owns the socket; read through the HttpStream");
    }

    @Override
    public boolean flush(ByteBuffer... buffer)
    {
        throw new UnsupportedOperationException("the native engine owns the socket; write through the HttpStream");
    }

    @Override
    public Object getTransport()
    {
        return null;
    }

    @Override
    public long getIdleTimeout()
    {
        return idleTimeout;
    }

    @Override
    public void setIdleTimeout(long idleTimeout)
    {
        if (this.idleTimeout == idleTimeout)
            return;
        this.idleTimeout = idleTimeout;
        stream.applyIdleTimeout(idleTimeout);
    }

    @Override
    public void fillInterested(Callback callback)
    {
        throw new UnsupportedOperationException("the native engine owns the socket; demand through the HttpStream");
    }

    @Override
    public boolean tryFillInterested(Callback callback)
    {
        return false;
    }

    @Override
    public boolean isFillInterested()
    {
        return false;
    }

    @Override
    public void write(Callback callback, ByteBuffer... buffers)
    {
        callback.failed(new UnsupportedOperationException("the native engine owns the socket; write through the HttpStream"));
    }

    @Override
    public Callback cancelWrite(Throwable cause)
    {
        return Callback.NOOP;
    }

    @Override
    public Connection getConnection()
    {
        return connection;
    }

    @Override
    public void setConnection(Connection connection)
    {
        this.connection = connection;
    }

    @Override
    public void onOpen()
    {
    }

    @Override
    public void onClose(Throwable cause)
    {
    }

    @Override
    public void upgrade(Connection newConnection)
    {
        throw new UnsupportedOperationException("protocol upgrade is not supported by the native engine yet");
    }

    @Override
    public String toString()
    {
        return "NativeEndPoint@%x{%s<->%s}".formatted(hashCode(), getRemoteSocketAddress(), getLocalSocketAddress());
    }
}
