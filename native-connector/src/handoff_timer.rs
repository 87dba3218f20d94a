//! A microsecond-precise wake-up for the leader's epoll wait: the hand-off bound (engine.rs).
//! mio 0.8 takes epoll timeouts in whole milliseconds, so a leader waiting for a queued event to
//! go stale slept 1-2 ms for a 1 ms bound; and Debian's libc crate (0.2.139) has no
//! `epoll_pwait2`. A `timerfd` in the epoll set fires at the exact instant instead.
//! Hand-written: two libc calls; mio has no timer.

use mio::unix::SourceFd;
use mio::{Interest, Registry, Token};
use std::os::unix::io::{AsRawFd, FromRawFd, OwnedFd};
use std::time::{Duration, Instant};

pub struct HandoffTimer {
    fd: OwnedFd,
    /// when the armed expiry is (None: not armed, or fired and seen)
    armed: Option<Instant>,
}

impl HandoffTimer {
    /// A timer registered in `registry` under `token`; None where timerfd is missing (the
    /// leader then rounds its epoll timeout up to whole milliseconds, as before).
    pub fn new(registry: &Registry, token: Token) -> Option<HandoffTimer> {
        // SAFETY: plain syscall; the fd is owned from here on.
        let fd = unsafe { libc::timerfd_create(libc::CLOCK_MONOTONIC, libc::TFD_NONBLOCK | libc::TFD_CLOEXEC) };
        if fd < 0 {
            return None;
        }
        // SAFETY: a fresh fd nobody else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        registry.register(&mut SourceFd(&fd.as_raw_fd()), token, Interest::READABLE).ok()?;
        Some(HandoffTimer { fd, armed: None })
    }

    /// Makes sure the leader's epoll wait ends by `at`. A timer armed for earlier than that is
    /// kept (the leader looks again when it fires); otherwise it is set for `at` (one syscall).
    /// Re-arming resets the expiry count, and edge-triggered epoll reports every expiry, so the
    /// fd is never read.
    pub fn arm(&mut self, at: Instant, now: Instant) {
        if matches!(self.armed, Some(t) if t <= at && t > now) {
            return;
        }
        // at least 1 ns: a zero it_value disarms
        let d = at.saturating_duration_since(now).max(Duration::from_nanos(1));
        let spec = libc::itimerspec {
            it_interval: libc::timespec { tv_sec: 0, tv_nsec: 0 },
            it_value: libc::timespec {
                tv_sec: d.as_secs().min(i32::MAX as u64) as libc::time_t,
                tv_nsec: d.subsec_nanos() as libc::c_long,
            },
        };
        // SAFETY: a valid timerfd and itimerspec; the old value is not asked for.
        let r = unsafe { libc::timerfd_settime(self.fd.as_raw_fd(), 0, &spec, std::ptr::null_mut()) };
        self.armed = if r == 0 { Some(now + d) } else { None };
    }

    /// The timer fired (its token came out of epoll).
    pub fn fired(&mut self) {
        self.armed = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mio::{Events, Poll};

    #[test]
    fn wakes_the_poll_in_microseconds_and_again_after_rearming() {
        let mut poll = Poll::new().unwrap();
        let mut timer = HandoffTimer::new(poll.registry(), Token(7)).expect("timerfd");
        let mut events = Events::with_capacity(4);
        for _ in 0..2 {
            let start = Instant::now();
            timer.arm(start + Duration::from_micros(300), start);
            // a generous timeout: the timer, not the timeout, must end the wait
            poll.poll(&mut events, Some(Duration::from_secs(10))).unwrap();
            assert!(events.iter().any(|e| e.token() == Token(7)));
            assert!(start.elapsed() >= Duration::from_micros(300));
            assert!(start.elapsed() < Duration::from_secs(5));
            timer.fired();
        }
    }
}
