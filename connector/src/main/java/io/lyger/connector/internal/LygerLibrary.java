package io.lyger.connector.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls into {@code liblyger.so} (the contract is {@code native-connector/ABI.md}), through one of two bindings
 * chosen once, when this class is initialised:
 * <ul>
 * <li>{@code ffm}: {@link LygerFfm}, the JDK's foreign function API, on JDK 22+: about 100 ns less per call than JNA
 * ({@code bench/boundary/README.md}). Every function but {@code lyger_engine_start} (which takes {@code byte[]}s, once
 * per engine) goes through it.</li>
 * <li>{@code jna}: {@link LygerJna}, JNA direct mapping, on JDK 17-21, with {@code -Dlyger.native.binding=jna} on
 * any JDK (for A/B runs), and when the FFM handles cannot be made (one line in the log says why).</li>
 * </ul>
 * JNA loads the library either way (FFM calls the functions at the addresses JNA found), so packaging and
 * {@code -Dlyger.native.disable=true} work as they do for JNA alone. The choice is a {@code static final} the JIT
 * folds: each method here compiles to the one binding's call.
 */
public final class LygerLibrary
{
    private static final Logger LOG = LoggerFactory.getLogger(LygerLibrary.class);
    /** The system property that forces JNA when set to {@code jna}. */
    public static final String BINDING_PROPERTY = "lyger.native.binding";
    private static final boolean FFM = useFfm();

    private LygerLibrary()
    {
    }

    private static boolean useFfm()
    {
        if (LygerJna.loadFailure() != null || Runtime.version().feature() < 22 || "jna".equals(System.getProperty(BINDING_PROPERTY)))
            return false;
        try
        {
            LygerFfm.link();
            return true;
        }
        catch (Throwable x)
        {
            Throwable cause = x instanceof ExceptionInInitializerError && x.getCause() != null ? x.getCause() : x;
            LOG.warn("Lyger native engine bound through JNA: the FFM binding could not be made ({})", cause.toString());
            return false;
        }
    }

    /** @return why the library could not be loaded, or null when it is loaded. */
    public static Throwable loadFailure()
    {
        return LygerJna.loadFailure();
    }

    /** @return the binding calls go through: {@code "ffm"} or {@code "jna"} (also when the library did not load). */
    public static String binding()
    {
        return FFM ? "ffm" : "jna";
    }

    // Engine lifecycle (lyger_engine_start always through JNA: it takes byte[]s, once per engine)
    public static long lyger_engine_start(byte[] host, int port, int backlog,
                                          int maxRequestLine, int maxHeaderBytes, long maxBodyBytes,
                                          int idleTimeoutMs, int headerTimeoutMs,
                                          byte[] err, int errCap)
    {
        return LygerJna.lyger_engine_start(host, port, backlog, maxRequestLine, maxHeaderBytes, maxBodyBytes,
            idleTimeoutMs, headerTimeoutMs, err, errCap);
    }

    /** {@code lyger_engine_start} for an HTTPS listener, with the TLS configuration blob (ABI.md "TLS"); JNA, once per engine. */
    public static long lyger_engine_start_tls(byte[] host, int port, int backlog,
                                              int maxRequestLine, int maxHeaderBytes, long maxBodyBytes,
                                              int idleTimeoutMs, int headerTimeoutMs,
                                              byte[] tls, byte[] err, int errCap)
    {
        return LygerJna.lyger_engine_start_tls(host, port, backlog, maxRequestLine, maxHeaderBytes, maxBodyBytes,
            idleTimeoutMs, headerTimeoutMs, tls, tls.length, err, errCap);
    }

    public static long lyger_engine_tls_handshakes(long engine)
    {
        return FFM ? LygerFfm.lyger_engine_tls_handshakes(engine) : LygerJna.lyger_engine_tls_handshakes(engine);
    }

    public static int lyger_conn_tls_info(long conn, long out, int cap)
    {
        return FFM ? LygerFfm.lyger_conn_tls_info(conn, out, cap) : LygerJna.lyger_conn_tls_info(conn, out, cap);
    }

    public static int lyger_engine_port(long engine)
    {
        return FFM ? LygerFfm.lyger_engine_port(engine) : LygerJna.lyger_engine_port(engine);
    }

    public static int lyger_engine_proxy_protocol(long engine, int v2Max)
    {
        return FFM ? LygerFfm.lyger_engine_proxy_protocol(engine, v2Max) : LygerJna.lyger_engine_proxy_protocol(engine, v2Max);
    }

    public static int lyger_event_buffer_size(long engine)
    {
        return FFM ? LygerFfm.lyger_event_buffer_size(engine) : LygerJna.lyger_event_buffer_size(engine);
    }

    public static int lyger_engine_connections(long engine)
    {
        return FFM ? LygerFfm.lyger_engine_connections(engine) : LygerJna.lyger_engine_connections(engine);
    }

