package io.lyger.connector.internal;

import java.net.SocketAddress;
import java.util.EventListener;
import java.util.concurrent.TimeoutException;

import io.lyger.connector.LygerConnector;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.Attributes;

/**
 * What Jetty knows about the connection a native request came on: its {@link ConnectionMetaData} and the
 * {@link Connection} it asks for (Jetty's own HttpConnection is both, too). The engine owns the real connection;
 * this object is its {@link NativeChannel}'s, so it usually lives as long as the connection, and its attributes with
 * it (a connection whose channel left the {@link ChannelCache} gets a new one, with none). As HttpConnection it is a {@link Connection.Tunnel}: Jetty's servlet
 * upgrade ({@code HttpServletRequest.upgrade}) flushes the 101, then tunnels the new protocol through the stream.
 */
final class NativeConnection extends Attributes.Lazy implements ConnectionMetaData, Connection, Connection.Tunnel
{
    private final LygerConnector connector;
    private final HttpConfiguration configuration;
    private final RequestHead head;
    private final NativeEndPoint endPoint;
    /** False once the connection is known to close after this exchange (an unread body it cannot skip). */
    private volatile boolean persistent = true;

    NativeConnection(LygerConnector connector, HttpConfiguration configuration, RequestHead head, NativeEndPoint endPoint)
    {
        this.connector = connector;
        this.configuration = configuration;
        this.head = head;
        this.endPoint = endPoint;
        endPoint.setConnection(this);
    }

    @Override
    public String getId()
    {
        return Long.toString(head.connId);
    }

    @Override
    public HttpConfiguration getHttpConfiguration()
    {
        return configuration;
    }

    @Override
    public HttpVersion getHttpVersion()
    {
        return head.version;
    }

    @Override
    public String getProtocol()
    {
        return head.version.asString();
    }

    @Override
    public Connection getConnection()
    {
        return this;
    }

    @Override
    public Connector getConnector()
    {
        return connector;
    }

    @Override
    public boolean isPersistent()
    {
        return persistent && head.isKeepAlive();
    }

    /** Ready for the connection's next request. */
    void recycle()
    {
        persistent = true;
    }

    /** The connection closes after this exchange (as Jetty's HttpGenerator.setPersistent(false)). */
    void notPersistent()
    {
        persistent = false;
    }

    @Override
    public boolean isSecure()
    {
        return endPoint.isSecure();
    }

    @Override
    public SocketAddress getRemoteSocketAddress()
    {
        return head.remote;
    }

    @Override
    public SocketAddress getLocalSocketAddress()
    {
        return head.local;
    }

    @Override
    public void addEventListener(EventListener listener)
    {
    }

    @Override
    public void removeEventListener(EventListener listener)
    {
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
    public void startTunnel()
    {
        endPoint.startTunnel();
    }

    @Override
    public EndPoint getEndPoint()
    {
        return endPoint;
    }

    @Override
    public void close()
    {
        endPoint.close();
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeoutException)
    {
        return true;
    }

    @Override
    public long getMessagesIn()
    {
        return 1;
    }

    @Override
    public long getMessagesOut()
    {
        return 1;
    }

    @Override
    public long getBytesIn()
    {
        return -1;
    }

    @Override
    public long getBytesOut()
    {
        return -1;
    }

    @Override
    public long getCreatedTimeStamp()
    {
        return endPoint.getCreatedTimeStamp();
    }

    @Override
    public String toString()
    {
        return "NativeConnection@%x{id=%d,%s}".formatted(hashCode(), head.connId, head.remote);
    }
}
