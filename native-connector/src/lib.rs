//! Lyger's native HTTP/1.1 engine: the C ABI of ABI.md. Every function catches panics.

pub mod bench_hooks;
pub mod body;
pub mod buffer_gauge;
pub mod config;
pub mod connection;
pub mod cpu_load;
pub mod date;
pub mod doze;
pub mod engine;
pub mod handoff_timer;
pub mod event;
pub mod io;
pub mod parse_probe;
pub mod proxy_protocol;
pub mod queue_wait;
pub mod trace;
pub mod request_head;
pub mod response;
pub mod status;
pub mod tls;

use connection::Conn;
use engine::Engine;
use std::ffi::CStr;
use std::os::raw::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

fn guard<T>(on_panic: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(on_panic)
}

/// # Safety: `engine` is a handle from lyger_engine_start, not yet freed.
unsafe fn engine<'a>(engine: u64) -> Option<&'a Engine> {
    (engine as *const Engine).as_ref()
}

/// Borrows a connection without consuming Java's reference.
unsafe fn conn<'a>(conn: u64) -> Option<&'a Conn> {
    (conn as *const Conn).as_ref()
}

/// Runs a Java-side operation on a connection Java holds (without consuming its reference).
/// `failed` is the answer for a null handle, and for a panic: the connection is then closed, as
/// its state may be half-updated.
unsafe fn on_conn(conn_handle: u64, failed: i32, op: impl FnOnce(&Conn) -> i32) -> i32 {
    guard(failed, || match conn(conn_handle) {
        Some(c) => catch_unwind(AssertUnwindSafe(|| op(c))).unwrap_or_else(|_| {
            c.close_now();
            failed
        }),
        None => failed,
    })
}

/// Takes over Java's reference.
unsafe fn take_conn(conn: u64) -> Option<Arc<Conn>> {
    if conn == 0 {
        None
    } else {
        Some(Arc::from_raw(conn as *const Conn))
    }
}

unsafe fn slice_mut<'a>(p: *mut u8, len: i32) -> &'a mut [u8] {
    if p.is_null() || len <= 0 {
        &mut []
    } else {
        std::slice::from_raw_parts_mut(p, len as usize)
    }
}

unsafe fn slice<'a>(p: *const u8, len: i32) -> &'a [u8] {
    if p.is_null() || len <= 0 {
        &[]
    } else {
        std::slice::from_raw_parts(p, len as usize)
    }
}

fn write_err(err: *mut u8, cap: i32, msg: &str) {
    if err.is_null() || cap <= 0 {
        return;
    }
    let line = msg.lines().next().unwrap_or("");
    let mut n = line.len().min(cap as usize - 1);
    while !line.is_char_boundary(n) {
        n -= 1;
    }
    // SAFETY: Java gives a buffer of `cap` bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(line.as_ptr(), err, n);
        *err.add(n) = 0;
    }
}

