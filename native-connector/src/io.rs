//! Small socket helpers over libc: vectored writes (blocking with a timeout, or as much as the
//! socket takes now), non-blocking sends, and a cheap monotonic millisecond clock.

use std::os::unix::io::RawFd;

/// Monotonic milliseconds from a coarse clock (a few ms of resolution is plenty for timeouts).
pub fn now_ms() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: valid pointer to a timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC_COARSE, &mut ts) };
    ts.tv_sec as u64 * 1000 + ts.tv_nsec as u64 / 1_000_000
}

#[derive(Debug, PartialEq, Eq)]
pub enum WriteError {
    /// peer closed or reset, or the socket was shut down under us
    Closed,
    /// no progress within the timeout
    Timeout,
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// Writes every byte of `bufs` (empty slices allowed) with sendmsg (one syscall in the
/// common case, MSG_NOSIGNAL so a closed peer is an error, not SIGPIPE). On EAGAIN it
/// waits for POLLOUT on this one fd, at most `timeout_ms` per wait.
pub fn write_all(fd: RawFd, bufs: &[&[u8]], timeout_ms: u32) -> Result<(), WriteError> {
    let total: usize = bufs.iter().map(|b| b.len()).sum();
    let mut skip = 0usize;
    loop {
        skip = write_some(fd, bufs, skip)?;
        if skip >= total {
            return Ok(());
        }
        wait_writable(fd, timeout_ms)?;
    }
}

/// Writes `bufs` from byte `skip` on (counted over all of them) without ever waiting: until
/// everything is written or the socket is full (EAGAIN). Returns the new count of bytes
/// written; the caller compares it with the total. The non-blocking send's building block.
pub fn write_some(fd: RawFd, bufs: &[&[u8]], skip: usize) -> Result<usize, WriteError> {
    write_some_flags(fd, bufs, skip, 0)
}

/// As `write_some`, with more `sendmsg` flags (MSG_MORE: a file region follows the head).
pub fn write_some_flags(fd: RawFd, bufs: &[&[u8]], mut skip: usize, flags: i32) -> Result<usize, WriteError> {
    let total: usize = bufs.iter().map(|b| b.len()).sum();
    while skip < total {
        let mut iov: [libc::iovec; 4] = [libc::iovec { iov_base: std::ptr::null_mut(), iov_len: 0 }; 4];
        let mut n_iov = 0;
        let mut off = skip;
        for b in bufs {
            if off >= b.len() {
                off -= b.len();
                continue;
            }
            let rest = &b[off..];
            off = 0;
            if n_iov < iov.len() {
                iov[n_iov] = libc::iovec { iov_base: rest.as_ptr() as *mut libc::c_void, iov_len: rest.len() };
                n_iov += 1;
            }
        }
        // SAFETY: msghdr zeroed then pointed at our live iovec array.
        let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
        msg.msg_iov = iov.as_mut_ptr();
        msg.msg_iovlen = n_iov as _;
        let n = unsafe { libc::sendmsg(fd, &msg, libc::MSG_NOSIGNAL | flags) };
        if n >= 0 {
            skip += n as usize;
            continue;
        }
        match errno() {
            libc::EINTR => continue,
            libc::EAGAIN => break,
            _ => return Err(WriteError::Closed),
        }
    }
    Ok(skip)
}

pub fn wait_writable(fd: RawFd, timeout_ms: u32) -> Result<(), WriteError> {
    let mut p = libc::pollfd { fd, events: libc::POLLOUT, revents: 0 };
    loop {
        // SAFETY: one valid pollfd.
        let r = unsafe { libc::poll(&mut p, 1, timeout_ms.min(i32::MAX as u32) as i32) };
        if r > 0 {
            // POLLERR/POLLHUP: the next sendmsg reports the error
            return Ok(());
        }
        if r == 0 {
            return Err(WriteError::Timeout);
        }
        if errno() != libc::EINTR {
            return Err(WriteError::Closed);
        }
    }
}

/// One non-blocking send, best effort (engine error responses on a fresh socket).
pub fn send_nb(fd: RawFd, b: &[u8]) {
    // SAFETY: valid buffer.
    unsafe { libc::send(fd, b.as_ptr() as *const libc::c_void, b.len(), libc::MSG_NOSIGNAL | libc::MSG_DONTWAIT) };
}
