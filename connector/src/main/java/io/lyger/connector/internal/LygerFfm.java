package io.lyger.connector.internal;

import java.lang.invoke.MethodHandle;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * FFM (JDK 22+) downcalls to the functions of {@code liblyger.so} that {@link LygerJna} loaded: the addresses come
 * from JNA's {@link NativeLibrary}, so loading and packaging are JNA's alone. {@link LygerLibrary}'s binding on
 * JDK 22+. A call costs about 100 ns less than through JNA ({@code bench/boundary/README.md}): each handle is a
 * {@code static final} constant the JIT inlines into its caller, and {@code invokeExact} with the handle's exact type
 * needs no adaptation.
 * <p>
 * Initialising this class builds every handle; if anything fails it throws, and LygerLibrary stays on JNA.
 * Every function taking only primitives is here; {@code lyger_engine_start}, which takes {@code byte[]}s and is
 * called once per engine, stays on JNA. No handle is {@code Linker.Option.critical}: {@code lyger_poll} blocks,
 * and no gain was measured for the others (they were not measured with it).
 */
final class LygerFfm
{
    private static final NativeLibrary LIBRARY = LygerJna.library();
    private static final ForeignLinker LINKER = linker();

    // Engine lifecycle
    private static final MethodHandle ENGINE_PORT = downcall("lyger_engine_port", int.class, long.class);
    private static final MethodHandle ENGINE_PROXY_PROTOCOL = downcall("lyger_engine_proxy_protocol", int.class, long.class, int.class);
    private static final MethodHandle EVENT_BUFFER_SIZE = downcall("lyger_event_buffer_size", int.class, long.class);
    private static final MethodHandle ENGINE_CONNECTIONS = downcall("lyger_engine_connections", int.class, long.class);
    private static final MethodHandle ENGINE_BUFFER_BYTES = downcall("lyger_engine_buffer_bytes", long.class, long.class);
    private static final MethodHandle ENGINE_STOP_ACCEPTING = downcall("lyger_engine_stop_accepting", void.class, long.class);
    private static final MethodHandle ENGINE_SHUTDOWN = downcall("lyger_engine_shutdown", void.class, long.class);
    private static final MethodHandle ENGINE_FREE = downcall("lyger_engine_free", void.class, long.class);
    // Event loop
    private static final MethodHandle POLL = downcall("lyger_poll", int.class, long.class, long.class, int.class, int.class);
    private static final MethodHandle POLL_NEXT = downcall("lyger_poll_next", int.class, long.class, long.class, int.class);
    // Request bodies
    private static final MethodHandle READ_BODY = downcall("lyger_read_body", int.class, long.class, long.class, int.class);
    private static final MethodHandle TRAILERS = downcall("lyger_trailers", int.class, long.class, long.class, int.class);
    private static final MethodHandle DEMAND = downcall("lyger_demand", int.class, long.class);
    private static final MethodHandle DISCARD_BODY = downcall("lyger_discard_body", int.class, long.class);
    // Responses
    private static final MethodHandle SEND = downcall("lyger_send", int.class, long.class, long.class, int.class, long.class, int.class, int.class);
    private static final MethodHandle SEND_TRAILERS = downcall("lyger_send_trailers", int.class, long.class, long.class, int.class, int.class);
    private static final MethodHandle SEND_FILE = downcall("lyger_send_file", int.class, long.class, long.class, int.class, long.class, int.class, long.class, long.class, long.class, int.class);
    private static final MethodHandle SEND_ARM = downcall("lyger_send_arm", int.class, long.class, long.class);
    private static final MethodHandle SEND_CANCEL = downcall("lyger_send_cancel", int.class, long.class);
    private static final MethodHandle COMPLETE = downcall("lyger_complete", int.class, long.class, long.class, int.class);
    private static final MethodHandle ABORT = downcall("lyger_abort", void.class, long.class);
    private static final MethodHandle CONN_RELEASE = downcall("lyger_conn_release", void.class, long.class);
    private static final MethodHandle CONN_SET_IDLE_TIMEOUT = downcall("lyger_conn_set_idle_timeout", int.class, long.class, int.class);
    // TLS
    private static final MethodHandle ENGINE_TLS_HANDSHAKES = downcall("lyger_engine_tls_handshakes", long.class, long.class);
    private static final MethodHandle CONN_TLS_INFO = downcall("lyger_conn_tls_info", int.class, long.class, long.class, int.class);
    // Benchmark hooks
    private static final MethodHandle BENCH_REQUEST_EVENT = downcall("lyger_bench_request_event", int.class, long.class, int.class, int.class);
    private static final MethodHandle BENCH_FRAME_RESPONSE = downcall("lyger_bench_frame_response", int.class, long.class, int.class, int.class);

    private LygerFfm()
    {
    }

    /** Initialises this class: builds every handle, or throws (an {@link ExceptionInInitializerError}). */
    static void link()
    {
    }

