//! Where a request's time goes inside the server, stage by stage, for the tail-latency work
//! (bench/README.md "Tail at 16 connections"). Off unless `LYGER_TRACE=N` (N >= 1: every Nth
//! request the engine completes is kept) at engine start; when off, each hook is one
//! relaxed load of a static flag. When on, accepted sockets get `SO_TIMESTAMPNS`, so the kernel's
//! arrival time of a request's first bytes can be peeked (`recvmsg(MSG_PEEK)`, one extra syscall
//! per readable round, only in this mode), and each connection's slot (`Slot`) collects stamps
//! (CLOCK_REALTIME, the kernel's clock for socket timestamps):
//!
//! arrive (kernel) → ready (the leader's epoll returned) → parsed (head complete) → taken (a
//! thread took the event: Java's handler starts) → send (Java's first `lyger_send`) → sent (its
//! last write returned) → done (`lyger_complete`: Java is back)
//!
//! plus when the epoll wait that found the request began (`entered`), which splits arrive>ready
//! into the time the request sat with no thread in `epoll_wait` (`no poller`: it arrived before
//! the wait began) and the time the woken leader took to run (`poller wake`), and the busy threads
//! and parked pollers when it was queued. The latest
//! `MAX_RECORDS` requests are kept (72 bytes each); the engine prints the percentiles of each
//! stage, and which stage the slowest 1 % spent their time in, when it shuts down.
//! Hand-written: a few stamps and a sort, no crate measures this.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

static ON: AtomicBool = AtomicBool::new(false);
static EVERY: AtomicU64 = AtomicU64::new(1);
static SEEN: AtomicU64 = AtomicU64::new(0);
static KEPT: AtomicU64 = AtomicU64::new(0);
static RECORDS: Mutex<Vec<[u64; FIELDS]>> = Mutex::new(Vec::new());
const MAX_RECORDS: usize = 1 << 18;

pub const ARRIVE: usize = 0;
pub const READY: usize = 1;
/// when the leader's epoll wait that found the request began
pub const ENTERED: usize = 2;
pub const PARSED: usize = 3;
/// busy threads << 32 | parked pollers, when the event was queued
pub const THREADS: usize = 4;
pub const TAKEN: usize = 5;
pub const SEND: usize = 6;
pub const SENT: usize = 7;
/// `lyger_complete`: Java's handler returned
const DONE: usize = 8;
const FIELDS: usize = 9;

/// Reads `LYGER_TRACE` (called at engine start).
pub fn init_from_env() {
    if let Some(n) = std::env::var("LYGER_TRACE").ok().and_then(|v| v.trim().parse::<u64>().ok()).filter(|&n| n > 0) {
        EVERY.store(n, Ordering::Relaxed);
        ON.store(true, Ordering::Release);
    }
}

#[inline]
pub fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Nanoseconds on CLOCK_REALTIME (what `SO_TIMESTAMPNS` stamps with).
pub fn now_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: valid pointer to a timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// One connection's stamps for the request in progress.
#[derive(Default)]
pub struct Slot([AtomicU64; FIELDS]);

impl Slot {
    #[inline]
    pub fn set(&self, field: usize, v: u64) {
        self.0[field].store(v, Ordering::Relaxed);
    }
    #[inline]
    pub fn get(&self, field: usize) -> u64 {
        self.0[field].load(Ordering::Relaxed)
    }
    /// Sets `field` to now unless already set (the first send of a response).
    pub fn first(&self, field: usize) {
        if self.0[field].load(Ordering::Relaxed) == 0 {
            self.set(field, now_ns());
        }
    }
    /// Java is back (`lyger_complete`): the request's stamps become a record, the slot is reset.
    pub fn done(&self) {
        let mut r: [u64; FIELDS] = std::array::from_fn(|i| self.0[i].swap(0, Ordering::Relaxed));
        r[DONE] = now_ns();
        if r[PARSED] == 0 || r[TAKEN] == 0 || r[SENT] == 0 {
            return;
        }
        if SEEN.fetch_add(1, Ordering::Relaxed) % EVERY.load(Ordering::Relaxed) != 0 {
            return;
        }
        let kept = KEPT.fetch_add(1, Ordering::Relaxed) as usize;
        let mut records = RECORDS.lock().unwrap_or_else(|e| e.into_inner());
        if records.len() < MAX_RECORDS {
            if records.capacity() == 0 {
                records.reserve_exact(MAX_RECORDS);
            }
            records.push(r);
        } else {
            // a ring: the report covers the latest requests (after a warm-up, the measured run)
            records[kept % MAX_RECORDS] = r;
        }
    }
}

