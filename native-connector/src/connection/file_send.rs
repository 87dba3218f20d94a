//! File regions sent straight from the file (`lyger_send_file`, ABI.md "File regions"): the
//! response head goes out with `sendmsg(MSG_MORE)`, then `sendfile(2)` moves the region from the
//! page cache to the socket without passing through user memory (Java's or ours). Blocking or
//! non-blocking exactly as `lyger_send`: the same `Unsent` carries a file region's rest, so
//! backpressure, SENT events, timeouts and cancels are the ones of other sends.
//!
//! The engine opens the file itself (the path Java resolved, after Jetty's alias checks) and
//! owns that descriptor until the send is over, failed or dropped (`FileRegion`'s `Drop`): Java
//! holds nothing that could be closed under the engine. Only regular files; a region past the
//! file's end is refused before anything is written, and a file that shrinks while it is sent
//! cuts the connection (the client sees a short body, never bytes of another response).
//! Plain HTTP only: over TLS the bytes must be encrypted in user memory, so `lyger_send` is the
//! way (answered -5 here).

use super::{async_send::Unsent, Conn, WriteState, SEND_ASYNC, SEND_LAST, SEND_PENDING, SEND_TRAILERS};
use crate::io::{wait_writable, write_some, write_some_flags, WriteError};
use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::io::AsRawFd;

/// `lyger_send_file`: not on this connection (TLS, or upgraded).
pub const FILE_UNSUPPORTED: i32 = -5;
/// `lyger_send_file`: no such regular file, or the region is not inside it (nothing written).
pub const FILE_UNUSABLE: i32 = -6;
/// Most bytes one sendfile call is asked for (Linux moves at most about 2 GiB per call anyway).
const MAX_PER_CALL: u64 = 1 << 30;

/// An open regular file and the part of it to send; closed when dropped.
pub struct FileRegion {
    file: File,
    offset: u64,
    len: u64,
}

impl FileRegion {
    /// Opens `path` read-only (never blocking: a FIFO is not waited for, then refused) and checks
    /// that it is a regular file of `size` bytes (the size Java framed the response for; -1: any)
    /// and that `offset..offset+len` lies inside it.
    pub fn open(path: &[u8], size: i64, offset: i64, len: i64) -> Result<FileRegion, i32> {
        if path.is_empty() || path.contains(&0) || offset < 0 || len < 0 || size < -1 {
            return Err(FILE_UNUSABLE);
        }
        let file = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(OsStr::from_bytes(path))
            .map_err(|_| FILE_UNUSABLE)?;
        let meta = file.metadata().map_err(|_| FILE_UNUSABLE)?;
        let (offset, len) = (offset as u64, len as u64);
        let other_size = size >= 0 && size as u64 != meta.len();
        if !meta.is_file() || other_size || offset.checked_add(len).map_or(true, |end| end > meta.len()) {
            return Err(FILE_UNUSABLE);
        }
        Ok(FileRegion { file, offset, len })
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    /// Sends no more than `len` bytes (a body longer than its declared Content-Length).
    pub fn truncate(&mut self, len: u64) {
        self.len = self.len.min(len);
    }
}

impl Conn {
    /// `lyger_send_file`: as `lyger_send` with the body read from `offset..offset+len` of the file
    /// at `path`, which must be `size` bytes long (-1: any). -5 over TLS, -6 when the file cannot
    /// be sent (nothing written either way).
    pub fn send_file(&self, head: &[u8], path: &[u8], size: i64, offset: i64, len: i64, flags: i32) -> i32 {
        if self.tls.is_some() {
            return FILE_UNSUPPORTED;
        }
        let region = match FileRegion::open(path, size, offset, len) {
            Ok(r) => r,
            Err(code) => return code,
        };
        self.traced_send(|| self.send_part(head, b"", Some(region), flags & SEND_LAST != 0, flags & SEND_TRAILERS != 0, None, flags & SEND_ASYNC != 0))
    }

    /// Writes the batch, the head (or chunk size) in `scratch`, the region and `suffix`: blocking
    /// (waiting for the socket at most `timeout` ms at a time), or what the socket takes now with
    /// the rest kept unarmed (SEND_PENDING) as `write_out` does.
    pub(super) fn write_out_file(&self, w: &mut WriteState, file: FileRegion, suffix: &'static [u8], timeout: u32, nb: bool) -> i32 {
        let total = w.pending.len() + w.scratch.len() + file.len as usize + suffix.len();
        let mut skip = 0;
        loop {
            match self.write_file_some(&w.pending, &w.scratch, &file, suffix, skip) {
                Ok(n) if n >= total => break,
                Ok(n) => {
                    skip = n;
                    if nb {
                        w.unsent = Some(Unsent::file(n, file, suffix));
                        return SEND_PENDING;
                    }
                    if let Err(e) = wait_writable(self.fd, timeout) {
                        w.pending.clear();
                        return self.write_failed(w, e);
                    }
                }
                Err(e) => {
                    w.pending.clear();
                    return self.write_failed(w, e);
                }
            }
        }
        w.pending.clear();
        0
    }

    /// Writes [batch, scratch], the region, then `suffix`, from byte `skip` on (counted over all
    /// of them), without ever waiting. Returns the new count. A file that ends before its region
    /// does closes the connection: the body is cut, never padded with other bytes.
    pub(super) fn write_file_some(&self, batch: &[u8], scratch: &[u8], file: &FileRegion, suffix: &[u8], mut skip: usize) -> Result<usize, WriteError> {
        let pre = batch.len() + scratch.len();
        if skip < pre {
            // MSG_MORE: the head waits for the region's first bytes rather than leaving alone
            skip = write_some_flags(self.fd, &[batch, scratch], skip, libc::MSG_MORE)?;
            if skip < pre {
                return Ok(skip);
            }
        }
        let end = pre + file.len as usize;
        while skip < end {
            let done = (skip - pre) as u64;
            let mut off = (file.offset + done) as libc::off_t;
            let count = (file.len - done).min(MAX_PER_CALL) as usize;
            // SAFETY: two open descriptors and a valid offset pointer.
            let n = unsafe { libc::sendfile(self.fd, file.file.as_raw_fd(), &mut off, count) };
            if n > 0 {
                skip += n as usize;
                if (n as usize) < count {
                    // Short: the socket buffer is full (the kernel marked it so, and its writable
                    // edge follows once it has drained). Calling again at once took only what the
                    // client had read meanwhile, ~47 KiB a call on loopback: runs of small
                    // sendfiles and TCP pushes, each paying the splice setup, then an EAGAIN
                    // (bench/README.md, "Static files"). A count short for another reason (a
                    // signal, a file that shrank) is retried by the poller's scan (`send_timed_out`).
                    return Ok(skip);
                }
                continue;
            }
            if n == 0 {
                // the file shrank under us: what was promised cannot be sent
                self.close_now();
                return Err(WriteError::Closed);
            }
            match std::io::Error::last_os_error().raw_os_error().unwrap_or(0) {
                libc::EINTR => continue,
                libc::EAGAIN => return Ok(skip),
                _ => return Err(WriteError::Closed),
            }
        }
        if !suffix.is_empty() {
            return Ok(end + write_some(self.fd, &[suffix], skip - end)?);
        }
        Ok(skip)
    }
}
