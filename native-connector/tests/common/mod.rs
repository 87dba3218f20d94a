//! A "Java-like" driver in Rust: threads that call lyger_poll, decode events, read bodies
//! (with demand/CONTENT), send and complete, exactly as the Java side does through JNA.
#![allow(dead_code)]

use lyger::event::{decode, Decoded, DecodedRequest};
use lyger::response::{java_fields, java_head};
use lyger::*;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

pub struct Opts {
    pub max_request_line: i32,
    pub max_header_bytes: i32,
    pub max_body: i64,
    pub idle_ms: i32,
    pub header_ms: i32,
    pub threads: usize,
}

impl Default for Opts {
    fn default() -> Self {
        Opts { max_request_line: 8192, max_header_bytes: 8192, max_body: -1, idle_ms: 10_000, header_ms: 5_000, threads: 4 }
    }
}

type Waiters = Arc<Mutex<HashMap<u64, Sender<()>>>>;

/// Handlers waiting for the SENT event of a pending non-blocking send, by connection.
static SENT: Mutex<Vec<(u64, Sender<i32>)>> = Mutex::new(Vec::new());
/// What the "/async" handlers saw, by the request's `tag` parameter, for the tests to check.
static LOG: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

pub fn log(tag: &str, what: String) {
    LOG.lock().unwrap().push((tag.to_string(), what));
}

/// The entries logged under `tag` so far.
pub fn logged(tag: &str) -> Vec<String> {
    LOG.lock().unwrap().iter().filter(|(t, _)| t == tag).map(|(_, w)| w.clone()).collect()
}

