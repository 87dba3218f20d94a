package io.lyger.connector.internal;

/**
 * The calls into {@code liblyger.so} (the contract is {@code native-connector/ABI.md}), the one interface the
 * connector calls; {@link LygerJna} binds them.
 */
public final class LygerLibrary
{
    private LygerLibrary()
    {
    }

    /** @return why the library could not be loaded, or null when it is loaded. */
    public static Throwable loadFailure()
    {
        return LygerJna.loadFailure();
    }

    // Engine lifecycle
    public static long lyger_engine_start(byte[] host, int port, int backlog,
                                          int maxRequestLine, int maxHeaderBytes, long maxBodyBytes,
                                          int idleTimeoutMs, int headerTimeoutMs,
                                          byte[] err, int errCap)
    {
        return LygerJna.lyger_engine_start(host, port, backlog, maxRequestLine, maxHeaderBytes, maxBodyBytes,
            idleTimeoutMs, headerTimeoutMs, err, errCap);
    }

    public static int lyger_engine_port(long engine)
    {
        return LygerJna.lyger_engine_port(engine);
    }

    public static int lyger_event_buffer_size(long engine)
    {
        return LygerJna.lyger_event_buffer_size(engine);
    }

    public static int lyger_engine_connections(long engine)
    {
        return LygerJna.lyger_engine_connections(engine);
    }

    public static long lyger_engine_buffer_bytes(long engine)
    {
        return LygerJna.lyger_engine_buffer_bytes(engine);
    }

    public static void lyger_engine_stop_accepting(long engine)
    {
        LygerJna.lyger_engine_stop_accepting(engine);
    }

    public static void lyger_engine_shutdown(long engine)
    {
        LygerJna.lyger_engine_shutdown(engine);
    }

    public static void lyger_engine_free(long engine)
    {
        LygerJna.lyger_engine_free(engine);
    }

    // Event loop, driven by Java threads
    public static int lyger_poll(long engine, long out, int cap, int timeoutMs)
    {
        return LygerJna.lyger_poll(engine, out, cap, timeoutMs);
    }

    public static int lyger_poll_next(long engine, long out, int cap)
    {
        return LygerJna.lyger_poll_next(engine, out, cap);
    }

    // Request bodies
    public static int lyger_read_body(long conn, long buf, int cap)
    {
        return LygerJna.lyger_read_body(conn, buf, cap);
    }

    public static int lyger_trailers(long conn, long out, int cap)
    {
        return LygerJna.lyger_trailers(conn, out, cap);
    }

    public static int lyger_demand(long conn)
    {
        return LygerJna.lyger_demand(conn);
    }

    public static int lyger_discard_body(long conn)
    {
        return LygerJna.lyger_discard_body(conn);
    }

    // Responses
    public static int lyger_send(long conn, long head, int headLen, long body, int bodyLen, int flags)
    {
        return LygerJna.lyger_send(conn, head, headLen, body, bodyLen, flags);
    }

    public static int lyger_send_trailers(long conn, long fields, int fieldsLen, int flags)
    {
        return LygerJna.lyger_send_trailers(conn, fields, fieldsLen, flags);
    }

    public static int lyger_send_arm(long conn, long body)
    {
        return LygerJna.lyger_send_arm(conn, body);
    }

    public static int lyger_send_cancel(long conn)
    {
        return LygerJna.lyger_send_cancel(conn);
    }

    public static int lyger_complete(long conn, long out, int cap)
    {
        return LygerJna.lyger_complete(conn, out, cap);
    }

    public static void lyger_abort(long conn)
    {
        LygerJna.lyger_abort(conn);
    }

    public static void lyger_conn_release(long conn)
    {
        LygerJna.lyger_conn_release(conn);
    }

    public static int lyger_conn_set_idle_timeout(long conn, int ms)
    {
        return LygerJna.lyger_conn_set_idle_timeout(conn, ms);
    }

    // Benchmark hooks (BoundaryProbe): production parsing and framing on synthetic input, no I/O
    public static int lyger_bench_request_event(long out, int cap, int headers)
    {
        return LygerJna.lyger_bench_request_event(out, cap, headers);
    }

    public static int lyger_bench_frame_response(long head, int headLen, int bodyLen)
    {
        return LygerJna.lyger_bench_frame_response(head, headLen, bodyLen);
    }
}
