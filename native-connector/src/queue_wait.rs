//! How long events wait in the ready queue, for measuring the hand-off (engine.rs; bench/README.md):
//! a histogram of the time from an event being queued to a thread taking it, by who took it.
//! Off unless `LYGER_QUEUE_WAIT=1` at engine start (then one atomic add per event); the leader
//! prints it to stderr every few seconds while events come, and resets it.
//! Hand-written: a few atomic counters, no crate needed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Who took an event: the takers of the adaptive hand-off.
#[derive(Clone, Copy)]
pub enum Taker {
    /// a thread back from its event (`lyger_poll_next`)
    Next,
    /// the leader, just back from epoll
    Leader,
    /// a poller waiting on the condvar (or entering `lyger_poll`)
    Waiter,
}
const TAKERS: [&str; 3] = ["next", "leader", "waiter"];

/// Bucket i holds waits below 2^i µs (the last one everything longer): 1 µs to 16 ms.
const BUCKETS: usize = 16;
const PRINT_EVERY: Duration = Duration::from_secs(5);

pub struct QueueWait {
    counts: [[AtomicU64; BUCKETS]; 3],
    printed: std::sync::Mutex<Instant>,
}

impl QueueWait {
    /// Some when `LYGER_QUEUE_WAIT=1`.
    pub fn from_env() -> Option<QueueWait> {
        (std::env::var("LYGER_QUEUE_WAIT").ok().as_deref() == Some("1")).then(|| QueueWait {
            counts: Default::default(),
            printed: std::sync::Mutex::new(Instant::now()),
        })
    }

    pub fn record(&self, taker: Taker, waited: Duration) {
        let us = waited.as_micros().min(u64::MAX as u128) as u64;
        let bucket = ((u64::BITS - us.leading_zeros()) as usize).min(BUCKETS - 1);
        self.counts[taker as usize][bucket].fetch_add(1, Ordering::Relaxed);
    }

    /// Prints and resets the histogram when it is due (called by the leader's timeout scan).
    pub fn print_if_due(&self, now: Instant) {
        let Ok(mut printed) = self.printed.try_lock() else { return };
        if now.saturating_duration_since(*printed) < PRINT_EVERY {
            return;
        }
        *printed = now;
        let taken: Vec<[u64; BUCKETS]> =
            self.counts.iter().map(|row| std::array::from_fn(|i| row[i].swap(0, Ordering::Relaxed))).collect();
        let total: u64 = taken.iter().flatten().sum();
        if total == 0 {
            return;
        }
        let mut line = format!("lyger queue wait: {total} events;");
        for (name, row) in TAKERS.iter().zip(&taken) {
            line += &format!(" {name} {}", row.iter().sum::<u64>());
        }
        line += "; by wait (<µs: next/leader/waiter)";
        for i in 0..BUCKETS {
            let n: Vec<u64> = taken.iter().map(|row| row[i]).collect();
            if n.iter().any(|&x| x > 0) {
                let bound = if i == BUCKETS - 1 { "inf".to_string() } else { (1u64 << i).to_string() };
                line += &format!(" <{bound}: {}/{}/{}", n[0], n[1], n[2]);
            }
        }
        eprintln!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_by_powers_of_two() {
        let q = QueueWait { counts: Default::default(), printed: std::sync::Mutex::new(Instant::now()) };
        q.record(Taker::Next, Duration::from_nanos(500));
        q.record(Taker::Leader, Duration::from_micros(3));
        q.record(Taker::Waiter, Duration::from_secs(1));
        assert_eq!(q.counts[0][0].load(Ordering::Relaxed), 1);
        assert_eq!(q.counts[1][2].load(Ordering::Relaxed), 1);
        assert_eq!(q.counts[2][BUCKETS - 1].load(Ordering::Relaxed), 1);
    }
}