/// Waits up to `ms` for an entry under `tag` that starts with `prefix`.
pub fn await_log(tag: &str, prefix: &str, ms: u64) -> Option<String> {
    let deadline = std::time::Instant::now() + Duration::from_millis(ms);
    loop {
        if let Some(e) = logged(tag).into_iter().find(|e| e.starts_with(prefix)) {
            return Some(e);
        }
        if std::time::Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The byte at `i` of every "/async" body.
pub fn pattern(i: usize) -> u8 {
    b'a' + ((i + i / 65536) % 26) as u8
}

pub struct Server {
    pub engine: u64,
    pub port: u16,
    threads: Vec<JoinHandle<()>>,
    pub poll_results: Arc<Mutex<Vec<i32>>>,
}

impl Server {
    pub fn start(o: Opts) -> Server {
        Server::start_with(o, None)
    }

    /// An HTTPS listener: `tls` is the configuration blob of ABI.md "TLS".
    pub fn start_tls(o: Opts, tls: &[u8]) -> Server {
        Server::start_with(o, Some(tls))
    }

    fn start_with(o: Opts, tls: Option<&[u8]>) -> Server {
        let mut err = [0u8; 256];
        let host = std::ffi::CString::new("127.0.0.1").unwrap();
        let engine = unsafe {
            match tls {
                None => lyger_engine_start(host.as_ptr(), 0, 1024, o.max_request_line, o.max_header_bytes, o.max_body, o.idle_ms, o.header_ms, err.as_mut_ptr(), err.len() as i32),
                Some(b) => lyger_engine_start_tls(host.as_ptr(), 0, 1024, o.max_request_line, o.max_header_bytes, o.max_body, o.idle_ms, o.header_ms,
                    b.as_ptr(), b.len() as i32, err.as_mut_ptr(), err.len() as i32),
            }
        };
        assert_ne!(engine, 0, "start failed: {}", String::from_utf8_lossy(&err));
        let port = unsafe { lyger_engine_port(engine) } as u16;
        let waiters: Waiters = Arc::new(Mutex::new(HashMap::new()));
        let poll_results = Arc::new(Mutex::new(Vec::new()));
        let threads = (0..o.threads)
            .map(|_| {
                let w = waiters.clone();
                let pr = poll_results.clone();
                std::thread::spawn(move || worker(engine, w, pr))
            })
            .collect();
        Server { engine, port, threads, poll_results }
    }

    pub fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s
    }

    pub fn connections(&self) -> i32 {
        unsafe { lyger_engine_connections(self.engine) }
    }

    pub fn buffer_bytes(&self) -> i64 {
        unsafe { lyger_engine_buffer_bytes(self.engine) }
    }

    pub fn stop(&mut self) {
        if self.engine == 0 {
            return;
        }
        unsafe { lyger_engine_shutdown(self.engine) };
        for t in self.threads.drain(..) {
            t.join().unwrap();
        }
        unsafe { lyger_engine_free(self.engine) };
        self.engine = 0;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn worker(engine: u64, waiters: Waiters, pr: Arc<Mutex<Vec<i32>>>) {
    let cap = unsafe { lyger_event_buffer_size(engine) } as usize;
    let mut buf = vec![0u8; cap];
    loop {
        let mut n = unsafe { lyger_poll(engine, buf.as_mut_ptr(), cap as i32, 100) };
        // as Java does: after each event, take the queued ones through lyger_poll_next
        while n > 0 {
            run_event(&mut buf, n, &waiters);
            n = unsafe { lyger_poll_next(engine, buf.as_mut_ptr(), cap as i32) };
        }
        if n < 0 {
            pr.lock().unwrap().push(n);
            return;
        }
    }
}

/// One event, and the pipelined requests lyger_complete hands back.
fn run_event(buf: &mut [u8], n: i32, waiters: &Waiters) {
    let cap = buf.len() as i32;
    let mut ev = decode(&buf[..n as usize]);
    loop {
        match ev {
            Decoded::Content(c) => {
                if let Some(tx) = waiters.lock().unwrap().remove(&c) {
                    let _ = tx.send(());
                }
                unsafe { lyger_conn_release(c) };
                return;
            }
            Decoded::Sent(c, result) => {
                let mut sent = SENT.lock().unwrap();
                if let Some(i) = sent.iter().position(|(conn, _)| *conn == c) {
                    let _ = sent.swap_remove(i).1.send(result);
                }
                drop(sent);
                unsafe { lyger_conn_release(c) };
                return;
            }
            Decoded::Request(r) => {
                let conn = r.conn;
                handle(&r, waiters);
                let m = unsafe { lyger_complete(conn, buf.as_mut_ptr(), cap) };
                if m <= 0 {
                    return;
                }
                ev = decode(&buf[..m as usize]);
            }
        }
    }
}

/// Reads the whole body the way Java would: read, else demand, else wait for CONTENT.
/// Returns the body or the negative error code.
pub fn read_body(conn: u64, waiters: &Waiters) -> Result<Vec<u8>, i32> {
    let mut body = Vec::new();
    let mut chunk = vec![0u8; 8192];
    loop {
        let n = unsafe { lyger_read_body(conn, chunk.as_mut_ptr(), chunk.len() as i32) };
        if n > 0 {
            body.extend_from_slice(&chunk[..n as usize]);
            continue;
        }
        if n == -1 {
            return Ok(body);
        }
        if n < 0 {
            return Err(n);
        }
        let (tx, rx) = channel();
        waiters.lock().unwrap().insert(conn, tx);
        match unsafe { lyger_demand(conn) } {
            1 => {
                waiters.lock().unwrap().remove(&conn);
            }
            0 => {
                if rx.recv_timeout(Duration::from_secs(20)).is_err() {
                    return Err(-99);
                }
            }
            _ => return Err(-98),
        }
    }
}

const SEND_LAST: i32 = 1;
const SEND_PENDING: i32 = 1;

fn send(conn: u64, head: Option<Vec<u8>>, body: &[u8], last: bool) -> i32 {
    send_flags(conn, head, body, if last { 1 } else { 0 })
}

fn send_flags(conn: u64, head: Option<Vec<u8>>, body: &[u8], flags: i32) -> i32 {
    let (hp, hl) = match &head {
        Some(h) => (h.as_ptr(), h.len() as i32),
        None => (std::ptr::null(), 0),
    };
    unsafe { lyger_send(conn, hp, hl, body.as_ptr(), body.len() as i32, flags) }
}

fn send_trailers(conn: u64, fields: &[(&str, &str)]) -> i32 {
    let f = java_fields(fields);
    unsafe { lyger_send_trailers(conn, f.as_ptr(), f.len() as i32, 0) }
}

fn param<'a>(target: &'a str, name: &str) -> Option<&'a str> {
    let query = target.split_once('?')?.1;
    query.split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

/// Non-blocking sends, as NativeHttpStream makes them: "/async?size=N&tag=T" sends N pattern
/// bytes with a Content-Length in one SEND_ASYNC call; on PENDING it registers for the SENT
/// event, then arms (`move=1`: first moves the body to another buffer and spoils the first, as
/// Java does with a thread's copy buffer), and waits for the event (`wait=ms`, then
/// lyger_send_cancel, logged as "cancel=N"). Everything it sees is logged under T.
fn handle_async(conn: u64, target: &str) -> bool {
    const ASYNC: i32 = 4;
    if !target.starts_with("/async") {
        return false;
    }
    let size: usize = param(target, "size").unwrap().parse().unwrap();
    let tag = param(target, "tag").unwrap_or("");
    let wait: u64 = param(target, "wait").map_or(30_000, |w| w.parse().unwrap());
    let mut body: Vec<u8> = (0..size).map(pattern).collect();
    let rc = send_flags(conn, Some(java_head(200, size as i64, &[])), &body, SEND_LAST | ASYNC);
    log(tag, format!("send={rc}"));
    if rc != SEND_PENDING {
        return true;
    }
    let (tx, rx) = channel();
    SENT.lock().unwrap().push((conn, tx));
    let mut moved = Vec::new();
    let address = if param(target, "move").is_some() {
        moved = body.clone();
        body.fill(b'X');
        moved.as_ptr() as u64
    } else {
        0
    };
    let armed = unsafe { lyger_send_arm(conn, address) };
    log(tag, format!("arm={armed}"));
    if armed != SEND_PENDING {
        SENT.lock().unwrap().retain(|(c, _)| *c != conn);
        return true;
    }
    match rx.recv_timeout(Duration::from_millis(wait)) {
        Ok(result) => log(tag, format!("sent={result}")),
        Err(_) => {
            SENT.lock().unwrap().retain(|(c, _)| *c != conn);
            log(tag, "sent=none".to_string());
            log(tag, format!("cancel={}", unsafe { lyger_send_cancel(conn) }));
        }
    }
    // the engine was given these bytes until the SENT event (or the cancel): keep them to here
    drop((body, moved));
    true
}

/// File regions (lyger_send_file), as NativeHttpStream sends them: "/file?path=P&off=O&len=L&tag=T"
/// sends that region of the file at P (of `size` bytes when given) with a Content-Length of L, non-blocking; on PENDING it
/// arms and waits for the SENT event as "/async" does. Everything it sees is logged under T. A
/// refused file leaves the response unsent: lyger_complete then closes the connection.
fn handle_file(conn: u64, target: &str) -> bool {
    const ASYNC: i32 = 4;
    if !target.starts_with("/file") {
        return false;
    }
    let path = param(target, "path").unwrap();
    let off: i64 = param(target, "off").map_or(0, |v| v.parse().unwrap());
    let len: i64 = param(target, "len").unwrap().parse().unwrap();
    let tag = param(target, "tag").unwrap_or("");
    let head = java_head(200, len, &[]);
    let size: i64 = param(target, "size").map_or(-1, |v| v.parse().unwrap());
    let rc = unsafe { lyger_send_file(conn, head.as_ptr(), head.len() as i32, path.as_ptr(), path.len() as i32, size, off, len, SEND_LAST | ASYNC) };
    log(tag, format!("send={rc}"));
    if rc != SEND_PENDING {
        return true;
    }
    let (tx, rx) = channel();
    SENT.lock().unwrap().push((conn, tx));
    let armed = unsafe { lyger_send_arm(conn, 0) };
    log(tag, format!("arm={armed}"));
    if armed != SEND_PENDING {
        SENT.lock().unwrap().retain(|(c, _)| *c != conn);
        return true;
    }
    match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(result) => log(tag, format!("sent={result}")),
        Err(_) => {
            SENT.lock().unwrap().retain(|(c, _)| *c != conn);
            log(tag, format!("cancel={}", unsafe { lyger_send_cancel(conn) }));
        }
    }
    true
}

/// Responses with trailers (lyger_send flag TRAILERS, then lyger_send_trailers), as
/// NativeHttpStream sends them. Returns false when the target is not one of these.
fn handle_trailers(conn: u64, target: &str) -> bool {
    const TRAILERS: i32 = 2;
    let rc = if target.starts_with("/trailers-flushed") {
        // a known length is given, but the body goes chunked for the trailers
        assert_eq!(send_flags(conn, Some(java_head(200, 17, &[])), b"part one ", TRAILERS), 0);
        assert_eq!(send_flags(conn, None, b"part two", 0), 0);
        send_trailers(conn, &[("X-Checksum", "abc123"), ("X-Two", "2")])
    } else if target.starts_with("/trailers-small") {
        assert_eq!(send_flags(conn, Some(java_head(200, -1, &[])), b"small", TRAILERS), 0);
        send_trailers(conn, &[("X-Small", "yes")])
    } else if target.starts_with("/trailers-none") {
        assert_eq!(send_flags(conn, Some(java_head(200, -1, &[])), b"none", TRAILERS), 0);
        send_trailers(conn, &[])
    } else if target.starts_with("/trailers-bad") {
        assert_eq!(send_flags(conn, Some(java_head(200, -1, &[])), b"bad", TRAILERS), 0);
        let bad = send_trailers(conn, &[("X-Bad", "a\r\nX-Injected: 1")]);
        assert_eq!(send(conn, None, format!(" rc={bad}").as_bytes(), true), 0);
        // the response ended: no more trailers
        send_trailers(conn, &[("X-Late", "1")])
    } else {
        return false;
    };
    assert!(rc == 0 || rc == -4 && target.starts_with("/trailers-bad"), "{target}: rc {rc}");
    true
}

/// Requests whose body the application does not read. "/ignore" answers at once without
/// reading; "/give-up" first says so (lyger_discard_body, as NativeHttpStream.consumeAvailable)
/// and reports the answer; "/commit-then-ignore" commits before the end (the application could
/// still read) and never reads.
fn handle_unread(conn: u64, target: &str) -> bool {
    if target.starts_with("/ignore") {
        send(conn, Some(java_head(409, -1, &[])), b"conflict", true);
    } else if target.starts_with("/give-up") {
        let rc = unsafe { lyger_discard_body(conn) };
        send(conn, Some(java_head(409, -1, &[])), format!("discard={rc}").as_bytes(), true);
    } else if target.starts_with("/commit-then-ignore") {
        send(conn, Some(java_head(200, -1, &[])), b"one,", false);
        send(conn, None, b"two", true);
    } else {
        return false;
    }
    true
}

/// Reads what the upgraded connection has: Ok(bytes), Ok(empty) at the peer's EOF, Err(code).
/// Waits for CONTENT in short rounds, so that a connection the engine closed meanwhile (without
/// an event) is noticed by the next read (-2).
pub fn read_raw(conn: u64, waiters: &Waiters) -> Result<Vec<u8>, i32> {
    let mut chunk = vec![0u8; 8192];
    loop {
        let n = unsafe { lyger_read_body(conn, chunk.as_mut_ptr(), chunk.len() as i32) };
        if n > 0 {
            return Ok(chunk[..n as usize].to_vec());
        }
        if n == -1 {
            return Ok(Vec::new());
        }
        if n < 0 {
            return Err(n);
        }
        let (tx, rx) = channel();
        waiters.lock().unwrap().insert(conn, tx);
        match unsafe { lyger_demand(conn) } {
            1 => {
                waiters.lock().unwrap().remove(&conn);
            }
            0 => {
                let _ = rx.recv_timeout(Duration::from_millis(500));
                waiters.lock().unwrap().remove(&conn);
            }
            _ => return Err(-98),
        }
    }
}

/// Protocol upgrades (101), as NativeHttpStream drives them: "/upgrade" switches to an echo
/// protocol (with "greet" in the target it writes first), echoes until the client's EOF, then
/// half-closes and lets lyger_complete close. "/upgrade-refused" tries a 101 without an Upgrade
/// header, "/upgrade-unread" one with the request body unread, and answers with the codes.
/// "/upgrade-report" echoes until a read fails and writes the code; "/upgrade-quiet" neither
/// reads nor writes for 1.5 s, then writes and reports the code on a second connection's log.
fn handle_upgrade(conn: u64, target: &str, waiters: &Waiters) -> bool {
    if target.starts_with("/upgrade-refused") || target.starts_with("/upgrade-unread") {
        let headers: &[(&str, &str)] = if target.starts_with("/upgrade-refused") { &[] } else { &[("Upgrade", "echo")] };
        let rc = send(conn, Some(java_head(101, -1, headers)), b"", false);
        send(conn, Some(java_head(409, -1, &[])), format!("rc={rc}").as_bytes(), true);
        return true;
    }
    if !target.starts_with("/upgrade") {
        return false;
    }
    // as WebSocket's handshaker: the 101 is the whole HTTP response (LAST), the connection stays
    assert_eq!(send(conn, Some(java_head(101, 0, &[("Upgrade", "echo"), ("Connection", "Upgrade")])), b"", true), 0);
    if target.contains("greet") {
        assert_eq!(send(conn, None, b"welcome\n", false), 0);
    }
    if target.starts_with("/upgrade-quiet") {
        std::thread::sleep(Duration::from_millis(1500));
        let rc = send(conn, None, b"late", false);
        QUIET_RC.store(rc, std::sync::atomic::Ordering::SeqCst);
        return true;
    }
    loop {
        match read_raw(conn, waiters) {
            Ok(b) if b.is_empty() => {
                assert_eq!(send(conn, None, b"", true), 0, "half-close");
                assert_eq!(send(conn, None, b"more", false), -4, "nothing after the half-close");
                return true;
            }
            Ok(b) => {
                if send(conn, None, &b, false) != 0 {
                    return true;
                }
            }
            Err(code) => {
                send(conn, None, format!("err={code}").as_bytes(), false);
                return true;
            }
        }
    }
}

/// What "/upgrade-quiet" got from its late send.
pub static QUIET_RC: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(1);

/// The test application.
fn handle(r: &DecodedRequest, waiters: &Waiters) {
    let conn = r.conn;
    let target = r.target.as_str();
    if handle_trailers(conn, target) || handle_unread(conn, target) || handle_upgrade(conn, target, waiters) || handle_async(conn, target) || handle_file(conn, target) {
        return;
    }
    let body = match read_body(conn, waiters) {
        Ok(b) => b,
        Err(code) => {
            let msg = format!("body error {code}");
            send(conn, Some(java_head(400, -1, &[("Connection", "close")])), msg.as_bytes(), true);
            return;
        }
    };
    if target.starts_with("/slow") {
        std::thread::sleep(Duration::from_millis(500));
    }
    if target.starts_with("/chunked") {
        assert_eq!(send(conn, Some(java_head(200, -1, &[("Content-Type", "text/plain")])), b"one,", false), 0);
        assert_eq!(send(conn, None, b"two,", false), 0);
        assert_eq!(send(conn, None, b"three", true), 0);
        return;
    }
    if target.starts_with("/bad-header") {
        let rc = send(conn, Some(java_head(200, -1, &[("X-Bad", "a\r\nb")])), b"", true);
        let msg = format!("rc={rc}");
        send(conn, Some(java_head(500, -1, &[])), msg.as_bytes(), true);
        return;
    }
    let text = format!(
        "{} {} v{} flags={} len={} body={}",
        r.method,
        r.target,
        r.version,
        r.flags,
        body.len(),
        String::from_utf8_lossy(&body[..body.len().min(64)])
    );
    let rc = send(conn, Some(java_head(200, -1, &[("Content-Type", "text/plain")])), text.as_bytes(), true);
    assert!(rc == 0 || rc == -1, "send rc {rc}");
}

// ---- client side ----

/// A client whose receive buffer stays small (no autotuning), so the server's socket fills.
pub fn slow_client(s: &Server) -> TcpStream {
    let c = s.connect();
    let size: libc::c_int = 64 * 1024;
    // SAFETY: a valid socket and an int option.
    let r = unsafe {
        libc::setsockopt(
            std::os::unix::io::AsRawFd::as_raw_fd(&c),
            libc::SOL_SOCKET,
            libc::SO_RCVBUF,
            &size as *const libc::c_int as *const libc::c_void,
            std::mem::size_of::<libc::c_int>() as u32,
        )
    };
    assert_eq!(r, 0);
    c
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// the trailer section of a chunked body, raw ("Name: value\r\n"...)
    pub trailers: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Reads one response (Content-Length, chunked, or until EOF). None on EOF before a status.
pub fn read_response<R: BufRead>(r: &mut R, head_request: bool) -> Option<Response> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let status: u16 = line.split(' ').nth(1)?.parse().ok()?;
    let mut headers = Vec::new();
    loop {
        let mut l = String::new();
        r.read_line(&mut l).ok()?;
        let l = l.trim_end();
        if l.is_empty() {
            break;
        }
        let (n, v) = l.split_once(':')?;
        headers.push((n.to_string(), v.trim().to_string()));
    }
    let mut resp = Response { status, headers, body: Vec::new(), trailers: String::new() };
    if head_request || status < 200 || status == 204 || status == 304 {
        return Some(resp);
    }
    if let Some(cl) = resp.header("content-length") {
        let mut b = vec![0u8; cl.parse().unwrap()];
        r.read_exact(&mut b).ok()?;
        resp.body = b;
    } else if resp.header("transfer-encoding").is_some() {
        loop {
            let mut l = String::new();
            r.read_line(&mut l).ok()?;
            let size = usize::from_str_radix(l.trim_end(), 16).ok()?;
            if size == 0 {
                loop {
                    let mut t = String::new();
                    r.read_line(&mut t).ok()?;
                    if t == "\r\n" {
                        break;
                    }
                    if !t.ends_with("\r\n") {
                        return None;
                    }
                    resp.trailers.push_str(&t);
                }
                break;
            }
            let mut b = vec![0u8; size + 2];
            r.read_exact(&mut b).ok()?;
            if &b[size..] != b"\r\n" {
                return None;
            }
            resp.body.extend_from_slice(&b[..size]);
        }
    } else {
        r.read_to_end(&mut resp.body).ok()?;
    }
    Some(resp)
}

pub fn request(s: &mut TcpStream, raw: &str) -> Response {
    s.write_all(raw.as_bytes()).unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    read_response(&mut r, raw.starts_with("HEAD ")).expect("response")
}

/// True when the peer closed (EOF or reset) within the read timeout.
pub fn closed_by_peer(s: &mut TcpStream) -> bool {
    let mut b = [0u8; 64];
    match s.read(&mut b) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => matches!(e.kind(), std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted),
    }
}