    public static long lyger_engine_buffer_bytes(long engine)
    {
        return FFM ? LygerFfm.lyger_engine_buffer_bytes(engine) : LygerJna.lyger_engine_buffer_bytes(engine);
    }

    public static void lyger_engine_stop_accepting(long engine)
    {
        if (FFM)
            LygerFfm.lyger_engine_stop_accepting(engine);
        else
            LygerJna.lyger_engine_stop_accepting(engine);
    }

    public static void lyger_engine_shutdown(long engine)
    {
        if (FFM)
            LygerFfm.lyger_engine_shutdown(engine);
        else
            LygerJna.lyger_engine_shutdown(engine);
    }

    public static void lyger_engine_free(long engine)
    {
        if (FFM)
            LygerFfm.lyger_engine_free(engine);
        else
            LygerJna.lyger_engine_free(engine);
    }

    // Event loop, driven by Java threads
    public static int lyger_poll(long engine, long out, int cap, int timeoutMs)
    {
        return FFM ? LygerFfm.lyger_poll(engine, out, cap, timeoutMs)
            : LygerJna.lyger_poll(engine, out, cap, timeoutMs);
    }

    public static int lyger_poll_next(long engine, long out, int cap)
    {
        return FFM ? LygerFfm.lyger_poll_next(engine, out, cap) : LygerJna.lyger_poll_next(engine, out, cap);
    }

    // Request bodies
    public static int lyger_read_body(long conn, long buf, int cap)
    {
        return FFM ? LygerFfm.lyger_read_body(conn, buf, cap) : LygerJna.lyger_read_body(conn, buf, cap);
    }

    public static int lyger_trailers(long conn, long out, int cap)
    {
        return FFM ? LygerFfm.lyger_trailers(conn, out, cap) : LygerJna.lyger_trailers(conn, out, cap);
    }

    public static int lyger_demand(long conn)
    {
        return FFM ? LygerFfm.lyger_demand(conn) : LygerJna.lyger_demand(conn);
    }

    public static int lyger_discard_body(long conn)
    {
        return FFM ? LygerFfm.lyger_discard_body(conn) : LygerJna.lyger_discard_body(conn);
    }

    // Responses
    public static int lyger_send(long conn, long head, int headLen, long body, int bodyLen, int flags)
    {
        return FFM ? LygerFfm.lyger_send(conn, head, headLen, body, bodyLen, flags)
            : LygerJna.lyger_send(conn, head, headLen, body, bodyLen, flags);
    }

    public static int lyger_send_trailers(long conn, long fields, int fieldsLen, int flags)
    {
        return FFM ? LygerFfm.lyger_send_trailers(conn, fields, fieldsLen, flags)
            : LygerJna.lyger_send_trailers(conn, fields, fieldsLen, flags);
    }

    public static int lyger_send_file(long conn, long head, int headLen, long path, int pathLen, long fileSize, long offset, long length, int flags)
    {
        return FFM ? LygerFfm.lyger_send_file(conn, head, headLen, path, pathLen, fileSize, offset, length, flags)
            : LygerJna.lyger_send_file(conn, head, headLen, path, pathLen, fileSize, offset, length, flags);
    }

    public static int lyger_send_arm(long conn, long body)
    {
        return FFM ? LygerFfm.lyger_send_arm(conn, body) : LygerJna.lyger_send_arm(conn, body);
    }

    public static int lyger_send_cancel(long conn)
    {
        return FFM ? LygerFfm.lyger_send_cancel(conn) : LygerJna.lyger_send_cancel(conn);
    }

    public static int lyger_complete(long conn, long out, int cap)
    {
        return FFM ? LygerFfm.lyger_complete(conn, out, cap) : LygerJna.lyger_complete(conn, out, cap);
    }

    public static void lyger_abort(long conn)
    {
        if (FFM)
            LygerFfm.lyger_abort(conn);
        else
            LygerJna.lyger_abort(conn);
    }

    public static void lyger_conn_release(long conn)
    {
        if (FFM)
            LygerFfm.lyger_conn_release(conn);
        else
            LygerJna.lyger_conn_release(conn);
    }

    public static int lyger_conn_set_idle_timeout(long conn, int ms)
    {
        return FFM ? LygerFfm.lyger_conn_set_idle_timeout(conn, ms) : LygerJna.lyger_conn_set_idle_timeout(conn, ms);
    }

    // Benchmark hooks (BoundaryProbe): production parsing and framing on synthetic input, no I/O
    public static int lyger_bench_request_event(long out, int cap, int headers)
    {
        return FFM ? LygerFfm.lyger_bench_request_event(out, cap, headers)
            : LygerJna.lyger_bench_request_event(out, cap, headers);
    }

    public static int lyger_bench_frame_response(long head, int headLen, int bodyLen)
    {
        return FFM ? LygerFfm.lyger_bench_frame_response(head, headLen, bodyLen)
            : LygerJna.lyger_bench_frame_response(head, headLen, bodyLen);
    }
}
