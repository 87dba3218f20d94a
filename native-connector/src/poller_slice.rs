//! A short scheduler time slice for the engine's leader (Linux 6.12+ EEVDF "custom slice"), so
//! that the leader, woken in epoll by a request, preempts a thread in the middle of its default
//! slice (PREEMPT_SHORT) instead of waiting for that slice to end (bench/README.md, "Tail at 16
//! connections": the requests above the p99 waited between the leader's wake-up and its run).
//! Only the leader: a short slice for every poller thread (`LYGER_SLICE_US`, tried first) made
//! the serving threads preempted more often, which cost throughput and the tail.
//!
//! `LYGER_LEADER_SLICE_US=N` (100-100000): a thread that becomes the leader takes the slice, and
//! gives it back (the scheduler's default) when it takes an event to serve; a syscall only at those
//! role changes. `LYGER_SLICE_US=N`: every polling thread, at its first poll. Unset or 0: the
//! scheduler's default. Where the kernel has no custom slice the call fails and nothing changes.
//! Hand-written: one syscall; Debian's libc crate has no `sched_attr`.

use std::cell::Cell;
use std::sync::OnceLock;

/// `struct sched_attr` of sched_setattr(2) (version 1, 56 bytes).
#[repr(C)]
struct SchedAttr {
    size: u32,
    policy: u32,
    flags: u64,
    nice: i32,
    priority: u32,
    runtime: u64,
    deadline: u64,
    period: u64,
    util_min: u32,
    util_max: u32,
}

fn env_ns(name: &str) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().parse::<u64>().ok()).map_or(0, |us| us.saturating_mul(1000))
}

fn slice_ns() -> u64 {
    static SLICE: OnceLock<u64> = OnceLock::new();
    *SLICE.get_or_init(|| env_ns("LYGER_SLICE_US"))
}

fn leader_ns() -> u64 {
    static SLICE: OnceLock<u64> = OnceLock::new();
    *SLICE.get_or_init(|| env_ns("LYGER_LEADER_SLICE_US"))
}

thread_local! {
    static DONE: Cell<bool> = const { Cell::new(false) };
    /// this thread holds the leader's short slice
    static SHORT: Cell<bool> = const { Cell::new(false) };
}

/// The calling thread leads: the leader's slice, if configured and not already held.
#[inline]
pub fn leading() {
    let ns = leader_ns();
    if ns > 0 && !SHORT.with(|s| s.replace(true)) {
        set(ns);
    }
}

/// The calling thread serves an event: back to the default slice if it held the leader's.
#[inline]
pub fn serving() {
    if SHORT.with(|s| s.replace(false)) {
        set(0);
    }
}

/// Called on every poll: the first call of each thread sets its slice (when configured).
#[inline]
pub fn apply_once() {
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    let ns = slice_ns();
    if ns > 0 {
        set(ns);
    }
}

/// Sets the calling thread's slice; false where the kernel refused.
pub fn set(ns: u64) -> bool {
    let attr = SchedAttr {
        size: std::mem::size_of::<SchedAttr>() as u32,
        policy: libc::SCHED_OTHER as u32,
        flags: 0,
        nice: 0,
        priority: 0,
        runtime: ns,
        deadline: 0,
        period: 0,
        util_min: 0,
        util_max: 0,
    };
    // SAFETY: a valid sched_attr for the calling thread (pid 0).
    unsafe { libc::syscall(libc::SYS_sched_setattr, 0, &attr as *const SchedAttr, 0) == 0 }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_struct_is_the_kernels_first_version() {
        assert_eq!(std::mem::size_of::<super::SchedAttr>(), 56);
    }

    #[test]
    fn a_thread_can_shorten_its_own_slice_where_the_kernel_has_custom_slices() {
        // on a thread of its own: the slice stays with the thread
        let (ok, sched) = std::thread::spawn(|| (super::set(200_000), std::fs::read_to_string("/proc/thread-self/sched")))
            .join()
            .unwrap();
        // kernels before 6.12 refuse a runtime for SCHED_OTHER (EINVAL): nothing to check there
        if let (true, Ok(sched)) = (ok, sched) {
            let slice = sched.lines().find(|l| l.starts_with("se.slice")).expect("se.slice in /proc/thread-self/sched");
            assert!(slice.trim_end().ends_with(" 200000"), "{slice}");
        }
    }
}