    private static ForeignLinker linker()
    {
        if (LIBRARY == null)
            throw new IllegalStateException("liblyger.so is not loaded", LygerJna.loadFailure());
        try
        {
            return new ForeignLinker();
        }
        catch (ReflectiveOperationException x)
        {
            throw new IllegalStateException("no java.lang.foreign native linker: " + x, x);
        }
    }

    private static MethodHandle downcall(String name, Class<?> result, Class<?>... params)
    {
        try
        {
            return LINKER.downcall(Pointer.nativeValue(LIBRARY.getFunction(name)), result, params);
        }
        catch (ReflectiveOperationException x)
        {
            throw new IllegalStateException(name + ": " + x, x);
        }
    }

    /** Throws {@code x} as it is, checked or not, so that the calls below declare nothing ({@code invokeExact} declares Throwable). */
    @SuppressWarnings("unchecked")
    private static <X extends Throwable> RuntimeException rethrow(Throwable x) throws X
    {
        throw (X)x;
    }

    static int lyger_engine_port(long engine)
    {
        try
        {
            return (int)ENGINE_PORT.invokeExact(engine);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_engine_proxy_protocol(long engine, int v2Max)
    {
        try
        {
            return (int)ENGINE_PROXY_PROTOCOL.invokeExact(engine, v2Max);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_event_buffer_size(long engine)
    {
        try
        {
            return (int)EVENT_BUFFER_SIZE.invokeExact(engine);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_engine_connections(long engine)
    {
        try
        {
            return (int)ENGINE_CONNECTIONS.invokeExact(engine);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static long lyger_engine_buffer_bytes(long engine)
    {
        try
        {
            return (long)ENGINE_BUFFER_BYTES.invokeExact(engine);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static void lyger_engine_stop_accepting(long engine)
    {
        try
        {
            ENGINE_STOP_ACCEPTING.invokeExact(engine);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static void lyger_engine_shutdown(long engine)
    {
        try
        {
            ENGINE_SHUTDOWN.invokeExact(engine);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static void lyger_engine_free(long engine)
    {
        try
        {
            ENGINE_FREE.invokeExact(engine);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_poll(long engine, long out, int cap, int timeoutMs)
    {
        try
        {
            return (int)POLL.invokeExact(engine, out, cap, timeoutMs);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_poll_next(long engine, long out, int cap)
    {
        try
        {
            return (int)POLL_NEXT.invokeExact(engine, out, cap);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_read_body(long conn, long buf, int cap)
    {
        try
        {
            return (int)READ_BODY.invokeExact(conn, buf, cap);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_trailers(long conn, long out, int cap)
    {
        try
        {
            return (int)TRAILERS.invokeExact(conn, out, cap);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_demand(long conn)
    {
        try
        {
            return (int)DEMAND.invokeExact(conn);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_discard_body(long conn)
    {
        try
        {
            return (int)DISCARD_BODY.invokeExact(conn);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_send(long conn, long head, int headLen, long body, int bodyLen, int flags)
    {
        try
        {
            return (int)SEND.invokeExact(conn, head, headLen, body, bodyLen, flags);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_send_file(long conn, long head, int headLen, long path, int pathLen, long fileSize, long offset, long length, int flags)
    {
        try
        {
            return (int)SEND_FILE.invokeExact(conn, head, headLen, path, pathLen, fileSize, offset, length, flags);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_send_trailers(long conn, long fields, int fieldsLen, int flags)
    {
        try
        {
            return (int)SEND_TRAILERS.invokeExact(conn, fields, fieldsLen, flags);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_send_arm(long conn, long body)
    {
        try
        {
            return (int)SEND_ARM.invokeExact(conn, body);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_send_cancel(long conn)
    {
        try
        {
            return (int)SEND_CANCEL.invokeExact(conn);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_complete(long conn, long out, int cap)
    {
        try
        {
            return (int)COMPLETE.invokeExact(conn, out, cap);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static void lyger_abort(long conn)
    {
        try
        {
            ABORT.invokeExact(conn);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static void lyger_conn_release(long conn)
    {
        try
        {
            CONN_RELEASE.invokeExact(conn);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static long lyger_engine_tls_handshakes(long engine)
    {
        try
        {
            return (long)ENGINE_TLS_HANDSHAKES.invokeExact(engine);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_conn_tls_info(long conn, long out, int cap)
    {
        try
        {
            return (int)CONN_TLS_INFO.invokeExact(conn, out, cap);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_conn_set_idle_timeout(long conn, int ms)
    {
        try
        {
            return (int)CONN_SET_IDLE_TIMEOUT.invokeExact(conn, ms);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_bench_request_event(long out, int cap, int headers)
    {
        try
        {
            return (int)BENCH_REQUEST_EVENT.invokeExact(out, cap, headers);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }

    static int lyger_bench_frame_response(long head, int headLen, int bodyLen)
    {
        try
        {
            return (int)BENCH_FRAME_RESPONSE.invokeExact(head, headLen, bodyLen);
        }
        catch (Throwable x)
        {
            throw LygerFfm.<RuntimeException>rethrow(x);
        }
    }
}
