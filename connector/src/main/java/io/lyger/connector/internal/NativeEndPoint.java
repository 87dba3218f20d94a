package io.lyger.connector.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EndPoint Jetty sees for a request on the native engine. Bytes never flow through it: the engine owns the
 * socket and {@link NativeHttpStream} carries the request and response. It exists because parts of Jetty ask the
 * connection for its EndPoint to read addresses and the idle timeout. One per {@link NativeChannel}, so per
 * connection; each request binds its stream to it. Graceful shutdown counts requests in flight
 * ({@code LygerConnector.onRequestBegin/End}), not EndPoints: no EndPoint enters a set per request.
 * <p>
 * After a protocol upgrade to a new {@link Connection} (WebSocket: {@code HttpStream.UPGRADE_CONNECTION_ATTRIBUTE}),
 * which was built on this EndPoint, bytes do flow through it: every operation then goes to an
 * {@link UpgradedEndPoint} over the engine's upgraded connection. The per-request EndPoint stays this light one,
 * and only an upgraded connection pays for Jetty's fill interest, write flusher and idle timer.
 */
public final class NativeEndPoint implements EndPoint
{
    private static final Logger LOG = LoggerFactory.getLogger(NativeEndPoint.class);

    private final RequestHead head;
    /** The stream of the connection's current (or last) request. */
    private volatile NativeHttpStream stream;
    private final long created = System.currentTimeMillis();
    private volatile long idleTimeout;
    private volatile Connection connection;
    private volatile UpgradedEndPoint upgraded;
    /** The listener's TLS configuration; null for plain HTTP. */
    private final NativeTlsConfig tls;
    /** What the connection's TLS negotiated, read from the engine on first use (once per connection). */
    private volatile SslSessionData sslSessionData;

    NativeEndPoint(RequestHead head, long idleTimeout, NativeTlsConfig tls)
    {
        this.head = head;
        this.idleTimeout = idleTimeout;
        this.tls = tls;
    }

    @Override
    public boolean isSecure()
    {
        return tls != null;
    }

    /** Jetty's SecureRequestCustomizer reads the connection's TLS facts here, as from its SslEndPoint. */
    @Override
    public SslSessionData getSslSessionData()
    {
        SslSessionData data = sslSessionData;
        if (data != null || tls == null)
            return data;
        ByteBuffer info = ThreadBuffers.allocate(4096);
        int n = LygerLibrary.lyger_conn_tls_info(head.conn, ThreadBuffers.address(info), info.capacity());
        if (n < 0)
        {
            info = ThreadBuffers.allocate(-n);
            n = LygerLibrary.lyger_conn_tls_info(head.conn, ThreadBuffers.address(info), info.capacity());
        }
        if (n <= 0)
            return null;
        try
        {
            data = NativeSslSession.decode(info.limit(n), tls);
        }
        catch (Exception x)
        {
            LOG.warn("Undecodable TLS facts of a connection from the native engine", x);
            return null;
        }
        sslSessionData = data;
        return data;
    }

    /** A new request on the connection: operations go to its stream. */
    void bind(NativeHttpStream stream)
    {
        this.stream = stream;
    }

    @Override
    public SocketAddress getLocalSocketAddress()
    {
        return head.local;
    }

    @Override
    public SocketAddress getRemoteSocketAddress()
    {
        return head.remote;
    }

    @Override
    public boolean isOpen()
    {
        UpgradedEndPoint u = upgraded;
        if (u != null)
            return u.isOpen();
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
        UpgradedEndPoint u = upgraded;
        if (u != null)
            u.shutdownOutput();
        else
            stream.abort(null);
    }

    @Override
    public boolean isOutputShutdown()
    {
        UpgradedEndPoint u = upgraded;
        if (u != null)
            return u.isOutputShutdown();
        return stream.isClosed();
    }

    @Override
    public boolean isInputShutdown()
    {
        UpgradedEndPoint u = upgraded;
        if (u != null)
            return u.isInputShutdown();
        return stream.isClosed();
    }

