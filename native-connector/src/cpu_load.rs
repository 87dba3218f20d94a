//! Whether every CPU is taken right now, for the adaptive hand-off (engine.rs): a sleeping
//! poller woken while more threads are runnable than there are cores only waits for a CPU
//! beside the others, and the scheduler's time slices then show as tail latency (README.md,
//! "tail latency": with the load generator on the same two cores, one busy thread instead of
//! one per core brought p99 from 3.4x Jetty's to 0.67x). So while the machine is saturated the
//! engine keeps queued events for one busy thread, and uses up to one per core otherwise.
//!
//! The signal is the kernel's count of runnable threads, the fourth field of `/proc/loadavg`
//! (`running/total`), read with `pread` at most every `SAMPLE` (a few microseconds a read).
//! Hand-written: no crate reads this one number. Where the file cannot be read (not Linux,
//! no /proc), the machine counts as never saturated: the hand-off then behaves as before.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::time::{Duration, Instant};

/// How old a reading may be: the run queue changes faster, but a request lasts tens of µs.
const SAMPLE: Duration = Duration::from_millis(1);
/// How old a reading may be when asking for an idle core: a busy thread asks after every
/// request (tens of µs), and a core left idle for a whole `SAMPLE` is what the question avoids.
const SAMPLE_IDLE: Duration = Duration::from_micros(100);

pub struct CpuLoad {
    file: Option<File>,
    cores: usize,
    sampled: Option<Instant>,
    /// the runnable count of the last reading (0 when unreadable)
    running: usize,
}

impl CpuLoad {
    /// `enabled` false (the `LYGER_CPU_AWARE=0` knob, for A/B runs) never reports saturation.
    pub fn new(cores: usize, enabled: bool) -> CpuLoad {
        let file = if enabled { File::open("/proc/loadavg").ok() } else { None };
        CpuLoad { file, cores: cores.max(1), sampled: None, running: 0 }
    }

    /// True when more threads are runnable than there are cores (so one of them waits for a
    /// CPU); the reader itself counts, as it runs.
    pub fn saturated(&mut self, now: Instant) -> bool {
        self.sample(now, SAMPLE).is_some_and(|r| r > self.cores)
    }

    /// Whether a core runs nothing right now, the caller counted: a thread woken now gets a
    /// core of its own instead of waiting beside the others. False when disabled or unreadable.
    pub fn core_idle(&mut self, now: Instant) -> bool {
        self.sample(now, SAMPLE_IDLE).is_some_and(|r| r < self.cores)
    }

    /// The runnable count, read again when the last reading is `max_age` old; None when
    /// disabled or unreadable.
    fn sample(&mut self, now: Instant, max_age: Duration) -> Option<usize> {
        let file = self.file.as_ref()?;
        if self.sampled.map_or(true, |at| now.saturating_duration_since(at) >= max_age) {
            self.sampled = Some(now);
            let mut buf = [0u8; 128];
            self.running = match file.read_at(&mut buf, 0) {
                Ok(n) => running(&buf[..n]).unwrap_or(0),
                Err(_) => 0,
            };
        }
        Some(self.running).filter(|&r| r > 0)
    }
}

/// The runnable count of a `/proc/loadavg` line, e.g. 3 in `0.57 1.81 2.29 3/250 12345`.
pub fn running(loadavg: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(loadavg).ok()?;
    let field = text.split_ascii_whitespace().nth(3)?;
    field.split('/').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_runnable_count() {
        assert_eq!(running(b"0.57 1.81 2.29 3/250 12345\n"), Some(3));
        assert_eq!(running(b"12.00 8.00 4.00 17/1024 99\n"), Some(17));
        assert_eq!(running(b"0.57 1.81 2.29"), None);
        assert_eq!(running(b"garbage"), None);
    }

    #[test]
    fn an_idle_core_is_fewer_runnable_than_cores_and_saturation_more() {
        let path = std::env::temp_dir().join(format!("lyger-loadavg-{}", std::process::id()));
        let reading = |runnable: usize| {
            std::fs::write(&path, format!("0.50 0.40 0.30 {runnable}/321 4242\n")).unwrap();
            let mut load = CpuLoad { file: File::open(&path).ok(), cores: 2, sampled: None, running: 0 };
            let now = Instant::now();
            (load.core_idle(now), load.saturated(now))
        };
        assert_eq!(reading(1), (true, false)); // the caller alone: the other core idles
        assert_eq!(reading(2), (false, false)); // every core runs one thread
        assert_eq!(reading(3), (false, true)); // one waits for a CPU
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn this_machine_has_a_count_and_a_disabled_reader_never_saturates() {
        let text = std::fs::read("/proc/loadavg").expect("/proc/loadavg");
        // the reading thread itself is runnable
        assert!(running(&text).expect("a runnable count") >= 1);
        let mut off = CpuLoad::new(1, false);
        assert!(!off.saturated(Instant::now()));
        assert!(!off.core_idle(Instant::now()));
        // this test's thread runs: with one core, never a spare one
        assert!(!CpuLoad::new(1, true).core_idle(Instant::now()));
    }
}