/// The two start calls: reads `host`, checks `port`, runs `start` (which may refuse with one line),
/// and answers the engine handle or 0 with the line in `err`.
unsafe fn start_engine(
    host: *const c_char,
    port: i32,
    err: *mut u8,
    err_cap: i32,
    start: impl FnOnce(&str, u16) -> Result<Engine, String>,
) -> u64 {
    let r = catch_unwind(AssertUnwindSafe(|| {
        let host = if host.is_null() {
            String::new()
        } else {
            CStr::from_ptr(host).to_str().map_err(|_| "host is not UTF-8".to_string())?.to_string()
        };
        if !(0..=65535).contains(&port) {
            return Err(format!("invalid port {port}"));
        }
        start(&host, port as u16)
    }));
    match r {
        Ok(Ok(e)) => Box::into_raw(Box::new(e)) as u64,
        Ok(Err(msg)) => {
            write_err(err, err_cap, &msg);
            0
        }
        Err(_) => {
            write_err(err, err_cap, "internal error while starting the engine");
            0
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn lyger_engine_start(
    host: *const c_char,
    port: i32,
    backlog: i32,
    max_request_line: i32,
    max_header_bytes: i32,
    max_body_bytes: i64,
    idle_timeout_ms: i32,
    header_timeout_ms: i32,
    err: *mut u8,
    err_cap: i32,
) -> u64 {
    start_engine(host, port, err, err_cap, |host, port| {
        let cfg = config::Config::new(max_request_line, max_header_bytes, max_body_bytes, idle_timeout_ms, header_timeout_ms);
        Engine::start(host, port, backlog, cfg)
    })
}

/// `lyger_engine_start` for an HTTPS listener: `tls`/`tls_len` is the TLS configuration
/// (ABI.md "TLS"), copied; refused with one line naming the option the engine cannot honour.
#[no_mangle]
pub unsafe extern "C" fn lyger_engine_start_tls(
    host: *const c_char,
    port: i32,
    backlog: i32,
    max_request_line: i32,
    max_header_bytes: i32,
    max_body_bytes: i64,
    idle_timeout_ms: i32,
    header_timeout_ms: i32,
    tls: *const u8,
    tls_len: i32,
    err: *mut u8,
    err_cap: i32,
) -> u64 {
    start_engine(host, port, err, err_cap, |host, port| {
        let ctx = tls::config::from_blob(slice(tls, tls_len))?;
        let cfg = config::Config::new(max_request_line, max_header_bytes, max_body_bytes, idle_timeout_ms, header_timeout_ms);
        Engine::start_with(host, port, backlog, cfg, Some(ctx))
    })
}

/// TLS handshakes in progress (tests, metrics); -1 for a plain listener or a null engine.
#[no_mangle]
pub unsafe extern "C" fn lyger_engine_tls_handshakes(e: u64) -> i64 {
    guard(-1, || engine(e).map(|e| e.tls_handshakes()).unwrap_or(-1))
}

/// What a connection's TLS negotiated (ABI.md "TLS"): the length written, 0 without TLS,
/// -(length needed) when `cap` is too small.
#[no_mangle]
pub unsafe extern "C" fn lyger_conn_tls_info(c: u64, out: *mut u8, cap: i32) -> i32 {
    guard(0, || conn(c).map(|c| c.tls_info(slice_mut(out, cap))).unwrap_or(0))
}

/// Connections accepted from now on start with a PROXY header (ABI.md, "PROXY protocol").
#[no_mangle]
pub unsafe extern "C" fn lyger_engine_proxy_protocol(e: u64, v2_max: i32) -> i32 {
    guard(-1, || match engine(e) {
        Some(e) => {
            e.expect_proxy_protocol(v2_max);
            0
        }
        None => -1,
    })
}

#[no_mangle]
pub unsafe extern "C" fn lyger_engine_port(e: u64) -> i32 {
    guard(-1, || engine(e).map(|e| e.port() as i32).unwrap_or(-1))
}

#[no_mangle]
pub unsafe extern "C" fn lyger_event_buffer_size(e: u64) -> i32 {
    guard(-1, || engine(e).map(|e| e.config().event_buffer_size() as i32).unwrap_or(-1))
}

#[no_mangle]
pub unsafe extern "C" fn lyger_engine_connections(e: u64) -> i32 {
    guard(-1, || engine(e).map(|e| e.connections() as i32).unwrap_or(-1))
}

#[no_mangle]
pub unsafe extern "C" fn lyger_engine_buffer_bytes(e: u64) -> i64 {
    guard(-1, || engine(e).map(|e| e.buffer_bytes() as i64).unwrap_or(-1))
}

#[no_mangle]
pub unsafe extern "C" fn lyger_engine_stop_accepting(e: u64) {
    guard((), || {
        if let Some(e) = engine(e) {
            e.stop_accepting()
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn lyger_engine_shutdown(e: u64) {
    guard((), || {
        if let Some(e) = engine(e) {
            e.shutdown()
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn lyger_engine_free(e: u64) {
    guard((), || {
        if e != 0 {
            drop(Box::from_raw(e as *mut Engine));
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn lyger_poll(e: u64, out: *mut u8, cap: i32, timeout_ms: i32) -> i32 {
    guard(0, || match engine(e) {
        Some(e) => e.poll(slice_mut(out, cap), timeout_ms),
        None => -1,
    })
}

#[no_mangle]
pub unsafe extern "C" fn lyger_poll_next(e: u64, out: *mut u8, cap: i32) -> i32 {
    guard(0, || match engine(e) {
        Some(e) => e.poll_next(slice_mut(out, cap)),
        None => -1,
    })
}

#[no_mangle]
pub unsafe extern "C" fn lyger_read_body(c: u64, buf: *mut u8, cap: i32) -> i32 {
    on_conn(c, -2, |c| c.read_body(slice_mut(buf, cap)))
}

#[no_mangle]
pub unsafe extern "C" fn lyger_trailers(c: u64, out: *mut u8, cap: i32) -> i32 {
    guard(-2, || match conn(c) {
        Some(c) => catch_unwind(AssertUnwindSafe(|| c.trailers(slice_mut(out, cap)))).unwrap_or(-2),
        None => -2,
    })
}

#[no_mangle]
pub unsafe extern "C" fn lyger_demand(c: u64) -> i32 {
    on_conn(c, -1, |c| c.demand())
}

#[no_mangle]
pub unsafe extern "C" fn lyger_send(c: u64, head: *const u8, head_len: i32, body: *const u8, body_len: i32, flags: i32) -> i32 {
    on_conn(c, -4, |c| c.send(slice(head, head_len), slice(body, body_len), flags))
}

/// As `lyger_send`, with the body read from `offset..offset+length` of the regular file at `path`
/// (UTF-8, `path_len` bytes, no NUL) of `file_size` bytes, sent with sendfile(2) (ABI.md "File regions").
#[no_mangle]
pub unsafe extern "C" fn lyger_send_file(
    c: u64,
    head: *const u8,
    head_len: i32,
    path: *const u8,
    path_len: i32,
    file_size: i64,
    offset: i64,
    length: i64,
    flags: i32,
) -> i32 {
    on_conn(c, -4, |c| c.send_file(slice(head, head_len), slice(path, path_len), file_size, offset, length, flags))
}

#[no_mangle]
pub unsafe extern "C" fn lyger_send_arm(c: u64, body: u64) -> i32 {
    on_conn(c, -4, |c| c.send_arm(body))
}

#[no_mangle]
pub unsafe extern "C" fn lyger_send_cancel(c: u64) -> i32 {
    on_conn(c, 0, |c| c.send_cancel())
}

#[no_mangle]
pub unsafe extern "C" fn lyger_send_trailers(c: u64, fields: *const u8, fields_len: i32, flags: i32) -> i32 {
    on_conn(c, -4, |c| c.send_trailers(slice(fields, fields_len), flags))
}

#[no_mangle]
pub unsafe extern "C" fn lyger_discard_body(c: u64) -> i32 {
    on_conn(c, -1, |c| c.discard_body())
}

#[no_mangle]
pub unsafe extern "C" fn lyger_complete(c: u64, out: *mut u8, cap: i32) -> i32 {
    guard(0, || match take_conn(c) {
        Some(c) => {
            let keep = c.clone();
            catch_unwind(AssertUnwindSafe(|| c.complete(slice_mut(out, cap)))).unwrap_or_else(|_| {
                keep.close_now();
                0
            })
        }
        None => 0,
    })
}

#[no_mangle]
pub unsafe extern "C" fn lyger_abort(c: u64) {
    guard((), || {
        if let Some(c) = take_conn(c) {
            c.abort();
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn lyger_conn_release(c: u64) {
    guard((), || drop(take_conn(c)))
}

#[no_mangle]
pub unsafe extern "C" fn lyger_conn_set_idle_timeout(c: u64, ms: i32) -> i32 {
    guard(-1, || conn(c).map(|c| c.set_idle_timeout(ms)).unwrap_or(-1))
}

/// Benchmark hook (not used by the server): a synthetic REQUEST event with `headers` fields,
/// parsed and encoded by the production code. Returns its length, -1 if `cap` is too small.
#[no_mangle]
pub unsafe extern "C" fn lyger_bench_request_event(out: *mut u8, cap: i32, headers: i32) -> i32 {
    guard(-1, || bench_hooks::request_event(slice_mut(out, cap), headers.max(0) as usize))
}

/// Benchmark hook (not used by the server): validates and frames a response head as
/// `lyger_send` would, without I/O. Returns the framed length, -3 if the head is invalid.
#[no_mangle]
pub unsafe extern "C" fn lyger_bench_frame_response(head: *const u8, head_len: i32, body_len: i32) -> i32 {
    guard(-3, || bench_hooks::frame_response(slice(head, head_len), body_len.max(0) as usize))
}

/// Test hook (not used by the server): the engine's head parser and body framing over `buf`, as
/// a connection runs them, for the differential fuzzing (parse_probe.rs). Writes four i32 per
/// message into `out` (`cap` i32 slots); returns the number of messages, -1 on a panic.
#[no_mangle]
pub unsafe extern "C" fn lyger_parse_probe(
    buf: *const u8,
    len: i32,
    max_request_line: i32,
    max_header_bytes: i32,
    max_body_bytes: i64,
    out: *mut i32,
    cap: i32,
) -> i32 {
    guard(-1, || {
        let cfg = config::Config::new(max_request_line, max_header_bytes, max_body_bytes, 0, 0);
        let outcomes = parse_probe::probe(slice(buf, len), &cfg);
        let out = if out.is_null() || cap <= 0 { &mut [][..] } else { std::slice::from_raw_parts_mut(out, cap as usize) };
        parse_probe::encode(&outcomes, out) as i32
    })
}