    @Override
    public void close(Throwable cause)
    {
        UpgradedEndPoint u = upgraded;
        if (u != null)
            u.close(cause);
        else
            stream.abort(cause);
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException
    {
        UpgradedEndPoint u = upgraded;
        if (u != null)
            return u.fill(buffer);
        throw new UnsupportedOperationException("the native engine owns the socket; read through the HttpStream");
    }

    @Override
    public boolean flush(ByteBuffer... buffer) throws IOException
    {
        UpgradedEndPoint u = upgraded;
        if (u != null)
            return u.flush(buffer);
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
        UpgradedEndPoint u = upgraded;
        if (u != null)
            return u.getIdleTimeout();
        return idleTimeout;
    }

    @Override
    public void setIdleTimeout(long idleTimeout)
    {
        UpgradedEndPoint u = upgraded;
        if (u != null)
        {
            u.setIdleTimeout(idleTimeout);
            return;
        }
        if (this.idleTimeout == idleTimeout)
            return;
        this.idleTimeout = idleTimeout;
        NativeHttpStream s = stream;
        if (s != null)
            s.applyIdleTimeout(idleTimeout);
    }

    @Override
    public void fillInterested(Callback callback)
    {
        UpgradedEndPoint u = upgraded;
        if (u != null)
        {
            u.fillInterested(callback);
            return;
        }
        throw new UnsupportedOperationException("the native engine owns the socket; demand through the HttpStream");
    }

    @Override
    public boolean tryFillInterested(Callback callback)
    {
        UpgradedEndPoint u = upgraded;
        return u != null && u.tryFillInterested(callback);
    }

    @Override
    public boolean isFillInterested()
    {
        UpgradedEndPoint u = upgraded;
        return u != null && u.isFillInterested();
    }

    @Override
    public void write(Callback callback, ByteBuffer... buffers)
    {
        UpgradedEndPoint u = upgraded;
        if (u != null)
        {
            u.write(callback, buffers);
            return;
        }
        callback.failed(new UnsupportedOperationException("the native engine owns the socket; write through the HttpStream"));
    }

    @Override
    public Callback cancelWrite(Throwable cause)
    {
        UpgradedEndPoint u = upgraded;
        return u != null ? u.cancelWrite(cause) : Callback.NOOP;
    }

    @Override
    public Connection getConnection()
    {
        UpgradedEndPoint u = upgraded;
        return u != null ? u.getConnection() : connection;
    }

    @Override
    public void setConnection(Connection connection)
    {
        UpgradedEndPoint u = upgraded;
        if (u != null)
            u.setConnection(connection);
        else
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
        UpgradedEndPoint u = upgraded;
        if (u == null)
            throw new UnsupportedOperationException("the native engine upgrades after a 101, through HttpStream.UPGRADE_CONNECTION_ATTRIBUTE");
        u.upgrade(newConnection);
    }

    /** The servlet upgrade: the stream carries the new protocol's bytes ({@link NativeConnection#startTunnel()}). */
    void startTunnel()
    {
        stream.startTunnel();
    }

    /**
     * The exchange that sent a 101 succeeded with a new Connection to take over (as {@code AbstractEndPoint.upgrade}):
     * the engine's connection, whose reference the stream hands over, becomes an {@link UpgradedEndPoint} behind this
     * EndPoint, and the new Connection is opened. Never throws: a failure closes the connection.
     */
    void switchTo(NativeServer server, long conn, Connection newConnection)
    {
        UpgradedEndPoint u = new UpgradedEndPoint(server, conn, this);
        server.connector().onUpgraded(this);
        Connection old = connection;
        u.setConnection(newConnection);
        try
        {
            u.onOpen();
            u.setIdleTimeout(idleTimeout);
            upgraded = u;
            if (old != null)
                old.onClose(null);
            newConnection.onOpen();
        }
        catch (Throwable x)
        {
            LOG.warn("Failed to open {} after the upgrade", newConnection, x);
            upgraded = u;
            u.close(x);
        }
    }

    @Override
    public String toString()
    {
        UpgradedEndPoint u = upgraded;
        if (u != null)
            return u.toString();
        return "NativeEndPoint@%x{%s<->%s}".formatted(hashCode(), getRemoteSocketAddress(), getLocalSocketAddress());
    }
}
