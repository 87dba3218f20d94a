//! One connection's TLS state (a rustls `ServerConnection`) with socket-like calls: `read` gives
//! plaintext as `read(2)` would (Ok(0) at EOF or close_notify, WouldBlock when the socket is
//! drained), `write_some` / `write_all` take plaintext and put records on the socket. The HTTP
//! logic above it is unchanged (connection/transport.rs routes its I/O here).
//!
//! Locking: the rustls state is behind its own mutex, always the innermost lock (after `wr` and
//! `st`) and never held while waiting: a blocking writer drops it before it polls for POLLOUT, so
//! a reader (another thread, or the poller) is never stuck behind a slow client. Every record is
//! written to the socket under this mutex, so records keep their order.
//!
//! Memory: no rustls state exists until the client's first byte (an idle TCP connection costs
//! what a plaintext one does); from then on until the handshake ends the connection holds one of
//! `TlsContext::max_handshakes` slots. Plaintext is fed to rustls at most `FEED` bytes at a time,
//! so its output buffer never holds more than that in records.

use super::config::TlsContext;
use super::socket::{has_input, Fd};
use crate::io::WriteError;
use rustls::ServerConnection;
use std::io::{self, ErrorKind, Read, Write};
use std::os::unix::io::RawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Largest TLS record payload: plaintext is coalesced into records of this size.
const RECORD: usize = 16 * 1024;
/// Plaintext fed to rustls before its records are written out (bounds its output buffer).
const FEED: usize = 4 * RECORD;

pub struct TlsSession {
    ctx: Arc<TlsContext>,
    inner: Mutex<Inner>,
    /// until the handshake is over (also before the first byte): the handshake timeout applies
    handshaking: AtomicBool,
    /// records are waiting for the socket to drain (the poller flushes them on writability)
    unflushed: AtomicBool,
}

struct Inner {
    conn: Option<ServerConnection>,
    /// holds a handshake slot of the context
    counted: bool,
    /// plaintext fed to rustls whose records may not all be on the socket yet, and the offset
    /// (in the caller's byte count) it was fed at: `write_some` reports it only once flushed
    inflight: usize,
    inflight_at: usize,
}

fn lock(m: &Mutex<Inner>) -> MutexGuard<'_, Inner> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn would_block() -> io::Error {
    ErrorKind::WouldBlock.into()
}

impl TlsSession {
    pub fn new(ctx: Arc<TlsContext>) -> TlsSession {
        TlsSession {
            ctx,
            inner: Mutex::new(Inner { conn: None, counted: false, inflight: 0, inflight_at: 0 }),
            handshaking: AtomicBool::new(true),
            unflushed: AtomicBool::new(false),
        }
    }

    pub fn is_handshaking(&self) -> bool {
        self.handshaking.load(Ordering::Acquire)
    }

    pub fn needs_flush(&self) -> bool {
        self.unflushed.load(Ordering::Acquire)
    }

    pub fn context(&self) -> &TlsContext {
        &self.ctx
    }

    /// Runs `f` on the rustls state once the handshake is over (None before, or without state).
    pub fn with_established<R>(&self, f: impl FnOnce(&ServerConnection) -> R) -> Option<R> {
        let g = lock(&self.inner);
        match g.conn.as_ref() {
            Some(c) if !c.is_handshaking() => Some(f(c)),
            _ => None,
        }
    }

    /// Plaintext into `out`, as `read(2)` on the socket would give it: Ok(n) with n < out.len()
    /// only when the socket is drained (or at EOF) and nothing decrypted is left, so the caller's
    /// edge-triggered bookkeeping holds; Ok(0) at the peer's close_notify or EOF; WouldBlock;
    /// Err for a TLS error (its alert is sent) or too many handshakes in progress.
    pub fn read(&self, fd: RawFd, out: &mut [u8]) -> io::Result<usize> {
        let mut g = lock(&self.inner);
        if g.conn.is_none() {
            if !has_input(fd)? {
                return Err(would_block());
            }
            if !self.ctx.begin_handshake() {
                return Err(io::Error::new(ErrorKind::Other, "too many TLS handshakes in progress"));
            }
            g.counted = true;
            let conn = ServerConnection::new(self.ctx.config.clone()).map_err(|e| io::Error::new(ErrorKind::Other, e.to_string()))?;
            g.conn = Some(conn);
        }
        let mut n = 0;
        let result = loop {
            let conn = g.conn.as_mut().expect("TLS state");
            let mut eof = false;
            if n < out.len() {
                match conn.reader().read(&mut out[n..]) {
                    Ok(0) => eof = true,
                    Ok(k) => n += k,
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                    Err(_) => eof = true, // EOF without close_notify: an EOF all the same
                }
            }
            if n == out.len() || eof {
                break Ok(n);
            }
            match conn.read_tls(&mut Fd(fd)) {
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => break if n > 0 { Ok(n) } else { Err(e) },
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => break if n > 0 { Ok(n) } else { Err(e) },
            }
            if let Err(e) = conn.process_new_packets() {
                // the alert rustls queued goes out best effort; the connection is over
                let _ = self.flush(&mut g, fd);
                self.handshake_over(&mut g);
                return Err(io::Error::new(ErrorKind::InvalidData, e.to_string()));
            }
            if !conn.is_handshaking() {
                self.handshake_over(&mut g);
            }
            // handshake messages, tickets, alerts: written as they come
            let _ = self.flush(&mut g, fd);
        };
        let _ = self.flush(&mut g, fd);
        result
    }

