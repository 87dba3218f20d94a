//! The gauge of bytes the engine holds in connection buffers (`lyger_engine_buffer_bytes`).
//!
//! A connection's buffers change size in many places, some deep in the parser and the encoders:
//! the input buffer grows with a request and is freed after idling, the header index and a chunked
//! body's trailer section grow while parsing, the response scratch and the batch of pipelined
//! responses while sending. Rather than a count at each of those places (one missed, now or in a
//! later change, and the gauge drifts for ever), each of a connection's two states sits in a
//! `Counted` mutex: when a guard is released it adds to the engine's gauge how much the state's
//! buffers changed since the previous release, and dropping the state takes back what it added.
//! So the gauge is exact whenever no connection lock is held (a buffer a thread has taken out of
//! its state, such as a batch `complete` is writing, is not counted meanwhile); it costs a few
//! loads per unlock and an atomic add only when a size changed; and no code can change a state
//! without it. Summing on demand instead would need every connection's write lock, which a
//! blocked writer holds for up to the idle timeout.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError, TryLockResult};

/// A state that owns buffers: the bytes they have allocated (capacity, not the bytes in use).
pub trait HoldsBuffers {
    fn buffer_bytes(&self) -> usize;
}

/// The engine's total. Connections keep it alive: they may outlive the engine.
#[derive(Default)]
pub struct BufferGauge(AtomicUsize);

impl BufferGauge {
    pub fn bytes(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }

    fn change(&self, from: usize, to: usize) {
        // Each state's changes are made under its lock, so its additions come before its
        // subtractions and the total never wraps.
        if to > from {
            self.0.fetch_add(to - from, Ordering::Relaxed);
        } else if from > to {
            self.0.fetch_sub(from - to, Ordering::Relaxed);
        }
    }
}

struct Tracked<T> {
    state: T,
    /// what this state added to the gauge, as of its last release
    counted: usize,
}

/// A mutex whose state's buffers are counted in a gauge.
pub struct Counted<T: HoldsBuffers> {
    m: Mutex<Tracked<T>>,
    gauge: Arc<BufferGauge>,
}

impl<T: HoldsBuffers> Counted<T> {
    pub fn new(state: T, gauge: Arc<BufferGauge>) -> Counted<T> {
        let counted = state.buffer_bytes();
        gauge.change(0, counted);
        Counted { m: Mutex::new(Tracked { state, counted }), gauge }
    }

    /// A poisoned lock only means another thread panicked inside; the state is still usable
    /// enough to answer "closed" and clean up (as `connection::lock`).
    pub fn lock(&self) -> CountedGuard<'_, T> {
        self.guard(self.m.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// As `Mutex::try_lock`.
    pub fn try_lock(&self) -> TryLockResult<CountedGuard<'_, T>> {
        match self.m.try_lock() {
            Ok(g) => Ok(self.guard(g)),
            Err(TryLockError::Poisoned(e)) => Err(TryLockError::Poisoned(PoisonError::new(self.guard(e.into_inner())))),
            Err(TryLockError::WouldBlock) => Err(TryLockError::WouldBlock),
        }
    }

    fn guard<'a>(&'a self, g: MutexGuard<'a, Tracked<T>>) -> CountedGuard<'a, T> {
        CountedGuard { g, gauge: &self.gauge }
    }
}

impl<T: HoldsBuffers> Drop for Counted<T> {
    fn drop(&mut self) {
        let t = self.m.get_mut().unwrap_or_else(PoisonError::into_inner);
        self.gauge.change(t.counted, 0);
    }
}

/// Counts the state's buffers when released, before the lock is.
pub struct CountedGuard<'a, T: HoldsBuffers> {
    g: MutexGuard<'a, Tracked<T>>,
    gauge: &'a BufferGauge,
}

impl<T: HoldsBuffers> Deref for CountedGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.g.state
    }
}

impl<T: HoldsBuffers> DerefMut for CountedGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.g.state
    }
}

impl<T: HoldsBuffers> Drop for CountedGuard<'_, T> {
    fn drop(&mut self) {
        let now = self.g.state.buffer_bytes();
        let was = std::mem::replace(&mut self.g.counted, now);
        self.gauge.change(was, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl HoldsBuffers for Vec<u8> {
        fn buffer_bytes(&self) -> usize {
            self.capacity()
        }
    }

    #[test]
    fn follows_growth_and_release_and_drop() {
        let gauge = Arc::new(BufferGauge::default());
        let a = Counted::new(Vec::with_capacity(100), gauge.clone());
        let b = Counted::new(Vec::new(), gauge.clone());
        assert_eq!(gauge.bytes(), 100);
        {
            let mut g = b.lock();
            g.reserve_exact(4096);
            // counted when released, not before
            assert_eq!(gauge.bytes(), 100);
        }
        assert_eq!(gauge.bytes(), 4196);
        *a.lock() = Vec::new();
        assert_eq!(gauge.bytes(), 4096);
        a.try_lock().ok().unwrap().reserve_exact(10);
        assert_eq!(gauge.bytes(), 4106);
        drop(b);
        assert_eq!(gauge.bytes(), 10);
        drop(a);
        assert_eq!(gauge.bytes(), 0);
    }

    #[test]
    fn a_state_changed_under_a_poisoned_lock_is_still_counted() {
        let gauge = Arc::new(BufferGauge::default());
        let c = Counted::new(Vec::new(), gauge.clone());
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut g = c.lock();
            g.reserve_exact(64);
            panic!("inside the lock");
        }));
        assert_eq!(gauge.bytes(), 64);
        match c.try_lock() {
            Err(TryLockError::Poisoned(e)) => e.into_inner().reserve_exact(128),
            _ => panic!("the lock is poisoned"),
        }
        assert_eq!(gauge.bytes(), 128);
        c.lock().shrink_to_fit();
        assert_eq!(gauge.bytes(), 0);
    }
}
