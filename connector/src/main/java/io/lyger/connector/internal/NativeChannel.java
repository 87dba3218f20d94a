package io.lyger.connector.internal;

import java.util.concurrent.atomic.AtomicInteger;

import io.lyger.connector.LygerConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.internal.HttpChannelState;

/**
 * The Java side of one engine connection, kept across its requests as Jetty's HttpConnection keeps its HttpChannel:
 * the {@link RequestHead} each request is decoded into, the {@link NativeConnection} (Jetty's ConnectionMetaData) and
 * {@link NativeEndPoint}, and the {@link HttpChannelState}, whose cache keeps the servlet layer's channel, request
 * and response objects for the next request. A request's {@link NativeHttpStream} holds it while it runs and
 * recycles it when the exchange completes and the connection stays open, just before the engine may hand over the
 * connection's next request. Found again through the {@link ChannelCache}.
 */
final class NativeChannel
{
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int RETIRED = 2;

    final long connId;
    final RequestHead head = new RequestHead();
    final NativeEndPoint endPoint;
    final NativeConnection connection;
    final HttpChannelState channel;
    private final AtomicInteger state = new AtomicInteger(BUSY);
    /** When it became idle ({@link System#nanoTime()}), for the cache's sweep. */
    private volatile long idleSince;

    /** A new channel, held by the request about to be decoded into it. */
    NativeChannel(LygerConnector connector, HttpConfiguration configuration, long connId)
    {
        this.connId = connId;
        this.endPoint = new NativeEndPoint(head, connector.getIdleTimeout(), connector.nativeTls());
        this.connection = new NativeConnection(connector, configuration, head, endPoint);
        this.channel = new HttpChannelState(connection);
    }

    /** @return true when the caller, a new request on this connection, now holds this idle channel */
    boolean acquire()
    {
        return state.compareAndSet(IDLE, BUSY);
    }

    /**
     * The exchange completed and the connection stays open: ready for the connection's next request. Called by the
     * holder before it lets the engine go on ({@code lyger_complete}), and the last thing it does with this channel.
     */
    void recycle()
    {
        // (Jetty's recycle assumes a request reached the channel)
        if (channel.getRequest() != null)
            channel.recycle();
        connection.recycle();
        idleSince = System.nanoTime();
        state.set(IDLE);
    }

    /** @return true while a request holds it */
    boolean isBusy()
    {
        return state.get() == BUSY;
    }

    /** Never reused: the connection closes, was upgraded, or failed. */
    void retire()
    {
        state.set(RETIRED);
    }

    /** @return true when no request has held it since {@code before} (a {@link System#nanoTime()}), or ever will */
    boolean unusedSince(long before)
    {
        int now = state.get();
        return now == RETIRED || (now == IDLE && idleSince - before < 0);
    }
}
