package io.lyger.connector.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

import io.lyger.connector.LygerConnector;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.ProxyConnectionFactory;
import org.eclipse.jetty.util.ProcessorUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.lyger.connector.internal.LygerLibrary.lyger_abort;
import static io.lyger.connector.internal.LygerLibrary.lyger_complete;
import static io.lyger.connector.internal.LygerLibrary.lyger_conn_release;
import static io.lyger.connector.internal.LygerLibrary.lyger_demand;
import static io.lyger.connector.internal.LygerLibrary.lyger_engine_buffer_bytes;
import static io.lyger.connector.internal.LygerLibrary.lyger_engine_connections;
import static io.lyger.connector.internal.LygerLibrary.lyger_engine_free;
import static io.lyger.connector.internal.LygerLibrary.lyger_engine_port;
import static io.lyger.connector.internal.LygerLibrary.lyger_engine_proxy_protocol;
import static io.lyger.connector.internal.LygerLibrary.lyger_engine_shutdown;
import static io.lyger.connector.internal.LygerLibrary.lyger_engine_start;
import static io.lyger.connector.internal.LygerLibrary.lyger_engine_stop_accepting;
import static io.lyger.connector.internal.LygerLibrary.lyger_event_buffer_size;
import static io.lyger.connector.internal.LygerLibrary.lyger_poll;
import static io.lyger.connector.internal.LygerLibrary.lyger_poll_next;

/**
 * The native engine behind one {@link LygerConnector}, and the Java threads that drive it.
 * <p>
 * Execution strategy (as Jetty's AdaptiveExecutionStrategy, "eat what you kill"): threads of the connector's
 * executor loop in {@code lyger_poll}; the thread that receives a request runs it itself, so the request is parsed
 * and handled on one thread with no hand-off. Before it runs the request it makes sure another thread keeps
 * polling (spawning one only when none is left waiting), so a handler that blocks never stalls the engine. Back
 * from its event, a thread first takes what the engine queued meanwhile ({@code lyger_poll_next}, without
 * sleeping: the engine keeps queued events for such threads, see native-connector/src/engine.rs); only then does it
 * wait again, or return to the pool when more pollers wait than needed.
 * <p>
 * Pollers are tasks of the same executor as the requests they serve, so when every pool thread is blocked (in a
 * blocking servlet write waiting for its SENT event, or a blocking read waiting for CONTENT), a spawned poller waits
 * in the pool's queue for a thread that only a poller could free. One pool thread, leased from the pool's budget as
 * Jetty's selectors are, is therefore kept as the {@link ReservePoller}: it sleeps while the pollers run, and polls
 * only while a spawned poller has waited in the queue for a whole check period; it never serves a request in place.
 */
public final class NativeServer
{
    private static final Logger LOG = LoggerFactory.getLogger(NativeServer.class);
    /** Requests whose handling failed outside Jetty's own error handling: one line per 10 s. */
    private final RateLimitedWarning undecodable = new RateLimitedWarning();
    private final RateLimitedWarning failedRequests = new RateLimitedWarning();
    private static final int POLL_TIMEOUT_MS = 1000;
    private static final long STOP_WAIT_MS = 5000;

    private final LygerConnector connector;
    private final HttpConfiguration configuration;
    private final Executor executor;
    private final int targetIdlePollers;
    /** Streams (and upgraded endpoints) waiting for input, by connection handle, until the engine's CONTENT event. */
    private final ConcurrentHashMap<Long, ContentListener> demands = new ConcurrentHashMap<>();
    /** Streams whose send the engine is finishing, by connection handle, until the engine's SENT event. */
    private final ConcurrentHashMap<Long, NativeHttpStream> sends = new ConcurrentHashMap<>();
    /** Each connection's Java objects, reused by its next request. */
    private final ChannelCache channels = new ChannelCache();
    private final LongFunction<NativeChannel> newChannel;
    /** The poll loop as a task, made once: a poller is spawned often under load. */
    private final Runnable pollTask = this::pollLoop;
    private final AtomicInteger idlePollers = new AtomicInteger();
    private final AtomicInteger pollLoops = new AtomicInteger();
    /** Pollers spawned whose task has not started yet (in the pool's queue), and how many ever started. */
    private final AtomicInteger queuedPollers = new AtomicInteger();
    private final AtomicInteger startedPollers = new AtomicInteger();
    private final ReservePoller reserve = new ReservePoller(this);
    private final Object stopLock = new Object();
    private volatile long engine;
    private volatile boolean stopping;
    private int eventCapacity;
    private int localPort = -1;

