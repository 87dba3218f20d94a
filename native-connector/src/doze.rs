//! The leader's doze (engine.rs, "doze"): while every core the engine may use is taken by a
//! thread running a request, the leader does not block in epoll. Blocked there, every request
//! that arrives wakes it, and on a saturated core the woken leader preempts the very thread that
//! would take the request it then queues: two context switches for no work that the busy thread
//! could not do itself when it comes back (`Engine::poll_next` then polls epoll without blocking).
//! So the leader sleeps instead, bounded by the hand-off bound: if the busy threads made no
//! progress over it (a handler that blocks), it leads as before. Whoever needs the poller sooner
//! (a pending send armed, a body read waiting for bytes, a connection to revisit) ends the doze.
//!
//! Parking rather than a condvar: the wake-up comes from connection code that holds no engine
//! lock, and `unpark` before `park_timeout` is remembered, so a wake-up cannot be lost in between.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::thread::Thread;
use std::time::Duration;

#[derive(Default)]
pub struct Doze {
    dozing: AtomicBool,
    dozer: Mutex<Option<Thread>>,
}

impl Doze {
    /// Sleeps the calling thread (the leader) for at most `bound`, or until `end`.
    pub fn sleep(&self, bound: Duration) {
        *crate::connection::lock(&self.dozer) = Some(std::thread::current());
        self.dozing.store(true, Ordering::SeqCst);
        std::thread::park_timeout(bound);
        self.dozing.store(false, Ordering::SeqCst);
    }

    /// Ends a doze in progress; one atomic load when there is none (the common case).
    pub fn end(&self) {
        if self.dozing.load(Ordering::SeqCst) {
            if let Some(t) = crate::connection::lock(&self.dozer).as_ref() {
                t.unpark();
            }
        }
    }

    pub fn is_dozing(&self) -> bool {
        self.dozing.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Instant;

    #[test]
    fn a_doze_lasts_at_most_its_bound() {
        let d = Doze::default();
        let t = Instant::now();
        d.sleep(Duration::from_millis(5));
        assert!(!d.is_dozing());
        // park_timeout may return early (spuriously) but never much later on an idle thread
        assert!(t.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn end_wakes_the_dozer() {
        let d = Arc::new(Doze::default());
        let d2 = d.clone();
        let t = Instant::now();
        let h = std::thread::spawn(move || d2.sleep(Duration::from_secs(30)));
        while !d.is_dozing() && !h.is_finished() {
            std::thread::yield_now();
        }
        d.end();
        h.join().unwrap();
        assert!(t.elapsed() < Duration::from_secs(30));
    }
}
