//! The connection's byte transport: the socket itself, or a TLS session over it (tls/). Every read
//! and write of the HTTP logic goes through these few calls, so HTTP/1.1 (pipelining, chunked,
//! upgrade, timeouts, half-close) is the same code over TLS. Only `drain` reads the raw socket:
//! bytes it throws away need no decryption.

use super::Conn;
use crate::io::{send_nb, write_all, write_some, WriteError};
use mio::unix::SourceFd;
use mio::{Interest, Token};
use std::io::{self, Read};
use std::net::Shutdown;
use std::sync::atomic::Ordering;

impl Conn {
    /// As `read(2)`: Ok(0) at EOF, WouldBlock, n < buf.len() only when drained for now.
    pub(super) fn transport_read(&self, buf: &mut [u8]) -> io::Result<usize> {
        match &self.tls {
            None => (&self.sock).read(buf),
            Some(t) => {
                let r = t.read(self.fd, buf);
                if t.needs_flush() {
                    self.watch_writable();
                }
                r
            }
        }
    }

    /// Every byte of `bufs`, waiting for the socket at most `timeout_ms` per wait.
    pub(super) fn transport_write_all(&self, bufs: &[&[u8]], timeout_ms: u32) -> Result<(), WriteError> {
        match &self.tls {
            None => write_all(self.fd, bufs, timeout_ms),
            Some(t) => t.write_all(self.fd, bufs, timeout_ms),
        }
    }

    /// What the socket takes now of `bufs` from byte `skip` on; returns the new count.
    pub(super) fn transport_write_some(&self, bufs: &[&[u8]], skip: usize) -> Result<usize, WriteError> {
        match &self.tls {
            None => write_some(self.fd, bufs, skip),
            Some(t) => t.write_some(self.fd, bufs, skip),
        }
    }

    /// Best effort, never waits (engine error responses).
    pub(super) fn transport_send_nb(&self, b: &[u8]) {
        match &self.tls {
            None => send_nb(self.fd, b),
            Some(t) => t.send_nb(self.fd, b),
        }
    }

    /// Our side is done (the peer reads EOF): TLS says close_notify first.
    pub(super) fn transport_shutdown_write(&self) {
        if let Some(t) = &self.tls {
            t.close_notify(self.fd);
        }
        let _ = self.sock.shutdown(Shutdown::Write);
    }

    /// The poller, on writability: TLS records a read could not write (a handshake flight).
    pub fn flush_transport(&self) {
        if let Some(t) = &self.tls {
            if t.needs_flush() {
                t.flush_nb(self.fd);
            }
        }
    }

    /// A TLS handshake not over within the header timeout of the accept (ABI.md "TLS").
    pub(super) fn handshake_expired(&self, now: u64, since_ms: u64) -> bool {
        self.tls.as_ref().is_some_and(|t| t.is_handshaking()) && now >= since_ms + self.shared.cfg.header_timeout_ms as u64
    }

    /// Writes `out` with what the connection negotiated (tls/info.rs); 0 without TLS.
    pub fn tls_info(&self, out: &mut [u8]) -> i32 {
        match &self.tls {
            Some(t) if !self.is_closed() => crate::tls::info::encode(t, out),
            _ => 0,
        }
    }

    /// Registers for writability (once per connection), as a pending non-blocking send does.
    fn watch_writable(&self) {
        if !self.write_interest.swap(true, Ordering::AcqRel) {
            let interest = Interest::READABLE | Interest::WRITABLE;
            let _ = self.shared.registry.reregister(&mut SourceFd(&self.fd), Token(self.token), interest);
        }
    }
}
