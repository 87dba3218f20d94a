//! One connection: its input buffer, its state machine and the Java-side operations
//! (read_body, demand, send, complete, abort).
//!
//! Locks: `st` (parser/reader state) is held only for short, non-blocking work. `wr`
//! serialises writers and may be held while a blocking writer waits in poll(POLLOUT); the
//! poller takes it only with try_lock, for an armed non-blocking send (async_send.rs), during
//! which nobody holds it for long. Order: `wr` before `st`, never `st` then `wr`.

use crate::body::{Body, BodyError};
use crate::buffer_gauge::{Counted, HoldsBuffers};
use crate::engine::Shared;
use crate::event;
use crate::io::{now_ms, WriteError};
use crate::proxy_protocol::Addresses;
use crate::tls::TlsSession;
use crate::trace;
use crate::request_head::{self, HeadError, RequestHead};
use crate::response::{self, Framing, ReqInfo};
use std::io::{ErrorKind, Read};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::os::unix::io::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

mod proxy_header;
mod transport;
mod upgrade;

pub use proxy_header::ProxyHeader;

/// After a response with "Connection: close" (or an engine error response) we shut down our
/// side and drain the peer's bytes for at most this long, so the close does not turn into a
/// RST that destroys the response before the client reads it.
const DRAIN_MS: u64 = 1000;
/// Most bytes of finished responses held back while pipelined requests are answered (batching).
const MAX_PENDING: usize = 64 * 1024;
/// An idle connection's empty input buffer is freed after this long (idle conns stay cheap).
const SHRINK_AFTER_MS: u64 = 2000;
/// Most request body bytes still to come that the engine reads and throws away after a
/// response, so the connection can stay open (Tomcat's maxSwallowSize is 2 MiB). A longer
/// unread body closes the connection, announced with `Connection: close` when the head is
/// still to be written.
pub const DISCARD_MAX: u64 = 1024 * 1024;

/// `lyger_send` flags (ABI.md).
pub const SEND_LAST: i32 = 1;
pub const SEND_TRAILERS: i32 = 2;
/// never wait for the socket: what it does not take is finished later (async_send.rs)
pub const SEND_ASYNC: i32 = 4;

mod async_send;
pub use async_send::SEND_PENDING;
mod file_send;
use file_send::FileRegion;

/// Input bytes: `data[start..end]` is unconsumed. `data.len()` is the allocated size.
#[derive(Default)]
pub struct InBuf {
    data: Vec<u8>,
    start: usize,
    end: usize,
}

