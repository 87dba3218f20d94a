package io.lyger.connector.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpVersion;

/**
 * A request head as the engine handed it over: the decoded REQUEST event of {@code native-connector/ABI.md}
 * ({@link RequestDecoder} makes it).
 */
final class RequestHead
{
    static final int KIND_REQUEST = 1;
    static final int KIND_CONTENT = 2;
    static final int KIND_SENT = 3;

    private static final int KEEP_ALIVE = 1;
    private static final int EXPECT_100 = 2;
    private static final int CHUNKED = 4;
    private static final int HAS_BODY = 8;

    final long beginNanoTime;
    final HttpVersion version;
    final int flags;
    final long conn;
    final long connId;
    final long contentLength;
    final InetSocketAddress remote;
    final InetSocketAddress local;
    final String method;
    final String target;
    final HttpFields.Mutable fields;
    final HostPortHttpField host;
    /** Why Java cannot accept this request (answered 400), or null. */
    final String badMessage;

    RequestHead(long beginNanoTime, HttpVersion version, int flags, long conn, long connId, long contentLength,
                        InetSocketAddress remote, InetSocketAddress local, String method, String target,
                        HttpFields.Mutable fields, HostPortHttpField host, String badMessage)
    {
        this.beginNanoTime = beginNanoTime;
        this.version = version;
        this.flags = flags;
        this.conn = conn;
        this.connId = connId;
        this.contentLength = contentLength;
        this.remote = remote;
        this.local = local;
        this.method = method;
        this.target = target;
        this.fields = fields;
        this.host = host;
        this.badMessage = badMessage;
    }

    boolean isKeepAlive()
    {
        return (flags & KEEP_ALIVE) != 0;
    }

    boolean expects100Continue()
    {
        return (flags & EXPECT_100) != 0;
    }

    boolean isChunked()
    {
        return (flags & CHUNKED) != 0;
    }

    boolean hasBody()
    {
        return (flags & HAS_BODY) != 0;
    }

    /** @return the kind of the event at the start of {@code event}. */
    static int kind(ByteBuffer event)
    {
        return event.get(0);
    }

    /** @return the connection handle an event carries (REQUEST, CONTENT and SENT alike, at offset 4). */
    static long conn(ByteBuffer event)
    {
        return event.getLong(4);
    }

    /** @return the result a SENT event carries, as {@code lyger_send}'s. */
    static int sentResult(ByteBuffer event)
    {
        return event.getInt(12);
    }
}
