//! Engine limits and timeouts, as given to `lyger_engine_start` (sanitised), and the
//! tuning knobs of the adaptive hand-off read from the environment (`LYGER_HANDOFF_MS` or
//! `LYGER_HANDOFF_US`, `LYGER_BUSY_THREADS`, `LYGER_CPU_AWARE`, `LYGER_HANDOFF_TIMER`, `LYGER_IDLE_WAKE`;
//! engine.rs), for A/B measurements.

use std::sync::OnceLock;
use std::time::Duration;

/// Initial size of a connection's input buffer; it grows on demand up to `input_cap`.
pub const INITIAL_INPUT: usize = 4096;

#[derive(Clone, Debug)]
pub struct Config {
    /// Longest request line (method SP target SP version, without CRLF): longer -> 414. A
    /// bound of its own besides `max_header_bytes`; LygerConnector passes the same value.
    pub max_request_line: usize,
    /// Longest head, counted as Jetty's `HttpParser` counts `requestHeaderSize`: every byte
    /// from the first of the request (empty lines before the request line included) to the
    /// end of the empty line. Longer -> 431, or 414 when the limit falls in the target
    /// (request_head.rs). It also bounds the number of header lines (`max_headers`).
    pub max_header_bytes: usize,
    /// Largest request body; -1 = unlimited.
    pub max_body_bytes: i64,
    pub idle_timeout_ms: u32,
    pub header_timeout_ms: u32,
    /// Cap of a connection's input buffer: a whole head plus room for body/pipelined bytes.
    /// A full buffer means we stop reading that socket (TCP backpressure).
    pub input_cap: usize,
    /// How long a queued event waits for a busy thread to come back before a sleeping poller
    /// is handed it (engine.rs, "adaptive hand-off"). 1 ms unless `LYGER_HANDOFF_MS` says
    /// otherwise; 0 hands every event to a sleeping poller at once (the design before it,
    /// kept for A/B measurements).
    pub handoff: Duration,
    /// Busy threads from which on queued events wait for them rather than wake a sleeping
    /// poller: the cores this process may use, unless `LYGER_BUSY_THREADS` says otherwise.
    pub max_busy: usize,
    /// Whether a saturated machine (more runnable threads than cores) limits the busy threads
    /// to one (cpu_load.rs). On unless `LYGER_CPU_AWARE=0`.
    pub cpu_aware: bool,
    /// Whether the leader's wait for the hand-off bound ends on a microsecond timer (a timerfd,
    /// handoff_timer.rs) rather than an epoll timeout rounded up to whole milliseconds. On
    /// unless `LYGER_HANDOFF_TIMER=0`.
    pub handoff_timer: bool,
    /// When the leader dozes instead of blocking in epoll (doze.rs): 1 (default) while as many
    /// threads run requests as the engine has cores, 2 also while one does on a saturated
    /// machine (cpu_load.rs), 0 never (`LYGER_DOZE`).
    pub doze: u8,
}

impl Config {
    pub fn new(
        max_request_line: i32,
        max_header_bytes: i32,
        max_body_bytes: i64,
        idle_timeout_ms: i32,
        header_timeout_ms: i32,
    ) -> Config {
        let pos = |v: i32, d: usize| if v > 0 { v as usize } else { d };
        let ms = |v: i32, d: u32| if v > 0 { v as u32 } else { d };
        let max_request_line = pos(max_request_line, 8192).max(16);
        let max_header_bytes = pos(max_header_bytes, 8192).max(16);
        Config {
            max_request_line,
            max_header_bytes,
            max_body_bytes: if max_body_bytes < 0 { -1 } else { max_body_bytes },
            idle_timeout_ms: ms(idle_timeout_ms, 30_000),
            header_timeout_ms: ms(header_timeout_ms, 10_000),
            input_cap: max_request_line + max_header_bytes + 64 * 1024,
            handoff: handoff_tuning().0,
            max_busy: handoff_tuning().1,
            cpu_aware: handoff_tuning().2,
            handoff_timer: handoff_tuning().3,
            doze: handoff_tuning().4,
        }
    }

    /// Most header lines a head can have: the shortest line is "a:" LF (3 bytes).
    pub fn max_headers(&self) -> usize {
        self.max_header_bytes / 3 + 1
    }

    /// Minimum size of an event buffer: a REQUEST event is at most the fixed part, the raw
    /// head's bytes and 6 bytes of length prefixes per header, of which a raw header line's
    /// ':' and line end already pay 2.
    pub fn event_buffer_size(&self) -> usize {
        let fixed = 128;
        fixed + self.max_header_bytes + self.max_headers() * 4
    }
}

/// The hand-off knobs, read once per process: `available_parallelism` reads cgroup files, far
/// too slow for a `Config` made per call (the boundary benchmark's hooks make one per request).
fn handoff_tuning() -> (Duration, usize, bool, bool, u8) {
    static TUNING: OnceLock<(Duration, usize, bool, bool, u8)> = OnceLock::new();
    *TUNING.get_or_init(|| {
        let handoff = match env_number("LYGER_HANDOFF_US") {
            Some(us) => Duration::from_micros(us),
            None => Duration::from_millis(env_number("LYGER_HANDOFF_MS").unwrap_or(1)),
        };
        let max_busy = env_number("LYGER_BUSY_THREADS")
            .map(|n| n.max(1) as usize)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
        let cpu_aware = env_number("LYGER_CPU_AWARE") != Some(0);
        let handoff_timer = env_number("LYGER_HANDOFF_TIMER") != Some(0);
        let doze = env_number("LYGER_DOZE").map_or(1, |n| n.min(2) as u8);
        (handoff, max_busy, cpu_aware, handoff_timer, doze)
    })
}

/// Whether a busy thread wakes a parked poller when a core is idle and events are queued
/// (engine.rs, `wants_helper`). On unless `LYGER_IDLE_WAKE=0`, for A/B measurements; read once.
pub fn idle_wake() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| env_number("LYGER_IDLE_WAKE") != Some(0))
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

impl Default for Config {
    fn default() -> Self {
        Config::new(8192, 8192, -1, 30_000, 10_000)
    }
}