/// Asks the kernel to stamp arriving data on `fd` (trace mode only).
pub fn stamp_arrivals(fd: i32) {
    let one: libc::c_int = 1;
    // SAFETY: a valid socket and option value.
    unsafe {
        libc::setsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_TIMESTAMPNS,
            &one as *const libc::c_int as *const libc::c_void,
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
}

/// The kernel's arrival time of the oldest unread bytes on `fd` (ns, CLOCK_REALTIME), 0 if none.
pub fn arrival(fd: i32) -> u64 {
    let mut byte = [0u8; 1];
    let mut iov = libc::iovec { iov_base: byte.as_mut_ptr() as *mut libc::c_void, iov_len: 1 };
    let mut control = [0u64; 8];
    // SAFETY: msghdr is plain data; every pointer set below outlives the call.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.as_mut_ptr() as *mut libc::c_void;
    msg.msg_controllen = std::mem::size_of_val(&control) as _;
    // SAFETY: a valid socket and msghdr; MSG_PEEK leaves the bytes for the real read.
    let n = unsafe { libc::recvmsg(fd, &mut msg, libc::MSG_PEEK | libc::MSG_DONTWAIT) };
    if n <= 0 {
        return 0;
    }
    // SAFETY: walking the control messages the kernel just wrote into `control`.
    unsafe {
        let mut c = libc::CMSG_FIRSTHDR(&msg);
        while !c.is_null() {
            if (*c).cmsg_level == libc::SOL_SOCKET && (*c).cmsg_type == libc::SCM_TIMESTAMPNS {
                let ts = std::ptr::read_unaligned(libc::CMSG_DATA(c) as *const libc::timespec);
                return ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64;
            }
            c = libc::CMSG_NXTHDR(&msg, c);
        }
    }
    0
}

/// The stages of a record, in µs: (name, value); None where a stamp is missing.
const STAGES: [&str; 9] =
    ["arrive>ready", "ready>parsed", "parsed>taken", "taken>send", "send>sent", "sent>done", " of a>r: no poller", " of a>r: poller wake", "total arrive>sent"];
const TOTAL: usize = 8;
/// the stages that add up to the total (the two after them split the first)
const PARTS: usize = 5;

fn stages(r: &[u64; FIELDS]) -> [Option<f64>; 9] {
    let d = |a: u64, b: u64| (a != 0 && b != 0).then(|| b.saturating_sub(a) as f64 / 1000.0);
    let first = if r[ARRIVE] != 0 { r[ARRIVE] } else { r[READY] };
    [
        d(r[ARRIVE], r[READY]),
        d(r[READY], r[PARSED]),
        d(r[PARSED], r[TAKEN]),
        d(r[TAKEN], r[SEND]),
        d(r[SEND], r[SENT]),
        d(r[SENT], r[DONE]),
        d(r[ARRIVE], r[ENTERED].max(r[ARRIVE])),
        d(r[ENTERED].max(r[ARRIVE]), r[READY]),
        d(first, r[SENT]),
    ]
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The report of what was recorded (and clears it); None when nothing was.
pub fn report() -> Option<String> {
    let records = std::mem::take(&mut *RECORDS.lock().unwrap_or_else(|e| e.into_inner()));
    KEPT.store(0, Ordering::Relaxed);
    (!records.is_empty()).then(|| report_of(&records))
}

fn report_of(records: &[[u64; FIELDS]]) -> String {
    let rows: Vec<[Option<f64>; 9]> = records.iter().map(stages).collect();
    let mut out = format!("lyger trace: {} requests (every {}th); µs per stage: p50 p90 p99 p99.9 max\n", rows.len(), EVERY.load(Ordering::Relaxed));
    for (i, name) in STAGES.iter().enumerate() {
        let mut v: Vec<f64> = rows.iter().filter_map(|r| r[i]).collect();
        v.sort_by(|a, b| a.total_cmp(b));
        out += &format!(
            "  {name:<22} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1}  (n={})\n",
            percentile(&v, 0.5),
            percentile(&v, 0.9),
            percentile(&v, 0.99),
            percentile(&v, 0.999),
            v.last().copied().unwrap_or(0.0),
            v.len()
        );
    }
    // the slowest 1 % by arrive>sent (at least one request)
    let mut timed: Vec<&[Option<f64>; 9]> = rows.iter().filter(|r| r[TOTAL].is_some()).collect();
    timed.sort_by(|a, b| b[TOTAL].unwrap_or(0.0).total_cmp(&a[TOTAL].unwrap_or(0.0)));
    timed.truncate(timed.len().div_ceil(100));
    let tail = timed;
    let from = tail.last().and_then(|r| r[TOTAL]).unwrap_or(0.0);
    out += &format!("  the slowest 1 % by total, {} requests (from {from:.1} µs): mean µs per stage, and how many had it as their largest:\n", tail.len());
    let mut largest = [0usize; PARTS];
    for r in &tail {
        let mut best = (0, -1.0);
        for (i, v) in r.iter().take(PARTS).enumerate() {
            if let Some(v) = v {
                if *v > best.1 {
                    best = (i, *v);
                }
            }
        }
        largest[best.0] += 1;
    }
    for (i, name) in STAGES.iter().enumerate().take(TOTAL) {
        let v: Vec<f64> = tail.iter().filter_map(|r| r[i]).collect();
        let mean = if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
        let count = if i < PARTS { format!("{}", largest[i]) } else { "-".into() };
        out += &format!("  {name:<22} {mean:>8.1}  largest in {count}\n");
    }
    let threads = |r: &[u64; FIELDS]| (r[THREADS] >> 32, r[THREADS] & 0xffff_ffff);
    let mut hist = std::collections::BTreeMap::new();
    for r in records {
        *hist.entry(threads(r)).or_insert(0usize) += 1;
    }
    out += "  (busy threads, parked pollers) when queued: ";
    for ((b, w), n) in hist {
        let share = n as f64 * 100.0 / records.len() as f64;
        if share >= 0.1 {
            out += &format!("({b},{w}) {share:.1}%  ");
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{TcpListener, TcpStream};
    use std::io::Write;
    use std::os::unix::io::AsRawFd;

    #[test]
    fn the_kernel_stamps_arrivals_and_peeking_leaves_the_bytes() {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut c = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (s, _) = l.accept().unwrap();
        stamp_arrivals(s.as_raw_fd());
        // The kernel turns receive timestamps on in a deferred work item, so bytes that arrive
        // before it ran carry no stamp: send again until one does (each message read off).
        let mut stamped = None;
        for _ in 0..200 {
            let before = now_ns();
            c.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
            let mut buf = [0u8; 64];
            let mut peek = [0u8; 64];
            // wait for the bytes without reading them
            while s.peek(&mut peek).unwrap() < 18 {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            let at = arrival(s.as_raw_fd());
            let n = std::io::Read::read(&mut &s, &mut buf).unwrap();
            assert_eq!(&buf[..n], b"GET / HTTP/1.1\r\n\r\n", "the peek left the bytes");
            if at != 0 {
                stamped = Some((before, at));
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let (before, at) = stamped.expect("no receive timestamp in 200 messages");
        // the same clock: the stamp is not before the write (1 ms of slack for clock steps)
        assert!(at + 1_000_000 >= before, "arrival {at} before the write at {before}");
    }

    #[test]
    fn stages_are_the_stamps_differences_and_the_tail_is_named() {
        // arrived at 1 µs, the epoll wait began at 2.5 µs
        let r = [1_000, 3_000, 2_500, 4_000, 1 << 32 | 2, 10_000, 11_000, 12_000, 15_000];
        let s = stages(&r);
        assert_eq!(s[0], Some(2.0));
        assert_eq!(s[2], Some(6.0));
        assert_eq!(s[5], Some(3.0));
        assert_eq!(s[6], Some(1.5));
        assert_eq!(s[7], Some(0.5));
        assert_eq!(s[TOTAL], Some(11.0));
        let t = [0, 3_000, 0, 4_000, 0, 5_000, 6_000, 7_000, 8_000];
        // without a kernel stamp the total starts at the epoll return
        assert_eq!(stages(&t)[TOTAL], Some(4.0));
        assert_eq!(stages(&t)[0], None);
        // 99 quick requests and one slow in Java
        let mut records = vec![t; 99];
        records.push([0, 3_000, 0, 4_000, 0, 5_000, 900_000, 901_000, 902_000]);
        let text = report_of(&records);
        assert!(text.contains("100 requests"), "{text}");
        assert!(text.contains("the slowest 1 % by total, 1 requests (from 898.0 µs)"), "{text}");
        let java = text.lines().filter(|l| l.trim_start().starts_with("taken>send")).last().unwrap();
        assert!(java.contains("largest in 1"), "{text}");
    }
}
