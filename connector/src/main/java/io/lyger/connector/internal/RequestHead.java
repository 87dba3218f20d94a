package io.lyger.connector.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;

/**
 * A request head as the engine handed it over: the decoded REQUEST event of {@code native-connector/ABI.md}
 * ({@link RequestDecoder} fills it in). One per {@link NativeChannel}, overwritten by each request of its connection,
 * as Jetty's HttpConnection reuses its header builder: its {@link #fields} are the request's {@code HttpFields} until
 * the exchange ends, then cleared for the next one. So handing a request to Java allocates nothing for it.
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

    /** The request's header fields; cleared, not replaced, for the next request. */
    final HttpFields.Mutable fields = HttpFields.build(16);
    /**
     * The URI builder of the connection's origin-form targets, cleared for each request as Jetty's HttpURI.build
     * would make a new one: only its immutable copy is the request's (issue 17: one object less a request). Replaced
     * after a request whose URI had violations, whose emptied violation set each later copy would copy again.
     */
    HttpURI.Mutable uri = HttpURI.build();
    long beginNanoTime;
    HttpVersion version;
    int flags;
    long conn;
    long connId;
    long contentLength;
    InetSocketAddress remote;
    /** The connection's remote address as the decoder last read it: decoded again only if the bytes change. */
    final RequestDecoder.AddressCache remoteAddress = new RequestDecoder.AddressCache();
    InetSocketAddress local;
    String method;
    String target;
    HostPortHttpField host;
    /** Why Java cannot accept this request (answered 400), or null. */
    String badMessage;

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