    public NativeServer(LygerConnector connector)
    {
        this.connector = connector;
        this.configuration = connector.getHttpConfiguration();
        this.executor = connector.getExecutor();
        int pollers = connector.getPollers() > 0 ? connector.getPollers() : Integer.getInteger("lyger.pollers", -1);
        this.targetIdlePollers = pollers > 0 ? pollers : Math.max(2, ProcessorUtils.availableProcessors());
        this.newChannel = connId -> new NativeChannel(connector, configuration, connId);
    }

    LygerConnector connector()
    {
        return connector;
    }

    HttpConfiguration configuration()
    {
        return configuration;
    }

    /** Who waits for a connection's CONTENT event: a request's stream, or the endpoint of an upgraded connection. */
    interface ContentListener
    {
        /** The engine says input can be read (bytes, end, or an error). Runs on a polling thread: must not throw. */
        void onContentAvailable();

        /**
         * As {@link #onContentAvailable()}, on the {@link ReservePoller}: runs here only a wake-up that cannot block
         * (Jetty's {@code InvocationType.NON_BLOCKING}), and hands anything else to the executor. Must not throw.
         */
        void onContentAvailableReserved();
    }

    /** Runs a task on the connector's executor, or on this thread when the executor refuses it. */
    void execute(Runnable task)
    {
        try
        {
            executor.execute(task);
        }
        catch (RejectedExecutionException x)
        {
            task.run();
        }
    }

    /** Binds and listens; throws with the engine's one-line reason (e.g. the address is in use). */
    public void open() throws IOException
    {
        String host = connector.getHost() == null ? "0.0.0.0" : connector.getHost();
        int headerSize = configuration.getRequestHeaderSize();
        byte[] error = new byte[512];
        byte[] hostBytes = (host + "\0").getBytes(StandardCharsets.UTF_8);
        NativeTlsConfig tls = connector.nativeTls();
        long handle;
        if (tls == null)
        {
            handle = lyger_engine_start(hostBytes, connector.getPort(), connector.getAcceptQueueSize(),
                headerSize, headerSize, connector.getMaxRequestBodySize(),
                millis(connector.getIdleTimeout()), millis(connector.getHeaderTimeout()),
                error, error.length);
        }
        else
        {
            handle = LygerLibrary.lyger_engine_start_tls(hostBytes, connector.getPort(), connector.getAcceptQueueSize(),
                headerSize, headerSize, connector.getMaxRequestBodySize(),
                millis(connector.getIdleTimeout()), millis(connector.getHeaderTimeout()),
                tls.blob(), error, error.length);
            tls.wipe(); // the engine keeps its own copy of the keys
        }
        if (handle == 0)
        {
            int end = 0;
            while (end < error.length && error[end] != 0)
                end++;
            throw new IOException(new String(error, 0, end, StandardCharsets.UTF_8));
        }
        engine = handle;
        ProxyConnectionFactory proxy = connector.getProxyConnectionFactory();
        if (proxy != null)
            lyger_engine_proxy_protocol(handle, proxy.getMaxProxyHeader());
        eventCapacity = lyger_event_buffer_size(handle);
        localPort = lyger_engine_port(handle);
    }

    /** Starts the pollers and the {@link ReservePoller}, which takes a pool thread for good (the caller leased it). */
    public void start()
    {
        for (int i = 0; i < targetIdlePollers; i++)
            spawnPoller();
        executor.execute(reserve);
        scheduleSweep();
    }

