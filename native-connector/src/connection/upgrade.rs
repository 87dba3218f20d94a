//! The Upgraded phase: after a 101 (Switching Protocols) the connection carries raw bytes of
//! another protocol (a servlet `HttpUpgradeHandler`, WebSocket). No HTTP parsing any more: Java
//! reads with `lyger_read_body`, waits with `lyger_demand`, writes with `lyger_send` (no head, no
//! framing), half-closes with a LAST send and ends with `lyger_complete` (graceful close) or
//! `lyger_abort`. ABI.md, "Protocol upgrade".
//!
//! In this phase `body_done` means "the peer shut its side down" and `body_err` a read failure
//! (-2 reset, -5 timed out): the input is a body that ends only at EOF.

use super::{Conn, ConnState, Phase, WriteState};
use crate::body::Body;
use crate::io::now_ms;
use crate::response::{self, JavaHead};
use std::io::ErrorKind;

impl Conn {
    /// `lyger_send` of a 101: writes the head (and `body`, the first bytes of the new protocol)
    /// and switches to the Upgraded phase. -3 (nothing written) when the head has no `Upgrade`,
    /// the request is not HTTP/1.1, or its body was not read to its end: its rest would be taken
    /// for bytes of the new protocol (Jetty's HttpConnection refuses to upgrade with a read
    /// pending, too). LAST is ignored: the HTTP exchange ends here, the connection does not.
    pub(super) fn send_switching(&self, w: &mut WriteState, jh: &JavaHead, body: &[u8]) -> i32 {
        if w.started {
            return -4;
        }
        if response::encode_switching(&mut w.scratch, jh).is_err() {
            return -3;
        }
        {
            let mut st = self.st.lock();
            if st.phase != Phase::Dispatched || st.head.version < 1 || !st.body_done || st.body_err != 0 {
                return -3;
            }
            // switched before the write: the client may answer as soon as it reads the 101
            st.phase = Phase::Upgraded;
            st.body = Body::None;
            st.body_done = false;
            st.last_active_ms = now_ms();
        }
        w.started = true;
        w.upgraded = true;
        let r = self.transport_write_all(&[&w.pending, &w.scratch, body], self.idle_timeout());
        w.pending.clear();
        match r {
            Ok(()) => 0,
            Err(e) => self.write_failed(w, e),
        }
    }

    /// `lyger_send` after the 101: the bytes as they are, blocking as every send does. LAST shuts
    /// our side down (the peer reads EOF) while reading goes on. -4 for a head or trailers.
    pub(super) fn send_raw(&self, w: &mut WriteState, head: &[u8], body: &[u8], last: bool, trailers: bool) -> i32 {
        if !head.is_empty() || trailers {
            return -4;
        }
        if !body.is_empty() {
            if let Err(e) = self.transport_write_all(&[body], self.idle_timeout()) {
                return self.write_failed(w, e);
            }
            self.st.lock().last_active_ms = now_ms();
        }
        if last {
            w.ended = true;
            self.transport_shutdown_write();
        }
        0
    }

    /// `lyger_read_body` in the Upgraded phase: what was buffered behind the request head first,
    /// then straight from the socket into Java's buffer. n > 0; 0 nothing now (demand); -1 the
    /// peer shut its side down; -2 reset or closed; -5 timed out.
    pub(super) fn read_raw(&self, st: &mut ConnState, out: &mut [u8]) -> i32 {
        if st.body_err != 0 {
            return st.body_err;
        }
        if !st.buf.is_empty() {
            let n = st.buf.len().min(out.len());
            out[..n].copy_from_slice(&st.buf.bytes()[..n]);
            st.buf.consume(n);
            if st.buf.is_empty() {
                // the head's buffer is not needed any more (bounded memory per connection)
                st.buf.release();
            }
            return n as i32;
        }
        if st.body_done {
            return -1;
        }
        if self.is_closed() {
            return -2;
        }
        if out.is_empty() {
            return 0;
        }
        loop {
            match self.transport_read(out) {
                Ok(0) => {
                    st.body_done = true;
                    return -1;
                }
                Ok(n) => {
                    if n < out.len() {
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
                Err(_) => {
                    st.body_err = -2;
                    return -2;
                }
            }
        }
    }

    /// The scan's check of an upgraded connection. A pending demand with no byte for the idle
    /// timeout fails the read with -5 (true: queue a CONTENT event so Java learns it). Without a
    /// demand, no byte either way for the idle timeout closes the connection, unless a writer is
    /// at work (it has its own timeout; `try_lock` never blocks the poller).
    pub(super) fn upgraded_timeouts(&self, st: &mut ConnState, now: u64) -> bool {
        let idle = self.idle_timeout() as u64;
        if st.demand {
            if !st.queued && now >= st.demand_since_ms.max(st.last_active_ms) + idle {
                st.body_err = -5;
                st.demand = false;
                st.queued = true;
                return true;
            }
            return false;
        }
        if now >= st.last_active_ms + idle && self.wr.try_lock().is_ok() {
            self.close_now();
        }
        false
    }
}