    fn handshake_over(&self, g: &mut Inner) {
        if g.counted {
            g.counted = false;
            self.ctx.end_handshake();
        }
        self.handshaking.store(false, Ordering::Release);
    }

    /// Writes pending records until done (true) or the socket is full (false).
    fn flush(&self, g: &mut Inner, fd: RawFd) -> Result<bool, WriteError> {
        let conn = match g.conn.as_mut() {
            Some(c) => c,
            None => return Ok(true),
        };
        while conn.wants_write() {
            match conn.write_tls(&mut Fd(fd)) {
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    self.unflushed.store(true, Ordering::Release);
                    return Ok(false);
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => return Err(WriteError::Closed),
            }
        }
        self.unflushed.store(false, Ordering::Release);
        Ok(true)
    }

    /// The poller, on writability: records a read left behind (a handshake flight the socket did
    /// not take). Never waits for the lock.
    pub fn flush_nb(&self, fd: RawFd) {
        if let Ok(mut g) = self.inner.try_lock() {
            let _ = self.flush(&mut g, fd);
        }
    }

    /// Plaintext `bufs` from byte `skip` on (counted over all of them) as records on the socket,
    /// without waiting: returns the new count of bytes whose records are all written (the caller
    /// compares it with the total and calls again with it, as for `io::write_some`).
    pub fn write_some(&self, fd: RawFd, bufs: &[&[u8]], mut skip: usize) -> Result<usize, WriteError> {
        let total: usize = bufs.iter().map(|b| b.len()).sum();
        let mut g = lock(&self.inner);
        if g.conn.as_ref().map_or(true, |c| c.is_handshaking()) {
            return Err(WriteError::Closed);
        }
        loop {
            if !self.flush(&mut g, fd)? {
                return Ok(skip);
            }
            if g.inflight > 0 {
                // written now; counted if the caller is where it was when they were fed (a send
                // given up meanwhile left its bytes in the stream, and the next one starts anew)
                if g.inflight_at == skip {
                    skip += g.inflight;
                }
                g.inflight = 0;
            }
            if skip >= total {
                return Ok(skip);
            }
            let fed = feed(g.conn.as_mut().expect("TLS state"), bufs, skip)?;
            g.inflight = fed;
            g.inflight_at = skip;
        }
    }

    /// Writes every byte of `bufs`, waiting for the socket (without the lock) at most
    /// `timeout_ms` per wait.
    pub fn write_all(&self, fd: RawFd, bufs: &[&[u8]], timeout_ms: u32) -> Result<(), WriteError> {
        let total: usize = bufs.iter().map(|b| b.len()).sum();
        let mut skip = 0;
        loop {
            skip = self.write_some(fd, bufs, skip)?;
            if skip >= total {
                return Ok(());
            }
            crate::io::wait_writable(fd, timeout_ms)?;
        }
    }

    /// Best effort, never waits (engine error responses).
    pub fn send_nb(&self, fd: RawFd, b: &[u8]) {
        let _ = self.write_some(fd, &[b], 0);
    }

    /// Our side is done: close_notify (best effort), before the caller shuts the socket down.
    pub fn close_notify(&self, fd: RawFd) {
        let mut g = lock(&self.inner);
        if let Some(c) = g.conn.as_mut() {
            if !c.is_handshaking() {
                c.send_close_notify();
                let _ = self.flush(&mut g, fd);
            }
        }
    }
}

/// Feeds up to FEED bytes of plaintext from `bufs` at `skip` into rustls, coalesced into whole
/// records (a response head and its body share one). Returns the bytes taken.
fn feed(conn: &mut ServerConnection, bufs: &[&[u8]], skip: usize) -> Result<usize, WriteError> {
    let mut record = [0u8; RECORD];
    let mut taken = 0;
    while taken < FEED {
        // gather up to one record's worth
        let mut len = 0;
        let mut off = skip + taken;
        for b in bufs {
            if off >= b.len() {
                off -= b.len();
                continue;
            }
            let n = (b.len() - off).min(RECORD - len);
            record[len..len + n].copy_from_slice(&b[off..off + n]);
            len += n;
            off = 0;
            if len == RECORD {
                break;
            }
        }
        if len == 0 {
            break;
        }
        let n = conn.writer().write(&record[..len]).map_err(|_| WriteError::Closed)?;
        taken += n;
        if n < len {
            break; // rustls's own buffer limit
        }
    }
    Ok(taken)
}

impl Drop for TlsSession {
    fn drop(&mut self) {
        let g = self.inner.get_mut().unwrap_or_else(|e| e.into_inner());
        if g.counted {
            g.counted = false;
            self.ctx.end_handshake();
        }
    }
}