impl InBuf {
    pub fn bytes(&self) -> &[u8] {
        &self.data[self.start..self.end]
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn consume(&mut self, n: usize) {
        self.start += n;
        if self.start >= self.end {
            self.start = 0;
            self.end = 0;
        }
    }
    /// Free space to read into, compacting or growing (up to `cap`); None when full.
    fn space(&mut self, cap: usize) -> Option<&mut [u8]> {
        if self.end == self.data.len() {
            if self.start > 0 {
                self.data.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            } else if self.data.len() < cap {
                let n = (self.data.len() * 2).max(crate::config::INITIAL_INPUT).min(cap);
                // exact: a plain resize to the cap would allocate up to twice the last size
                self.data.reserve_exact(n - self.data.len());
                self.data.resize(n, 0);
            } else {
                return None;
            }
        }
        Some(&mut self.data[self.end..])
    }
    pub fn capacity(&self) -> usize {
        self.data.capacity()
    }
    fn release(&mut self) {
        if self.is_empty() {
            self.data = Vec::new();
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// waiting for (the rest of) a request head; the poller reads
    Idle,
    /// a request is handed to Java (queued or running); only Java reads (body)
    Dispatched,
    /// our side is shut down; discarding input until EOF or the drain deadline
    Draining,
    /// a 101 was sent: raw bytes both ways, Java reads and writes them (upgrade.rs)
    Upgraded,
}

pub struct ConnState {
    pub buf: InBuf,
    pub phase: Phase,
    /// false only after a read saw EAGAIN or a short read (edge-triggered bookkeeping)
    pub readable: bool,
    /// the peer shut its side down (an EPOLLRDHUP edge): once what is buffered is used up,
    /// nothing more comes, so an Idle connection closes instead of waiting for a timeout
    pub peer_closed: bool,
    pub queued: bool,
    pub demand: bool,
    pub demand_since_ms: u64,
    pub head: RequestHead,
    pub body: Body,
    pub body_done: bool,
    pub body_err: i32,
    pub continue_checked: bool,
    /// "100 Continue" was written for this request
    pub continue_sent: bool,
    /// the unread body cannot be discarded: the connection closes after this response
    pub close_after_body: bool,
    /// discarding an unread body (Idle with `!body_done`): raw bytes it may still consume,
    /// and when it must be over
    pub discard_left: u64,
    pub discard_deadline_ms: u64,
    /// 0 = no partial head buffered
    pub head_started_ms: u64,
    pub last_active_ms: u64,
    pub drain_deadline_ms: u64,
    /// a PROXY header still to read before anything else (proxy_header.rs); None when the engine
    /// expects none or it was read
    pub proxy: Option<Box<ProxyHeader>>,
    /// the client's and local addresses a PROXY header gave, in place of the socket's
    pub proxied: Option<Box<Addresses>>,
}

impl HoldsBuffers for ConnState {
    /// The input buffer, the header index, a chunked body's trailer section, a long PROXY v2 header.
    fn buffer_bytes(&self) -> usize {
        let trailer = match &self.body {
            Body::Chunked(dec) => dec.buffer_bytes(),
            _ => 0,
        };
        let proxy = self.proxy.as_ref().map_or(0, |p| p.buffer_bytes());
        self.buf.capacity() + self.head.buffer_bytes() + trailer + proxy
    }
}

#[derive(Default)]
pub struct WriteState {
    scratch: Vec<u8>,
    /// Finished responses not written yet: while the next pipelined request is already buffered,
    /// responses are batched and go out with the next write (one sendmsg for many responses).
    /// Every write on the connection puts these bytes first; they never outlive the batch.
    pending: Vec<u8>,
    started: bool,
    ended: bool,
    close_after: bool,
    sent_100: bool,
    framing: Option<Framing>,
    remaining: u64,
    /// the 101 went out: later sends are raw bytes of the new protocol
    upgraded: bool,
    /// the rest of a non-blocking send the socket did not take (async_send.rs)
    unsent: Option<async_send::Unsent>,
}

impl HoldsBuffers for WriteState {
    /// The response scratch (heads, chunk framing) and the batch of pipelined responses. Not the
    /// body of a pending send: that is Java's memory.
    fn buffer_bytes(&self) -> usize {
        self.scratch.capacity() + self.pending.capacity()
    }
}

pub struct Conn {
    pub id: u64,
    pub token: usize,
    pub sock: TcpStream,
    pub fd: RawFd,
    pub remote: SocketAddr,
    pub local: SocketAddr,
    pub shared: Arc<Shared>,
    closed: AtomicBool,
    idle_timeout_ms: AtomicU32,
    /// an armed non-blocking send waits for writability: the poller's lock-free check
    send_armed: AtomicBool,
    /// the fd is registered for writability too (done at its first pending send)
    write_interest: AtomicBool,
    /// Both states' buffers are counted in the engine's gauge (buffer_gauge.rs).
    pub st: Counted<ConnState>,
    wr: Counted<WriteState>,
    /// TLS over the socket (connection/transport.rs), or None for plain HTTP
    tls: Option<TlsSession>,
    /// the request's stage stamps under `LYGER_TRACE` (trace.rs)
    pub trace: trace::Slot,
}

/// What an Idle connection should do next.
pub enum Next {
    Dispatch,
    Wait,
    Close,
    /// give up on the connection gracefully (begin_drain): the response already went out
    Drain,
    Reject(HeadError),
}

enum Fill {
    Data,
    WouldBlock,
    Eof,
    Full,
}

/// A poisoned lock only means another thread panicked inside; the state is still usable
/// enough to answer "closed" and clean up.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Conn {
    pub fn new(id: u64, token: usize, sock: TcpStream, remote: SocketAddr, local: SocketAddr, shared: Arc<Shared>, tls: Option<TlsSession>) -> Conn {
        let now = now_ms();
        let fd = sock.as_raw_fd();
        let idle = shared.cfg.idle_timeout_ms;
        let gauge = shared.buffers.clone();
        let proxy = shared.proxy_v2_max().map(|max| Box::new(ProxyHeader::new(max)));
        Conn {
            id,
            token,
            sock,
            fd,
            remote,
            local,
            shared,
            closed: AtomicBool::new(false),
            idle_timeout_ms: AtomicU32::new(idle),
            send_armed: AtomicBool::new(false),
            write_interest: AtomicBool::new(false),
            st: Counted::new(
                ConnState {
                    buf: InBuf::default(),
                    phase: Phase::Idle,
                    readable: true,
                    peer_closed: false,
                    queued: false,
                    demand: false,
                    demand_since_ms: 0,
                    head: RequestHead::default(),
                    body: Body::None,
                    body_done: true,
                    body_err: 0,
                    continue_checked: false,
                    continue_sent: false,
                    close_after_body: false,
                    discard_left: 0,
                    discard_deadline_ms: 0,
                    head_started_ms: 0,
                    last_active_ms: now,
                    drain_deadline_ms: 0,
                    proxy,
                    proxied: None,
                },
                gauge.clone(),
            ),
            wr: Counted::new(WriteState::default(), gauge),
            tls,
            trace: trace::Slot::default(),
        }
    }

    pub fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }

    pub fn idle_timeout(&self) -> u32 {
        self.idle_timeout_ms.load(Ordering::Relaxed)
    }

    pub fn set_idle_timeout(&self, ms: i32) -> i32 {
        if self.is_closed() {
            return -1;
        }
        self.idle_timeout_ms.store(if ms > 0 { ms as u32 } else { self.shared.cfg.idle_timeout_ms }, Ordering::Relaxed);
        0
    }

    /// Closes now: the socket is shut down (wakes any blocked writer), the poller is told to
    /// deregister and drop its reference. The fd itself closes with the last Arc.
    pub fn close_now(&self) {
        if !self.closed.swap(true, Ordering::AcqRel) {
            let _ = self.sock.shutdown(Shutdown::Both);
            self.shared.revisit(self.token, self.id);
        }
    }

    /// Graceful close (caller holds `st`): shut our side down, drain what the peer still sends.
    pub fn begin_drain(&self, st: &mut ConnState) {
        if self.is_closed() {
            return;
        }
        self.transport_shutdown_write();
        st.phase = Phase::Draining;
        st.demand = false;
        st.drain_deadline_ms = now_ms() + DRAIN_MS;
        st.buf.consume(st.buf.len());
        st.buf.release();
        st.readable = true;
        if self.drain(st) {
            self.close_now();
        } else {
            // make sure the poller looks at it (it may hold a stale "readable" edge)
            self.shared.revisit(self.token, self.id);
        }
    }

    /// Discards input; true when the peer is gone (EOF or error).
    pub fn drain(&self, st: &mut ConnState) -> bool {
        let mut scratch = [0u8; 2048];
        loop {
            match (&self.sock).read(&mut scratch) {
                Ok(0) => return true,
                Ok(n) if n < scratch.len() => {
                    st.readable = false;
                    return false;
                }
                Ok(_) => continue,
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    st.readable = false;
                    return false;
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => return true,
            }
        }
    }

    /// Reads once into the input buffer (non-blocking).
    fn fill(&self, st: &mut ConnState) -> Fill {
        let cap = self.shared.cfg.input_cap;
        loop {
            let space = match st.buf.space(cap) {
                Some(s) => s,
                None => return Fill::Full,
            };
            let want = space.len();
            match self.transport_read(space) {
                Ok(0) => return Fill::Eof,
                Ok(n) => {
                    st.buf.end += n;
                    // a short read on a stream socket means it is drained for now: the next
                    // arrival raises a new edge
                    if n < want {
                        st.readable = false;
                    }
                    st.last_active_ms = now_ms();
                    return Fill::Data;
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    st.readable = false;
                    return Fill::WouldBlock;
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => return Fill::Eof,
            }
        }
    }

    /// Idle connection: discard the rest of an unread body, parse what is buffered, read more
    /// while the socket may have data.
    pub fn advance_idle(&self, st: &mut ConnState) -> Next {
        if st.proxy.is_some() {
            match self.read_proxy_header(st) {
                proxy_header::ProxyStep::Done => {}
                proxy_header::ProxyStep::Wait => return Next::Wait,
                proxy_header::ProxyStep::Close => return Next::Close,
            }
        }
        loop {
            if !st.body_done {
                // the previous request's body, left unread by Java (bounded: see complete)
                if self.discard_buffered(st).is_err() {
                    return Next::Drain;
                }
                if !st.body_done {
                    if !st.readable {
                        return if st.peer_closed { Next::Close } else { Next::Wait };
                    }
                    match self.fill(st) {
                        Fill::Data => continue,
                        Fill::WouldBlock => return Next::Wait,
                        Fill::Eof => return Next::Close,
                        Fill::Full => return Next::Drain,
                    }
                }
            }
            if !st.buf.is_empty() {
                let cfg = &self.shared.cfg;
                let ConnState { buf, head, .. } = st;
                match request_head::parse(buf.bytes(), cfg, head) {
                    Ok(true) => {
                        self.start_request(st);
                        return Next::Dispatch;
                    }
                    Ok(false) => {
                        // stray CRLFs after a body are not the start of a head (no 408 for them)
                        if st.head_started_ms == 0 && buf.bytes().iter().any(|&b| b != b'\r' && b != b'\n') {
                            st.head_started_ms = now_ms();
                        }
                    }
                    Err(e) => return Next::Reject(e),
                }
            }
            if !st.readable {
                return if st.peer_closed { self.at_eof(st) } else { Next::Wait };
            }
            match self.fill(st) {
                Fill::Data => continue,
                Fill::WouldBlock => return Next::Wait,
                Fill::Eof => return self.at_eof(st),
                // cannot happen with input_cap > limits, but never spin
                Fill::Full => return Next::Reject(HeadError::HeadersTooLarge),
            }
        }
    }

    /// The peer's side is closed (its FIN read, or seen as EPOLLRDHUP once what it sent is
    /// used up): nothing more can come, so instead of waiting for a timeout the connection
    /// closes at once (after a request sent with its shutdown(SHUT_WR)), or, with a partial head,
    /// is answered 400, as Jetty's parser answers an EOF inside a head ("Early EOF"; RFC 9112 8
    /// allows it).
    fn at_eof(&self, st: &ConnState) -> Next {
        if st.head_started_ms != 0 {
            Next::Reject(HeadError::BadRequest("early EOF"))
        } else {
            Next::Close
        }
    }

    fn start_request(&self, st: &mut ConnState) {
        let h = &st.head;
        st.body = Body::of_request(h, &self.shared.cfg);
        st.body_done = matches!(st.body, Body::None);
        st.body_err = 0;
        st.continue_checked = false;
        st.continue_sent = false;
        st.close_after_body = false;
        st.demand = false;
        st.head_started_ms = 0;
        st.phase = Phase::Dispatched;
        if trace::on() {
            self.trace.set(trace::PARSED, trace::now_ns());
        }
    }

    /// Encodes the dispatched request's head as a REQUEST event and consumes the head bytes.
    /// None when `out` is too small (the connection is then answered with 431 and closed).
    pub fn encode_request(&self, st: &mut ConnState, out: &mut [u8]) -> Option<usize> {
        let need = event::request_len(&st.head);
        if need > out.len() {
            self.reject(st, HeadError::HeadersTooLarge);
            return None;
        }
        let ptr = self as *const Conn as u64;
        let (remote, local) = match st.proxied.as_deref() {
            Some(a) => (&a.remote, &a.local),
            None => (&self.remote, &self.local),
        };
        let n = event::encode_request(out, ptr, self.id, &st.head, st.buf.bytes(), remote, local);
        st.buf.consume(st.head.head_len);
        Some(n)
    }

    /// The engine answers the request itself and closes.
    pub fn reject(&self, st: &mut ConnState, e: HeadError) {
        let mut out = Vec::with_capacity(256);
        response::error_response(&mut out, e.status());
        self.transport_send_nb(&out);
        self.begin_drain(st);
    }

    // ---- Java-side operations ----

    pub fn read_body(&self, out: &mut [u8]) -> i32 {
        let need_100 = {
            let mut st = self.st.lock();
            if st.phase == Phase::Upgraded {
                return self.read_raw(&mut st, out);
            }
            if let Some(r) = self.body_status(&st) {
                return r;
            }
            let n = st.head.expect_100 && !st.continue_checked && st.buf.is_empty();
            st.continue_checked = true;
            n
        };
        if need_100 {
            let mut w = self.wr.lock();
            // (never while a non-blocking send waits: its bytes go first)
            if !w.started && !w.sent_100 && w.unsent.is_none() {
                w.sent_100 = true;
                let _ = self.transport_write_all(&[&w.pending, b"HTTP/1.1 100 Continue\r\n\r\n"], self.idle_timeout());
                w.pending.clear();
                self.st.lock().continue_sent = true;
            }
        }
        let mut st = self.st.lock();
        if let Some(r) = self.body_status(&st) {
            return r;
        }
        let max_body = self.shared.cfg.max_body_bytes;
        loop {
            let ConnState { buf, body, .. } = &mut *st;
            match body {
                Body::None => {
                    st.body_done = true;
                    return -1;
                }
                Body::Length { remaining } => {
                    if !buf.is_empty() {
                        let n = buf.len().min(out.len()).min(*remaining as usize);
                        out[..n].copy_from_slice(&buf.bytes()[..n]);
                        buf.consume(n);
                        *remaining -= n as u64;
                        if *remaining == 0 {
                            st.body_done = true;
                        }
                        return n as i32;
                    }
                    // nothing buffered: straight from the socket into Java's buffer
                    let want = out.len().min(*remaining as usize);
                    if want == 0 {
                        return 0;
                    }
                    match self.transport_read(&mut out[..want]) {
                        Ok(0) => return self.body_fail(&mut st, -2),
                        Ok(n) => {
                            *remaining -= n as u64;
                            if *remaining == 0 {
                                st.body_done = true;
                            }
                            if n < want {
                                st.readable = false;
                            }
                            st.last_active_ms = now_ms();
                            return n as i32;
                        }
                        Err(e) if e.kind() == ErrorKind::WouldBlock => {
                            st.readable = false;
                            return 0;
                        }
                        Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                        Err(_) => return self.body_fail(&mut st, -2),
                    }
                }
                Body::Chunked(dec) => {
                    if !buf.is_empty() {
                        match dec.decode(buf.bytes(), out, max_body) {
                            Ok((c, p)) => {
                                buf.consume(c);
                                if dec.is_done() {
                                    st.body_done = true;
                                }
                                if p > 0 {
                                    return p as i32;
                                }
                                if st.body_done {
                                    return -1;
                                }
                            }
                            Err(BodyError::Malformed) => return self.body_fail(&mut st, -3),
                            Err(BodyError::TooLarge) => return self.body_fail(&mut st, -4),
                        }
                    }
                    if out.is_empty() {
                        return 0;
                    }
                    match self.fill(&mut st) {
                        Fill::Data => continue,
                        Fill::WouldBlock => return 0,
                        Fill::Eof => return self.body_fail(&mut st, -2),
                        Fill::Full => return self.body_fail(&mut st, -3),
                    }
                }
            }
        }
    }

    /// Writes the trailer fields of a chunked body that ended (ABI.md `lyger_trailers`).
    pub fn trailers(&self, out: &mut [u8]) -> i32 {
        let st = self.st.lock();
        match &st.body {
            Body::Chunked(dec) if dec.is_done() => event::encode_trailers(out, dec.trailer_section()),
            _ if st.body_done => event::encode_trailers(out, b""),
            _ => -2,
        }
    }

    /// Final answers of read_body that need no I/O.
    fn body_status(&self, st: &ConnState) -> Option<i32> {
        if st.body_err != 0 {
            return Some(st.body_err);
        }
        if st.body_done {
            return Some(-1);
        }
        if self.is_closed() || st.phase != Phase::Dispatched {
            return Some(-2);
        }
        None
    }

    fn body_fail(&self, st: &mut ConnState, code: i32) -> i32 {
        st.body_err = code;
        code
    }

    pub fn demand(&self) -> i32 {
        let mut st = self.st.lock();
        if st.body_done || st.body_err != 0 || !st.buf.is_empty() || st.readable {
            return 1;
        }
        if self.is_closed() || !matches!(st.phase, Phase::Dispatched | Phase::Upgraded) {
            return -1;
        }
        // asked again while pending: the idle clock keeps running
        if !st.demand {
            st.demand = true;
            st.demand_since_ms = now_ms();
        }
        // the CONTENT event needs a leader watching epoll (doze.rs)
        self.shared.doze.end();
        0
    }

    /// `lyger_send`: `flags` SEND_LAST, SEND_TRAILERS, SEND_ASYNC.
    pub fn send(&self, head: &[u8], body: &[u8], flags: i32) -> i32 {
        self.traced_send(|| self.send_part(head, body, None, flags & SEND_LAST != 0, flags & SEND_TRAILERS != 0, None, flags & SEND_ASYNC != 0))
    }

    /// A send between the trace's SEND (first) and SENT (last) stamps when tracing.
    pub fn traced_send(&self, send: impl FnOnce() -> i32) -> i32 {
        if !trace::on() {
            return send();
        }
        self.trace.first(trace::SEND);
        let r = send();
        self.trace.set(trace::SENT, trace::now_ns());
        r
    }

    /// `lyger_send_trailers`: ends the response with its trailer fields (Java's field list
    /// encoding), written in the last chunk of a chunked body and dropped otherwise.
    pub fn send_trailers(&self, fields: &[u8], flags: i32) -> i32 {
        self.traced_send(|| self.send_part(b"", b"", None, true, false, Some(fields), flags & SEND_ASYNC != 0))
    }

    /// One send: `body`, or (`file`, with `body` empty) a region of a file (file_send.rs).
    fn send_part(&self, head: &[u8], body: &[u8], file: Option<FileRegion>, last: bool, has_trailers: bool, trailers: Option<&[u8]>, nb: bool) -> i32 {
        if self.is_closed() {
            return -4;
        }
        let mut w = self.wr.lock();
        // one send at a time: a pending one must complete first
        if w.ended || self.is_closed() || w.unsent.is_some() {
            return -4;
        }
        let timeout = self.idle_timeout();
        let w = &mut *w;
        if w.upgraded {
            if file.is_some() {
                return -5;
            }
            return self.send_raw(w, head, body, last, trailers.is_some());
        }
        w.scratch.clear();
        if let Some(fields) = trailers {
            if !w.started {
                return -4;
            }
            // validated whatever the framing; written only where a trailer section exists
            if response::encode_last_chunk(&mut w.scratch, fields).is_err() {
                w.scratch.clear();
                return -3;
            }
            if w.framing != Some(Framing::Chunked) {
                w.scratch.clear();
            }
        }
        if !head.is_empty() {
            let jh = match response::parse_java_head(head) {
                Ok(h) => h,
                Err(_) => return -3,
            };
            if jh.status == 101 {
                return self.send_switching(w, &jh, body);
            }
            if jh.status < 200 {
                if w.started {
                    return -4;
                }
                if jh.status == 100 && w.sent_100 {
                    return 0;
                }
                if response::encode_interim(&mut w.scratch, &jh).is_err() {
                    return -3;
                }
                if jh.status == 100 {
                    w.sent_100 = true;
                    self.st.lock().continue_sent = true;
                }
                return self.write_out(w, b"", b"", timeout, nb);
            }
            if w.started {
                return -4;
            }
            let (req, close_body) = {
                let mut st = self.st.lock();
                // The response ends here with the body unread: Java will not read it. If the
                // engine cannot discard it afterwards, the head says the connection closes.
                if last && !st.close_after_body && !st.body_done && !self.discardable(&st) {
                    st.close_after_body = true;
                }
                let req = ReqInfo { version: st.head.version, is_head: st.head.is_head, keep_alive: st.head.keep_alive };
                (req, st.close_after_body)
            };
            let close = close_body || self.shared.is_stopping();
            let body_len = file.as_ref().map_or(body.len(), |f| f.len() as usize);
            let (framing, keep) = match response::encode_head(&mut w.scratch, &jh, req, close, last, body_len, has_trailers) {
                Ok(r) => r,
                Err(_) => return -3,
            };
            w.started = true;
            w.framing = Some(framing);
            w.close_after = !keep;
            w.remaining = if let Framing::Length(n) = framing { n } else { 0 };
        } else if !w.started {
            return -4;
        }

        let len = file.as_ref().map_or(body.len() as u64, |f| f.len());
        let (len, suffix) = frame_body(w, len, last, trailers.is_some());
        if let Some(mut f) = file {
            // a region is framed as a body of its length; its bytes never pass through here
            if len == 0 {
                return self.write_out(w, b"", suffix, timeout, nb);
            }
            f.truncate(len);
            return self.write_out_file(w, f, suffix, timeout, nb);
        }
        let body = &body[..len as usize];
        if w.scratch.is_empty() && body.is_empty() && suffix.is_empty() {
            return 0;
        }
        let size = w.scratch.len() + body.len() + suffix.len();
        if last && !w.close_after && w.pending.len() + size <= MAX_PENDING && self.next_head_buffered() {
            // the next pipelined request is here already: answer it before writing (batching)
            w.pending.extend_from_slice(&w.scratch);
            w.pending.extend_from_slice(body);
            w.pending.extend_from_slice(suffix);
            return 0;
        }
        self.write_out(w, body, suffix, timeout, nb)
    }

    /// Whether a whole request head follows the current request in the input buffer, so the
    /// current response may wait for the next one's (lock order: `wr` then `st`).
    fn next_head_buffered(&self) -> bool {
        let st = self.st.lock();
        st.body_done && st.body_err == 0 && st.buf.bytes().windows(4).any(|w| w == b"\r\n\r\n")
    }

    /// Java gave up on the exchange: responses batched before it are still owed to the client.
    pub fn abort(&self) {
        let mut pending = {
            let mut w = self.wr.lock();
            // a cut send: its batch went out with it, in part; Java's memory is not touched again
            self.drop_unsent(&mut w);
            std::mem::take(&mut w.pending)
        };
        self.flush_pending(&mut pending);
        self.close_now();
    }

    /// From the poller's periodic scan: a batch waiting behind a pipelined request that takes
    /// long goes out without blocking, at most one scan period late. Never waits for `wr`.
    pub fn flush_pending_nb(&self) {
        if let Ok(mut w) = self.wr.try_lock() {
            // a pending send writes the batch first, from where it stopped
            if w.pending.is_empty() || w.unsent.is_some() {
                return;
            }
            // never blocks the poller
            if let Ok(n) = self.transport_write_some(&[&w.pending], 0) {
                w.pending.drain(..n);
            }
        }
    }

    /// Writes batched responses now (a batch ends when no pipelined request runs next).
    fn flush_pending(&self, pending: &mut Vec<u8>) {
        if !pending.is_empty() {
            let _ = self.transport_write_all(&[pending], self.idle_timeout());
            pending.clear();
        }
    }

    fn write_failed(&self, w: &mut WriteState, e: WriteError) -> i32 {
        w.close_after = true;
        match e {
            WriteError::Closed => -1,
            WriteError::Timeout => -2,
        }
    }

    /// The response is done. Returns the length of the next pipelined REQUEST written to
    /// `out` (the Arc then goes back to Java), or 0 (the Arc is dropped).
    pub fn complete(self: Arc<Self>, out: &mut [u8]) -> i32 {
        if trace::on() {
            self.trace.done();
        }
        let (ended, close_after, mut pending) = {
            let mut w = self.wr.lock();
            // completed while a send was pending (Java does not): the response is cut
            if self.drop_unsent(&mut w) {
                w.close_after = true;
            }
            let scratch = std::mem::take(&mut w.scratch);
            let pending = std::mem::take(&mut w.pending);
            let r = (w.ended, w.close_after, pending);
            *w = WriteState { scratch, ..WriteState::default() };
            r
        };
        if !pending.is_empty() && !(ended && !close_after && self.next_head_buffered()) {
            self.flush_pending(&mut pending);
        }
        if self.is_closed() {
            return 0;
        }
        let mut st = self.st.lock();
        if !pending.is_empty() {
            // The batch goes on only if the next request is dispatched to Java right now (below);
            // on every other way out, write it before anything else happens to the connection.
            // Taking `wr` under `st` is safe here: no Java thread owns this connection until this
            // call returns, and the poller never takes `wr`.
            let dispatching = st.phase == Phase::Dispatched && st.head.keep_alive && !self.shared.is_stopping();
            if !dispatching {
                drop(st);
                self.flush_pending(&mut pending);
                st = self.st.lock();
            }
        }
        if st.phase == Phase::Upgraded {
            // the new protocol is over: close gracefully (what we wrote last must not be lost to a RST)
            self.begin_drain(&mut st);
            return 0;
        }
        if st.phase != Phase::Dispatched {
            return 0;
        }
        let keep = ended && !close_after && !st.close_after_body && st.head.keep_alive && !self.shared.is_stopping();
        if !keep {
            self.begin_drain(&mut st);
            return 0;
        }
        if !st.body_done {
            // Java left (part of) the body unread: the engine reads it and throws it away before
            // the next request, within DISCARD_MAX bytes and the idle/header timeouts
            // (check_timeouts); beyond that the connection closes.
            st.discard_left = DISCARD_MAX + st.buf.len() as u64;
            if !self.discardable(&st) || self.discard_buffered(&mut st).is_err() {
                self.begin_drain(&mut st);
                return 0;
            }
        }
        if st.body_err != 0 {
            self.begin_drain(&mut st);
            return 0;
        }
        st.phase = Phase::Idle;
        st.demand = false;
        st.last_active_ms = now_ms();
        st.discard_deadline_ms = st.last_active_ms + self.shared.cfg.header_timeout_ms as u64;
        let next = self.advance_idle(&mut st);
        if !pending.is_empty() {
            if matches!(next, Next::Dispatch) {
                self.wr.lock().pending = pending;
            } else {
                self.flush_pending(&mut pending);
            }
        }
        match next {
            Next::Dispatch => match self.encode_request(&mut st, out) {
                Some(n) => {
                    drop(st);
                    if trace::on() {
                        // the completing thread runs the next request itself
                        self.trace.set(trace::TAKEN, trace::now_ns());
                    }
                    let _ = Arc::into_raw(self); // this reference now belongs to Java
                    n as i32
                }
                None => 0,
            },
            Next::Wait => 0,
            Next::Close => {
                drop(st);
                self.close_now();
                0
            }
            Next::Drain => {
                self.begin_drain(&mut st);
                0
            }
            Next::Reject(e) => {
                self.reject(&mut st, e);
                0
            }
        }
    }

    /// `lyger_discard_body`: Java will not read the rest of the request body (Jetty's
    /// consumeAvailable). 0: the engine discards it after the response and the connection stays
    /// open; -1: the connection closes after the response (said in its head if not written yet).
    pub fn discard_body(&self) -> i32 {
        if self.is_closed() {
            return -1;
        }
        let mut st = self.st.lock();
        if st.phase != Phase::Dispatched || !st.head.keep_alive || self.shared.is_stopping() || st.close_after_body {
            return -1;
        }
        if self.discardable(&st) {
            0
        } else {
            st.close_after_body = true;
            -1
        }
    }

    /// Whether the rest of the dispatched request's body may be read and thrown away after the
    /// response: no body error; not a 100-continue request whose 100 was never sent (the client
    /// may be holding the body back: as Jetty, such a connection is not kept); a Content-Length
    /// body with at most DISCARD_MAX bytes still to come, or a chunked body (DISCARD_MAX bytes
    /// counted while discarding).
    fn discardable(&self, st: &ConnState) -> bool {
        if st.body_err != 0 {
            return false;
        }
        if st.body_done {
            return true;
        }
        if st.head.expect_100 && !st.continue_sent {
            return false;
        }
        match &st.body {
            Body::None | Body::Chunked(_) => true,
            Body::Length { remaining } => remaining.saturating_sub(st.buf.len() as u64) <= DISCARD_MAX,
        }
    }

    /// Skips the buffered part of a body nobody reads (no syscall), counting it against
    /// `discard_left`. Err when the body is malformed or longer than that.
    fn discard_buffered(&self, st: &mut ConnState) -> Result<(), ()> {
        let max_body = self.shared.cfg.max_body_bytes;
        let ConnState { buf, body, body_done, body_err, discard_left, .. } = st;
        match body {
            Body::None => *body_done = true,
            Body::Length { remaining } => {
                let n = (buf.len() as u64).min(*remaining);
                if n > *discard_left {
                    return Err(());
                }
                buf.consume(n as usize);
                *discard_left -= n;
                *remaining -= n;
                *body_done = *remaining == 0;
            }
            Body::Chunked(dec) => {
                let mut sink = [0u8; 4096];
                while !buf.is_empty() && !dec.is_done() {
                    match dec.decode(buf.bytes(), &mut sink, max_body) {
                        Ok((c, _)) if c as u64 <= *discard_left => {
                            *discard_left -= c as u64;
                            buf.consume(c);
                        }
                        Ok(_) => return Err(()),
                        Err(_) => {
                            *body_err = -3;
                            return Err(());
                        }
                    }
                }
                *body_done = dec.is_done();
            }
        }
        Ok(())
    }

    /// Periodic timeout check by the poller. Returns true when a CONTENT event must be queued.
    pub fn check_timeouts(&self, st: &mut ConnState, now: u64) -> bool {
        let idle = self.idle_timeout() as u64;
        match st.phase {
            Phase::Idle => {
                if st.queued {
                    return false;
                }
                if !st.body_done {
                    // discarding an unread body: no byte for the idle timeout, or not over
                    // within the header timeout
                    if self.shared.is_stopping() || now >= st.last_active_ms + idle || now >= st.discard_deadline_ms {
                        self.begin_drain(st);
                    }
                    return false;
                }
                if st.buf.is_empty() {
                    let header_late = st.proxy.as_ref().is_some_and(|p| p.expired(now, self.shared.cfg.header_timeout_ms));
                    if self.shared.is_stopping() || now >= st.last_active_ms + idle || header_late || self.handshake_expired(now, st.last_active_ms) {
                        self.close_now();
                    } else if st.buf.capacity() > 0 && now >= st.last_active_ms + SHRINK_AFTER_MS {
                        st.buf.release();
                    }
                } else if st.head_started_ms != 0
                    && now >= st.head_started_ms + self.shared.cfg.header_timeout_ms as u64
                {
                    let mut out = Vec::with_capacity(256);
                    response::error_response(&mut out, 408);
                    self.transport_send_nb(&out);
                    self.begin_drain(st);
                }
                false
            }
            Phase::Dispatched => {
                if st.demand && !st.queued && now >= st.demand_since_ms + idle {
                    st.body_err = -5;
                    st.demand = false;
                    st.queued = true;
                    return true;
                }
                false
            }
            Phase::Draining => {
                if now >= st.drain_deadline_ms {
                    self.close_now();
                }
                false
            }
            Phase::Upgraded => self.upgraded_timeouts(st, now),
        }
    }
}

/// Frames `len` body bytes of one send under the response's framing: how many of them go out, and
/// the suffix after them (a chunk size goes into `scratch`). Marks the response ended on LAST.
fn frame_body(w: &mut WriteState, len: u64, last: bool, trailers: bool) -> (u64, &'static [u8]) {
    let mut len = len;
    let mut suffix: &'static [u8] = b"";
    match w.framing {
        Some(Framing::NoBody) | None => len = 0,
        Some(Framing::Length(_)) => {
            if len > w.remaining {
                // more than declared: never put bytes on the wire the client would take
                // for the next response
                len = w.remaining;
                w.close_after = true;
            }
            w.remaining -= len;
            if last && w.remaining > 0 {
                w.close_after = true;
            }
        }
        Some(Framing::Chunked) => {
            if trailers {
                // the last chunk and its trailer section are in scratch (no body here)
            } else if len > 0 {
                response::push_chunk_size(&mut w.scratch, len as usize);
                suffix = if last { b"\r\n0\r\n\r\n" } else { b"\r\n" };
            } else if last {
                suffix = b"0\r\n\r\n";
            }
        }
        Some(Framing::Close) => {}
    }
    if last {
        w.ended = true;
    }
    (len, suffix)
}
