package io.lyger.connector.internal;

import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * JNA direct mapping of {@code liblyger.so} (the contract is {@code native-connector/ABI.md}): loads the library
 * for both bindings, and is {@link LygerLibrary}'s binding on JDK 17-21 and with {@code -Dlyger.native.binding=jna}.
 * <p>
 * The library is packaged by {@code lyger-native-connector} at {@code linux-x86-64/liblyger.so}, where JNA
 * looks for it on the class path, so no {@code jna.library.path} is needed. Every buffer is passed as the raw
 * address of direct memory (a {@code long}): primitives only, which is JNA's cheapest call path.
 * Set {@code -Dlyger.native.disable=true} to force the ServerConnector fallback.
 */
final class LygerJna
{
    /** The loaded library, kept (and kept loaded) for {@link LygerFfm}, which calls the same functions. */
    private static NativeLibrary library;
    private static final Throwable LOAD_FAILURE = register();

    private LygerJna()
    {
    }

    private static Throwable register()
    {
        Map<String, String> properties = JnaSystemProperties.snapshot();
        try
        {
            if (Boolean.getBoolean("lyger.native.disable"))
                return new UnsatisfiedLinkError("disabled by -Dlyger.native.disable=true");
            // The options Native.register(Class, String) would use: the same NativeLibrary instance either way.
            NativeLibrary lyger = NativeLibrary.getInstance("lyger", Map.of(Library.OPTION_CLASSLOADER, LygerJna.class.getClassLoader()));
            Native.register(LygerJna.class, lyger);
            library = lyger;
            return null;
        }
        catch (Throwable x)
        {
            return x;
        }
        finally
        {
            // JNA's loading traces, kept out of what web applications see (JNA no longer reads them)
            JnaSystemProperties.restore(properties);
        }
    }

    /** @return why the library could not be loaded, or null when it is loaded. */
    static Throwable loadFailure()
    {
        return LOAD_FAILURE;
    }

    /** @return the loaded library; null when {@link #loadFailure()} is not. */
    static NativeLibrary library()
    {
        return library;
    }

    // Engine lifecycle
    static native long lyger_engine_start(byte[] host, int port, int backlog,
                                          int maxRequestLine, int maxHeaderBytes, long maxBodyBytes,
                                          int idleTimeoutMs, int headerTimeoutMs,
                                          byte[] err, int errCap);

    static native long lyger_engine_start_tls(byte[] host, int port, int backlog,
                                              int maxRequestLine, int maxHeaderBytes, long maxBodyBytes,
                                              int idleTimeoutMs, int headerTimeoutMs,
                                              byte[] tls, int tlsLen,
                                              byte[] err, int errCap);

    static native long lyger_engine_tls_handshakes(long engine);

    static native int lyger_conn_tls_info(long conn, long out, int cap);

    static native int lyger_engine_port(long engine);

    static native int lyger_engine_proxy_protocol(long engine, int v2Max);

    static native int lyger_event_buffer_size(long engine);

    static native int lyger_engine_connections(long engine);

    static native long lyger_engine_buffer_bytes(long engine);

    static native void lyger_engine_stop_accepting(long engine);

    static native void lyger_engine_shutdown(long engine);

    static native void lyger_engine_free(long engine);

    // Event loop, driven by Java threads
    static native int lyger_poll(long engine, long out, int cap, int timeoutMs);

    static native int lyger_poll_next(long engine, long out, int cap);

    // Request bodies
    static native int lyger_read_body(long conn, long buf, int cap);

    static native int lyger_trailers(long conn, long out, int cap);

    static native int lyger_demand(long conn);

    static native int lyger_discard_body(long conn);

    // Responses
    static native int lyger_send(long conn, long head, int headLen, long body, int bodyLen, int flags);

    static native int lyger_send_trailers(long conn, long fields, int fieldsLen, int flags);

    static native int lyger_send_file(long conn, long head, int headLen, long path, int pathLen, long fileSize, long offset, long length, int flags);

    static native int lyger_send_arm(long conn, long body);

    static native int lyger_send_cancel(long conn);

    static native int lyger_complete(long conn, long out, int cap);

    static native void lyger_abort(long conn);

    static native void lyger_conn_release(long conn);

    static native int lyger_conn_set_idle_timeout(long conn, int ms);

    // Benchmark hooks (BoundaryProbe)
    static native int lyger_bench_request_event(long out, int cap, int headers);

    static native int lyger_bench_frame_response(long head, int headLen, int bodyLen);
}
