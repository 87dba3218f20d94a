//! Non-blocking sends (`SEND_ASYNC`, ABI.md "Non-blocking sends"): the calling thread writes
//! what the socket takes now; the rest is finished by the poller when the socket drains, and
//! a SENT event tells Java.
//!
//! Memory: the engine keeps only what it owns anyway (the batch of earlier pipelined responses,
//! the encoded head or chunk framing, a static suffix) plus the *address* of Java's body and
//! how far it got. Java keeps its buffer, unchanged, until the send completes, as Jetty's
//! `HttpStream.send` contract already asks of its caller. Nothing is copied and nothing grows
//! with the number of slow clients beyond the buffers Jetty holds for them anyway.
//!
//! Hand-over: `lyger_send` returns SEND_PENDING with the rest *unarmed*: nobody touches Java's
//! body until `lyger_send_arm`, so Java may first move a body out of a transient buffer and
//! register itself for the SENT event (no event can overtake that registration). Arming
//! writes once more (the socket may have drained meanwhile, and its edge was not watched),
//! then leaves the rest to the poller.

use super::file_send::FileRegion;
use super::{Conn, WriteState};
use crate::io::now_ms;
use mio::unix::SourceFd;
use mio::{Interest, Token};
use std::sync::atomic::Ordering;
use std::sync::TryLockError;

/// `lyger_send` / `lyger_send_arm` result: the rest is written later, a SENT event follows.
pub const SEND_PENDING: i32 = 1;
/// A pending file region without progress for this long is tried again by the scan.
const FILE_RETRY_MS: u64 = 200;

/// The rest of a non-blocking send: `skip` bytes of [batch, scratch, body, suffix] are written.
pub struct Unsent {
    skip: usize,
    /// Java's memory, valid and unchanged until the send completes (ABI.md)
    body: usize,
    body_len: usize,
    suffix: &'static [u8],
    /// the poller may write it (after `lyger_send_arm`)
    armed: bool,
    /// last time a byte went out: no progress for the idle timeout fails the send
    progress_ms: u64,
    /// a file region in place of the body (file_send.rs); its descriptor closes with the send
    file: Option<FileRegion>,
    /// the scan has tried the file region once since its last progress (`send_timed_out`)
    retried: bool,
}

impl Unsent {
    /// The rest of a file region's send: `skip` bytes of [batch, scratch, region, suffix] written.
    pub(super) fn file(skip: usize, file: FileRegion, suffix: &'static [u8]) -> Unsent {
        Unsent { skip, body: 0, body_len: 0, suffix, armed: false, progress_ms: now_ms(), file: Some(file), retried: false }
    }
}

impl Conn {
    /// Writes one send's bytes: the batch of earlier responses, the head or framing in
    /// `scratch`, the body, the suffix. Blocking: waits for the socket (backpressure). Else as
    /// much as the socket takes now, the rest kept unarmed: SEND_PENDING.
    pub(super) fn write_out(&self, w: &mut WriteState, body: &[u8], suffix: &'static [u8], timeout: u32, nb: bool) -> i32 {
        let bufs = [&w.pending[..], &w.scratch[..], body, suffix];
        let r = if nb {
            let total: usize = bufs.iter().map(|b| b.len()).sum();
            match self.transport_write_some(&bufs, 0) {
                Ok(n) if n < total => {
                    let u = Unsent { skip: n, body: body.as_ptr() as usize, body_len: body.len(), suffix, armed: false, progress_ms: now_ms(), file: None, retried: false };
                    w.unsent = Some(u);
                    return SEND_PENDING;
                }
                Ok(_) => Ok(()),
                Err(e) => Err(e),
            }
        } else {
            self.transport_write_all(&bufs, timeout)
        };
        w.pending.clear();
        match r {
            Ok(()) => 0,
            Err(e) => self.write_failed(w, e),
        }
    }

    /// `lyger_send_arm`: `body` (0: unchanged) is where Java keeps the body from now on.
    /// 0 or an error: over now, no SENT event; SEND_PENDING: a SENT event follows.
    pub fn send_arm(&self, body: u64) -> i32 {
        let mut w = self.wr.lock();
        let w = &mut *w;
        let u = match w.unsent.as_mut() {
            Some(u) if !u.armed => u,
            _ => return -4,
        };
        if body != 0 {
            u.body = body as usize;
        }
        if self.is_closed() {
            return self.finish_unsent(w, -4);
        }
        u.armed = true;
        self.send_armed.store(true, Ordering::Release);
        // Registered once per connection, on its first pending send: the fast path never pays.
        if !self.write_interest.swap(true, Ordering::AcqRel) {
            let interest = Interest::READABLE | Interest::WRITABLE;
            if self.shared.registry.reregister(&mut SourceFd(&self.fd), Token(self.token), interest).is_err() {
                return self.finish_unsent(w, -1);
            }
        }
        let r = self.write_unsent(w).unwrap_or(SEND_PENDING);
        if r == SEND_PENDING {
            // the writable edge needs a leader watching epoll (doze.rs)
            self.shared.doze.end();
        }
        r
    }