    /**
     * Every idle timeout, drops the cached channels no request used for that long: their connections are closed,
     * unless one raised its own idle timeout (its next request then gets a new channel).
     */
    private void scheduleSweep()
    {
        long period = Math.max(1000, connector.getIdleTimeout());
        try
        {
            connector.getScheduler().schedule(() ->
            {
                if (stopping || engine == 0)
                    return;
                channels.sweep(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(period));
                scheduleSweep();
            }, period, TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException x)
        {
            // the scheduler stopped: so does the server
        }
    }

    /** The channel will not be reused (its connection closes, failed or was upgraded). */
    void retire(NativeChannel channel)
    {
        channel.retire();
        channels.remove(channel);
    }

    public int getLocalPort()
    {
        return localPort;
    }

    /** @return connections the engine holds open now (idle keep-alive ones included); 0 once stopped. */
    public int connections()
    {
        synchronized (stopLock)
        {
            long handle = engine;
            return handle == 0 ? 0 : lyger_engine_connections(handle);
        }
    }

    /** @return bytes the engine holds in its connections' buffers now (native-connector/ABI.md); 0 once stopped. */
    public long bufferBytes()
    {
        synchronized (stopLock)
        {
            long handle = engine;
            return handle == 0 ? 0 : lyger_engine_buffer_bytes(handle);
        }
    }

    /** Graceful stop, step 1: the engine closes its listener and idle connections; requests in flight go on. */
    public void stopAccepting()
    {
        long handle = engine;
        if (handle != 0 && !stopping)
            lyger_engine_stop_accepting(handle);
    }

    /**
     * Graceful stop: the requests in flight get this idle timeout, as AbstractConnector gives it to the EndPoints it
     * holds. They are found through the channel cache: a request whose channel another connection's pushed out of its
     * slot (more than {@link ChannelCache#SIZE} connections at once) keeps its own idle timeout.
     */
    public void shortenIdleTimeouts(long idleTimeoutMs)
    {
        channels.forEachBusy(channel -> channel.endPoint.setIdleTimeout(idleTimeoutMs));
    }

    /** Closes every connection, waits for the poll loops to leave the engine, and frees it. */
    public void stop() throws InterruptedException
    {
        long handle = engine;
        if (handle == 0)
            return;
        stopping = true;
        reserve.stop();
        lyger_engine_shutdown(handle);
        wakeDemands();
        // No SENT event comes any more, and the engine let go of the pending sends' memory: fail them here.
        for (NativeHttpStream stream : sends.values())
        {
            if (sends.remove(stream.head().conn, stream))
                stream.failPendingSend(new EofException("Server stopped"));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
        synchronized (stopLock)
        {
            while (pollLoops.get() > 0)
            {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0)
                    break;
                stopLock.wait(left);
            }
        }
        synchronized (stopLock)
        {
            // under the lock so that connections() never reads a freed engine
            engine = 0;
        }
        channels.clear();
        if (pollLoops.get() == 0)
            lyger_engine_free(handle);
        else
            LOG.warn("{} threads still use the native engine after {} ms; leaving it allocated", pollLoops.get(), STOP_WAIT_MS);
    }

    /**
     * The engine closed every connection without a CONTENT event: whoever still waits for input reads now and learns
     * that its connection is closed (a blocked servlet read, an upgraded connection such as a WebSocket).
     */
    private void wakeDemands()
    {
        for (Long conn : demands.keySet())
        {
            ContentListener listener = demands.remove(conn);
            if (listener != null)
                execute(listener::onContentAvailable);
        }
    }

    private boolean spawnPoller()
    {
        pollLoops.incrementAndGet();
        idlePollers.incrementAndGet();
        queuedPollers.incrementAndGet();
        try
        {
            executor.execute(pollTask);
            return true;
        }
        catch (RejectedExecutionException x)
        {
            queuedPollers.decrementAndGet();
            idlePollers.decrementAndGet();
            leavePollLoop();
            LOG.debug("no thread to poll with", x);
            return false;
        }
    }

    /**
     * One thread's turn in the event loop. {@link #idlePollers} counts only threads that wait for an event (or were
     * spawned to): taking an event is the only decrement, and the thread that takes it to 0 spawns a successor, so
     * there is always a poller, or one on its way. A thread done with its event rejoins only while fewer than the
     * target wait; otherwise it returns to the pool without touching the count.
     */
    private void pollLoop()
    {
        startedPollers.incrementAndGet();
        queuedPollers.decrementAndGet();
        boolean idle = true;
        try
        {
            ThreadBuffers buffers = ThreadBuffers.current();
            ByteBuffer event = buffers.event(eventCapacity);
            long address = buffers.eventAddress();
            while (true)
            {
                long handle = engine;
                if (handle == 0)
                    break;
                int length = lyger_poll(handle, address, event.capacity(), POLL_TIMEOUT_MS);
                if (length < 0)
                    break;
                if (length == 0)
                    continue;
                idle = false;
                if (idlePollers.decrementAndGet() == 0 && !stopping)
                    spawnPoller();
                while (length > 0)
                {
                    dispatch(event, length, buffers, false);
                    length = lyger_poll_next(handle, address, event.capacity());
                }
                if (length < 0 || !rejoinIdle())
                    return;
                idle = true;
            }
        }
        finally
        {
            if (idle)
                idlePollers.decrementAndGet();
            leavePollLoop();
        }
    }

    /** @return pollers spawned but not started yet: waiting in the pool's queue ({@link ReservePoller}). */
    int queuedPollers()
    {
        return queuedPollers.get();
    }

    /** @return how many pollers ever started: no change over a period with some queued means they are starved. */
    int startedPollers()
    {
        return startedPollers.get();
    }

    boolean isStopping()
    {
        return stopping;
    }

    /**
     * The {@link ReservePoller}'s turn in the engine: one wait of at most {@code timeoutMs}, then every event the engine
     * queued, each handled without running application code on this thread.
     *
     * @return false once the engine is shut down
     */
    boolean pollReserved(ThreadBuffers buffers, int timeoutMs)
    {
        pollLoops.incrementAndGet();
        try
        {
            long handle = engine;
            if (handle == 0 || stopping)
                return false;
            ByteBuffer event = buffers.event(eventCapacity);
            long address = buffers.eventAddress();
            int length = lyger_poll(handle, address, event.capacity(), timeoutMs);
            while (length > 0)
            {
                dispatch(event, length, buffers, true);
                length = lyger_poll_next(handle, address, event.capacity());
            }
            return length >= 0;
        }
        finally
        {
            leavePollLoop();
        }
    }

    /** @return true when this thread should poll again (and is counted idle), false when enough threads wait. */
    private boolean rejoinIdle()
    {
        while (true)
        {
            int waiting = idlePollers.get();
            if (waiting >= targetIdlePollers)
                return false;
            if (idlePollers.compareAndSet(waiting, waiting + 1))
                return true;
        }
    }

    private void leavePollLoop()
    {
        if (pollLoops.decrementAndGet() == 0)
        {
            synchronized (stopLock)
            {
                stopLock.notifyAll();
            }
        }
    }

    /**
     * Handles one event; never throws, so no failure can kill a polling thread. On the {@link ReservePoller}
     * ({@code reserved}) no application code runs here: a request goes to the executor, and a wake-up runs here only
     * when it cannot block (a blocked writer's or reader's Blocker, the engine's next piece of a send).
     */
    private void dispatch(ByteBuffer event, int length, ThreadBuffers buffers, boolean reserved)
    {
        int kind = RequestHead.kind(event);
        if (kind == RequestHead.KIND_REQUEST)
        {
            NativeChannel channel = decodeRequest(event, length, buffers);
            if (channel != null && reserved)
                serveLater(channel);
            else if (channel != null)
                serve(channel);
        }
        else if (kind == RequestHead.KIND_CONTENT)
        {
            long conn = RequestHead.conn(event);
            try
            {
                ContentListener listener = demands.remove(conn);
                if (listener != null && reserved)
                    listener.onContentAvailableReserved();
                else if (listener != null)
                    listener.onContentAvailable();
            }
            catch (Throwable x)
            {
                LOG.warn("Failure in a content callback", x);
            }
            finally
            {
                lyger_conn_release(conn);
            }
        }
        else if (kind == RequestHead.KIND_SENT)
        {
            long conn = RequestHead.conn(event);
            try
            {
                NativeHttpStream stream = sends.remove(conn);
                if (stream != null && reserved)
                    stream.onSentReserved(RequestHead.sentResult(event));
                else if (stream != null)
                    stream.onSent(RequestHead.sentResult(event));
            }
            catch (Throwable x)
            {
                LOG.warn("Failure completing a send", x);
            }
            finally
            {
                lyger_conn_release(conn);
            }
        }
        else
        {
            LOG.warn("Unknown event kind {} from the native engine", kind);
        }
    }

    /** Runs a request and, on this same thread, the pipelined requests that follow it. */
    private void serve(NativeChannel channel)
    {
        while (channel != null)
        {
            try
            {
                channel = new NativeHttpStream(this, channel).handle();
            }
            catch (Throwable x)
            {
                failedRequests.warn(LOG, "Failure handling a request", x);
                channel = null;
            }
        }
    }

    /** Runs a pipelined request whose predecessor completed on another thread (async). */
    void serveLater(NativeChannel channel)
    {
        try
        {
            executor.execute(() -> serve(channel));
        }
        catch (RejectedExecutionException x)
        {
            retire(channel);
            lyger_abort(channel.head.conn);
        }
    }

    /** Completes a response; returns the next pipelined request if the engine already has it. */
    NativeChannel complete(long conn)
    {
        ThreadBuffers buffers = ThreadBuffers.current();
        ByteBuffer event = buffers.event(eventCapacity);
        int length = lyger_complete(conn, buffers.eventAddress(), event.capacity());
        return length <= 0 ? null : decodeRequest(event, length, buffers);
    }

    /**
     * @return the connection's channel (held by the caller) with the REQUEST event decoded into its head, or null
     * after closing the connection when the event cannot be decoded
     */
    private NativeChannel decodeRequest(ByteBuffer event, int length, ThreadBuffers buffers)
    {
        NativeChannel channel = channels.acquire(RequestDecoder.connId(event), newChannel);
        try
        {
            buffers.decoder.decode(event, length, channel.head);
            return channel;
        }
        catch (Throwable x)
        {
            retire(channel);
            undecodable.warn(LOG, "Undecodable request event from the native engine; closing its connection", x);
            lyger_abort(RequestHead.conn(event));
            return null;
        }
    }

    /**
     * Asks the engine for the connection's CONTENT event on behalf of {@code listener} (the caller holds a reference
     * to the connection). Registered first, so that the event cannot overtake the registration.
     *
     * @return true when input can be read already: no event comes, and the caller runs its listener itself
     */
    boolean demand(long conn, ContentListener listener)
    {
        demands.put(conn, listener);
        return lyger_demand(conn) != 0 && demands.remove(conn, listener);
    }

    boolean unregisterDemand(long conn, ContentListener listener)
    {
        // Every exchange's end comes here, and most never demanded: without this check the boxed key was an object a
        // request (issue 17). A demand of this stream is seen here: it was registered under a reference to the
        // connection, whose release (the caller) comes after that reference was given back.
        return !demands.isEmpty() && demands.remove(conn, listener);
    }

    void registerSend(long conn, NativeHttpStream stream)
    {
        sends.put(conn, stream);
    }

    void unregisterSend(long conn, NativeHttpStream stream)
    {
        sends.remove(conn, stream);
    }

    private static int millis(long ms)
    {
        return (int)Math.max(0, Math.min(Integer.MAX_VALUE, ms));
    }
}