    /// Poller, on writability: more of an armed send. Some(result) when it is over (a SENT
    /// event is due). Never waits for `wr`: a Java thread holds it only briefly while a send is
    /// armed, and the connection is looked at again (revisit) when it is busy.
    pub fn continue_send(&self) -> Option<i32> {
        if !self.send_armed.load(Ordering::Acquire) {
            return None;
        }
        let mut w = match self.wr.try_lock() {
            Ok(w) => w,
            Err(TryLockError::Poisoned(e)) => e.into_inner(),
            Err(TryLockError::WouldBlock) => {
                self.shared.revisit(self.token, self.id);
                return None;
            }
        };
        let w = &mut *w;
        if !w.unsent.as_ref().is_some_and(|u| u.armed) {
            return None;
        }
        if self.is_closed() {
            return Some(self.finish_unsent(w, -1));
        }
        self.write_unsent(w)
    }

    /// Whether an armed send still waits (the poller keeps such a closed connection until its
    /// SENT event is out).
    pub fn send_is_armed(&self) -> bool {
        self.send_armed.load(Ordering::Acquire)
    }

    /// Poller's periodic scan: an armed send without progress for the idle timeout fails (-2).
    /// A file region without progress for `FILE_RETRY_MS` is tried once more (once per stall:
    /// a client that does not read costs no sendfile per scan): its writer stops at a short
    /// sendfile count, taken as a full socket whose writable edge will follow, and this is what
    /// finishes one whose count was short for another reason (a signal, a file that shrank:
    /// then the retry cuts the connection).
    pub fn send_timed_out(&self, now: u64) -> Option<i32> {
        if !self.send_armed.load(Ordering::Acquire) {
            return None;
        }
        let mut w = self.wr.try_lock().ok()?;
        let w = &mut *w;
        let u = w.unsent.as_mut().filter(|u| u.armed)?;
        if now >= u.progress_ms + self.idle_timeout() as u64 {
            return Some(self.finish_unsent(w, -2));
        }
        if u.file.is_some() && !u.retried && now >= u.progress_ms + FILE_RETRY_MS {
            u.retried = true;
            return self.write_unsent(w);
        }
        None
    }

    /// `lyger_send_cancel`: Java gives up on a pending send (Jetty's cancelSend). The engine
    /// no longer touches its body; the response is cut, so the connection closes. 1 if a send
    /// was pending, 0 if none was (its SENT event, if any, is already on its way).
    pub fn send_cancel(&self) -> i32 {
        let cut = self.drop_unsent(&mut self.wr.lock());
        if cut {
            self.close_now();
        }
        cut as i32
    }

    /// Engine shutdown: forget a pending send (no event; Java fails it itself).
    pub fn drop_pending_send(&self) {
        self.drop_unsent(&mut self.wr.lock());
    }

    /// Drops a pending send without an event (abort, shutdown, complete). True if there was one.
    pub(crate) fn drop_unsent(&self, w: &mut WriteState) -> bool {
        if w.unsent.is_none() {
            return false;
        }
        self.finish_unsent(w, -4);
        true
    }

    /// Writes what the socket takes of the rest. Some(result) when the send is over.
    fn write_unsent(&self, w: &mut WriteState) -> Option<i32> {
        let u = w.unsent.as_ref()?;
        if let Some(file) = &u.file {
            let total = w.pending.len() + w.scratch.len() + file.len() as usize + u.suffix.len();
            let r = self.write_file_some(&w.pending, &w.scratch, file, u.suffix, u.skip);
            return self.unsent_progress(w, r, total);
        }
        let body: &[u8] = if u.body_len == 0 {
            &[]
        } else {
            // SAFETY: Java keeps these bytes valid and unchanged until the send completes
            // (ABI.md); the send is not over, so they are still Java's promise to us.
            unsafe { std::slice::from_raw_parts(u.body as *const u8, u.body_len) }
        };
        let bufs = [&w.pending[..], &w.scratch[..], body, u.suffix];
        let total: usize = bufs.iter().map(|b| b.len()).sum();
        let r = self.transport_write_some(&bufs, u.skip);
        self.unsent_progress(w, r, total)
    }

    /// Records how far a pending send got. Some(result) when it is over.
    fn unsent_progress(&self, w: &mut WriteState, r: Result<usize, crate::io::WriteError>, total: usize) -> Option<i32> {
        match r {
            Ok(n) if n >= total => Some(self.finish_unsent(w, 0)),
            Ok(n) => {
                if let Some(u) = w.unsent.as_mut() {
                    if n > u.skip {
                        u.skip = n;
                        u.progress_ms = now_ms();
                        u.retried = false;
                    }
                }
                None
            }
            Err(e) => {
                let code = self.write_failed(w, e);
                Some(self.finish_unsent(w, code))
            }
        }
    }

    /// The send is over (written, failed or dropped): forget Java's memory and the batch.
    fn finish_unsent(&self, w: &mut WriteState, code: i32) -> i32 {
        w.unsent = None;
        w.pending.clear();
        self.send_armed.store(false, Ordering::Release);
        if code != 0 {
            w.close_after = true;
        }
        code
    }
}
