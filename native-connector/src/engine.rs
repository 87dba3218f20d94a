//! The engine: listener, mio Poll, connection slab, ready queue, leader/follower polling.
//!
//! Java threads call `poll`; at most one of them (the leader) waits in epoll and then does
//! the I/O work: accepting, reading and parsing heads, timeouts. Everything it finds ready
//! goes into the ready queue (at most one entry per connection) and each call takes exactly
//! one entry. Other threads wait on a condvar until there is an entry for them or the
//! leadership is free.
//!
//! Adaptive hand-off (as Jetty's AdaptiveExecutionStrategy; measured in README.md "tail
//! latency"): waking a sleeping thread for every queued event makes many threads runnable at
//! once on few cores, and the scheduler's time slices then show up as tail latency. So while
//! as many threads as there are cores are out running requests (`busy`), a queued event is
//! left to them: each comes back through `poll_next` and takes the next event without
//! sleeping. A sleeping poller is handed an event only when fewer threads are busy, or when
//! the event has waited `Config::handoff` (handlers that block); the leader's epoll wait ends
//! at that bound, to the microsecond (handoff_timer.rs). `LYGER_QUEUE_WAIT=1` measures the
//! waits (queue_wait.rs).

use crate::buffer_gauge::BufferGauge;
use crate::config::Config;
use crate::connection::{lock, Conn, Next, Phase};
use crate::cpu_load::CpuLoad;
use crate::doze::Doze;
use crate::event;
use crate::handoff_timer::HandoffTimer;
use crate::io::now_ms;
use crate::queue_wait::{QueueWait, Taker};
use crate::tls::{TlsContext, TlsSession};
use crate::trace;
use mio::net::TcpListener;
use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Registry, Token, Waker};
use std::collections::VecDeque;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};
use std::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

const LISTENER: Token = Token(usize::MAX - 1);
const WAKER: Token = Token(usize::MAX - 2);
const TIMER: Token = Token(usize::MAX - 3);
/// How often the leader scans connections for timeouts.
const SCAN_MS: u64 = 250;

/// The part of the engine that connections keep alive (they may outlive the engine).
pub struct Shared {
    pub cfg: Config,
    waker: Waker,
    /// for connections that start watching writability (a non-blocking send went pending)
    pub registry: Registry,
    /// (token, conn id) of connections a Java thread closed or wants the poller to look at
    pending: Mutex<Vec<(usize, u64)>>,
    /// bytes the connections hold in buffers (buffer_gauge.rs)
    pub buffers: Arc<BufferGauge>,
    stopping: AtomicBool,
    shut: AtomicBool,
    /// -1: connections start with HTTP; else each starts with a PROXY header whose v2 form has at
    /// most this many bytes after its fixed 16 (lyger_engine_proxy_protocol)
    proxy_v2_max: AtomicI64,
    /// TLS listener: every accepted connection gets a session (tls/)
    pub tls: Option<Arc<TlsContext>>,
    /// the leader sleeping instead of watching epoll (doze.rs)
    pub doze: Doze,
}

impl Shared {
    /// Whether new connections expect a PROXY header, with the v2 length bound.
    pub fn proxy_v2_max(&self) -> Option<usize> {
        let max = self.proxy_v2_max.load(Ordering::Relaxed);
        if max < 0 {
            None
        } else {
            Some(max as usize)
        }
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::Acquire)
    }
    pub fn revisit(&self, token: usize, id: u64) {
        lock(&self.pending).push((token, id));
        let _ = self.waker.wake();
        self.doze.end();
    }
}

enum Ev {
    Request(Arc<Conn>),
    Content(Arc<Conn>),
    /// a non-blocking send is over, with its result
    Sent(Arc<Conn>, i32),
}

struct Ready {
    handoff: Duration,
    /// busy threads from which on queued events wait for them (the number of cores)
    max_busy: usize,
    /// Config::doze
    doze: u8,
    /// returns through `poll_next`: the busy threads' progress, which a dozing leader watches
    returns: u64,
    /// while every core is taken, queued events wait for a single busy thread
    cpu: CpuLoad,
    /// events with the time they were queued
    queue: VecDeque<(Ev, Instant)>,
    leader: bool,
    /// threads that took an event and have not come back through `poll_next`
    busy: usize,
    /// pollers waiting on the condvar (neither leading nor busy)
    parked: usize,
}

impl Ready {
    fn is_stale(&self, now: Instant) -> bool {
        self.stale_at().is_some_and(|at| now >= at)
    }
    /// Whether a poller that is not coming back from a request may take the head event.
    fn may_take(&mut self, now: Instant) -> bool {
        if self.queue.is_empty() {
            return false;
        }
        // another busy thread only helps when it gets a core of its own (cpu_load.rs)
        self.busy == 0 || (self.busy < self.max_busy && !self.cpu.saturated(now)) || self.is_stale(now)
    }
    /// Whether a new leader dozes rather than blocks in epoll (doze.rs): the busy threads take
    /// every core the engine would use; they take what is queued and poll epoll themselves
    /// when they come back.
    fn may_doze(&mut self, now: Instant) -> bool {
        match self.doze {
            0 => false,
            1 => self.busy >= self.max_busy,
            _ => self.busy >= self.max_busy || (self.busy > 0 && self.cpu.saturated(now)),
        }
    }
    /// Whether a thread back from its request, about to take the head event, should wake a
    /// parked poller for the next one: more are queued, fewer threads than cores would be busy,
    /// and a core runs nothing right now (the load generator or another process waiting for
    /// its responses, say). Without this the spare core idles until the next event goes stale
    /// (README.md, "idle core"): the leader last looked at the run queue when epoll woke it,
    /// which is when the sender of the new bytes was running. The clock and the run queue are
    /// read only when the cheap conditions hold: this runs after every request.
    fn wants_helper(&mut self) -> bool {
        self.queue.len() > 1 && self.parked > 0 && self.busy + 1 < self.max_busy && self.cpu.core_idle(Instant::now())
    }
    /// When the head event goes stale: the instant the leader's epoll wait must end by.
    fn stale_at(&self) -> Option<Instant> {
        self.queue.front().and_then(|(_, at)| at.checked_add(self.handoff))
    }
}

#[derive(Default)]
struct Slab {
    entries: Vec<Option<Arc<Conn>>>,
    free: Vec<usize>,
    count: usize,
}

impl Slab {
    fn vacant(&mut self) -> usize {
        match self.free.pop() {
            Some(i) => i,
            None => {
                self.entries.push(None);
                self.entries.len() - 1
            }
        }
    }
    fn get(&self, token: usize, id: u64) -> Option<&Arc<Conn>> {
        match self.entries.get(token) {
            Some(Some(c)) if c.id == id => Some(c),
            _ => None,
        }
    }
}

struct PollState {
    poll: Poll,
    events: Events,
    next_scan_ms: u64,
    /// events found during one round, pushed to the ready queue in one go
    batch: Vec<Ev>,
    /// ends the epoll wait when the head event goes stale (None: no timerfd, or
    /// `LYGER_HANDOFF_TIMER=0`; the epoll timeout then rounds up to whole milliseconds)
    timer: Option<HandoffTimer>,
}

pub struct Engine {
    shared: Arc<Shared>,
    registry: Registry,
    poll: Mutex<PollState>,
    conns: Mutex<Slab>,
    listener: Mutex<Option<TcpListener>>,
    ready: Mutex<Ready>,
    ready_cv: Condvar,
    port: u16,
    next_id: AtomicU64,
    /// accept() stopped on a resource error (EMFILE, ENOBUFS...): the listener is edge-triggered,
    /// so the periodic scan must try again or the backlog would wait for the next connection.
    accept_retry: AtomicBool,
    open: AtomicUsize,
    force_scan: AtomicBool,
    /// `LYGER_QUEUE_WAIT=1`: the queue-to-take histogram (queue_wait.rs)
    queue_wait: Option<QueueWait>,
    /// `config::idle_wake()`: wake a parked poller for an idle core (`Ready::wants_helper`)
    idle_wake: bool,
}

fn resolve(host: &str, port: u16) -> Result<SocketAddr, String> {
    let ip = match host {
        "" | "0.0.0.0" | "*" => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        "::" | "[::]" => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
        h => match h.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
            Ok(ip) => ip,
            Err(_) => {
                return (h, port)
                    .to_socket_addrs()
                    .map_err(|e| format!("cannot resolve host {h}: {e}"))?
                    .next()
                    .ok_or_else(|| format!("cannot resolve host {h}"))
            }
        },
    };
    Ok(SocketAddr::new(ip, port))
}

impl Engine {
    pub fn start(host: &str, port: u16, backlog: i32, cfg: Config) -> Result<Engine, String> {
        Engine::start_with(host, port, backlog, cfg, None)
    }

    /// `start`, terminating TLS on every connection when `tls` is given.
    pub fn start_with(host: &str, port: u16, backlog: i32, cfg: Config, tls: Option<TlsContext>) -> Result<Engine, String> {
        let addr = resolve(host, port)?;
        let bind_err = |e: std::io::Error| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                format!("address {addr} is already in use")
            } else {
                format!("cannot listen on {addr}: {e}")
            }
        };
        // std sets SO_REUSEADDR; a second listen() on Linux just updates the backlog
        let std_listener = std::net::TcpListener::bind(addr).map_err(bind_err)?;
        // SAFETY: a valid listening fd.
        unsafe { libc::listen(std_listener.as_raw_fd(), if backlog > 0 { backlog } else { 1024 }) };
        std_listener.set_nonblocking(true).map_err(bind_err)?;
        let mut listener = TcpListener::from_std(std_listener);
        let port = listener.local_addr().map_err(bind_err)?.port();
        let poll = Poll::new().map_err(|e| format!("epoll: {e}"))?;
        let registry = poll.registry().try_clone().map_err(|e| format!("epoll: {e}"))?;
        registry.register(&mut listener, LISTENER, Interest::READABLE).map_err(|e| format!("epoll: {e}"))?;
        let waker = Waker::new(&registry, WAKER).map_err(|e| format!("eventfd: {e}"))?;
        let (handoff, max_busy, doze) = (cfg.handoff, cfg.max_busy, cfg.doze);
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let cpu = CpuLoad::new(cores, cfg.cpu_aware);
        let idle_wake = cfg.cpu_aware && crate::config::idle_wake();
        let conn_registry = registry.try_clone().map_err(|e| format!("epoll: {e}"))?;
        let timer = if cfg.handoff_timer { HandoffTimer::new(&registry, TIMER) } else { None };
        trace::init_from_env();
        Ok(Engine {
            shared: Arc::new(Shared {
                cfg,
                waker,
                registry: conn_registry,
                pending: Mutex::new(Vec::new()),
                buffers: Arc::new(BufferGauge::default()),
                stopping: AtomicBool::new(false),
                shut: AtomicBool::new(false),
                proxy_v2_max: AtomicI64::new(-1),
                tls: tls.map(Arc::new),
                doze: Doze::default(),
            }),
            registry,
            poll: Mutex::new(PollState {
                poll,
                events: Events::with_capacity(1024),
                next_scan_ms: now_ms() + SCAN_MS,
                batch: Vec::new(),
                timer,
            }),
            conns: Mutex::new(Slab::default()),
            listener: Mutex::new(Some(listener)),
            ready: Mutex::new(Ready { handoff, max_busy, doze, returns: 0, cpu, queue: VecDeque::new(), leader: false, busy: 0, parked: 0 }),
            ready_cv: Condvar::new(),
            port,
            next_id: AtomicU64::new(1),
            accept_retry: AtomicBool::new(false),
            open: AtomicUsize::new(0),
            force_scan: AtomicBool::new(false),
            queue_wait: QueueWait::from_env(),
            idle_wake,
        })
    }

    /// From now on accepted connections start with a PROXY header (ABI.md, "PROXY protocol");
    /// `v2_max` bounds a v2 header after its fixed 16 bytes (0: Jetty's default, 1024; at most 65535).
    pub fn expect_proxy_protocol(&self, v2_max: i32) {
        let max = if v2_max <= 0 { crate::proxy_protocol::V2_MAX_DEFAULT as i64 } else { (v2_max as i64).min(65535) };
        self.shared.proxy_v2_max.store(max, Ordering::Relaxed);
    }

    pub fn port(&self) -> u16 {
        self.port
    }
    pub fn config(&self) -> &Config {
        &self.shared.cfg
    }
    pub fn connections(&self) -> usize {
        self.open.load(Ordering::Relaxed)
    }
    /// Bytes held in connection buffers, closed connections Java still references included.
    pub fn buffer_bytes(&self) -> usize {
        self.shared.buffers.bytes()
    }
    /// TLS handshakes in progress now (-1 for a plain listener).
    pub fn tls_handshakes(&self) -> i64 {
        self.shared.tls.as_ref().map_or(-1, |t| t.handshakes() as i64)
    }
    fn is_shut(&self) -> bool {
        self.shared.shut.load(Ordering::Acquire)
    }

    /// Graceful stop, step 1: no more accepts, idle connections closed (by the poller's
    /// scan, woken now), every later response says Connection: close.
    pub fn stop_accepting(&self) {
        self.shared.stopping.store(true, Ordering::Release);
        if let Some(mut l) = lock(&self.listener).take() {
            let _ = self.registry.deregister(&mut l);
        }
        // the next round scans at once, closing idle connections
        self.force_scan.store(true, Ordering::Release);
        let _ = self.shared.waker.wake();
        self.shared.doze.end();
    }

    pub fn shutdown(&self) {
        if let Some(report) = trace::report() {
            eprint!("{report}");
        }
        self.stop_accepting();
        self.shared.shut.store(true, Ordering::Release);
        {
            let mut slab = lock(&self.conns);
            for c in slab.entries.iter_mut().filter_map(|e| e.take()) {
                c.close_now();
                // no SENT event comes any more (every poll returns -1): Java fails its pending
                // sends itself, and the engine must not touch their memory from now on
                c.drop_pending_send();
                let _ = self.registry.deregister(&mut SourceFd(&c.fd));
            }
            slab.free.clear();
            slab.entries.clear();
            slab.count = 0;
            self.open.store(0, Ordering::Relaxed);
        }
        lock(&self.ready).queue.clear();
        self.ready_cv.notify_all();
        let _ = self.shared.waker.wake();
    }

    /// A waiting poller's call: one event into `out`: its length, 0 on timeout/wake-up with
    /// nothing to do, -1 once shut down.
    pub fn poll(&self, out: &mut [u8], timeout_ms: i32) -> i32 {
        let deadline = Instant::now() + Duration::from_millis(timeout_ms.max(0) as u64);
        let mut g = lock(&self.ready);
        // the busy threads made no progress over a whole doze: lead now whatever they do
        let mut stalled = false;
        loop {
            if self.is_shut() {
                return -1;
            }
            let now = Instant::now();
            if g.may_take(now) {
                match self.take(g, out, Taker::Waiter) {
                    Ok(n) => return n,
                    Err(again) => g = again,
                }
                continue;
            }
            if !g.leader {
                g.leader = true;
                if !stalled && !self.force_scan.load(Ordering::Acquire) && g.may_doze(now) {
                    let seen = g.returns;
                    // at most the hand-off bound, and not past the head event's staleness
                    let until_stale = g.stale_at().map_or(g.handoff, |at| at.saturating_duration_since(now));
                    let bound = g.handoff.min(until_stale).min(deadline.saturating_duration_since(now));
                    drop(g);
                    self.shared.doze.sleep(bound);
                    g = lock(&self.ready);
                    g.leader = false;
                    stalled = g.returns == seen;
                    if !stalled && Instant::now() >= deadline {
                        return if self.is_shut() { -1 } else { 0 };
                    }
                    continue;
                }
                stalled = false;
                let (wait, stale_at) = (deadline.saturating_duration_since(now), g.stale_at());
                drop(g);
                let woken = {
                    let _resign = Resign(self);
                    self.lead(wait, stale_at)
                };
                g = lock(&self.ready);
                let now = Instant::now();
                if g.may_take(now) {
                    // this thread leaves the leadership: another waiter takes it
                    self.ready_cv.notify_one();
                    match self.take(g, out, Taker::Leader) {
                        Ok(n) => return n,
                        Err(again) => g = again,
                    }
                    continue;
                }
                // fresh events wait for busy threads, under this thread's leadership
                if g.queue.is_empty() && (woken || now >= deadline) {
                    return if self.is_shut() { -1 } else { 0 };
                }
                continue;
            }
            if now >= deadline {
                return 0;
            }
            g.parked += 1;
            g = self.ready_cv.wait_timeout(g, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
            g.parked -= 1;
        }
    }

    /// The call of a thread back from the event it took: the next queued event at once, or 0
    /// when there is none (the thread then decides whether to wait in `poll`); -1 once shut down.
    pub fn poll_next(&self, out: &mut [u8]) -> i32 {
        let mut g = lock(&self.ready);
        g.busy = g.busy.saturating_sub(1);
        g.returns += 1;
        let mut polled = false;
        loop {
            if self.is_shut() {
                return -1;
            }
            if g.queue.is_empty() {
                if polled || !self.shared.doze.is_dozing() {
                    // nothing for this thread: a dozing leader watches epoll again
                    self.shared.doze.end();
                    return 0;
                }
                // the leader dozes (doze.rs): this thread polls epoll for it, without waiting
                drop(g);
                polled = true;
                if let Ok(ps) = self.poll.try_lock() {
                    self.round(ps, Duration::ZERO, None);
                }
                g = lock(&self.ready);
                continue;
            }
            if self.idle_wake && g.wants_helper() {
                self.ready_cv.notify_one();
            }
            match self.take(g, out, Taker::Next) {
                Ok(n) => return n,
                Err(again) => g = again,
            }
        }
    }

    /// Takes the head event for the calling thread, which is busy from then on; wakes the
    /// waiters if stale events remain. Err (with the lock again) if it was stale.
    fn take<'a>(&'a self, mut g: MutexGuard<'a, Ready>, out: &mut [u8], taker: Taker) -> Result<i32, MutexGuard<'a, Ready>> {
        let (ev, at) = g.queue.pop_front().expect("take() on an empty queue");
        g.busy += 1;
        let now = Instant::now();
        let more = g.is_stale(now);
        drop(g);
        if let Some(q) = &self.queue_wait {
            // a SENT event's time is moved back to make it stale (lead): not a wait
            if !matches!(ev, Ev::Sent(..)) {
                q.record(taker, now.saturating_duration_since(at));
            }
        }
        if more {
            self.ready_cv.notify_all();
        }
        match self.deliver(ev, out) {
            Some(n) => Ok(n as i32),
            None => {
                let mut g = lock(&self.ready);
                g.busy -= 1;
                Err(g)
            }
        }
    }

    /// Turns a queued event into bytes; None if it is stale (connection closed meanwhile).
    fn deliver(&self, ev: Ev, out: &mut [u8]) -> Option<usize> {
        match ev {
            Ev::Request(c) => {
                let n = {
                    let mut st = c.st.lock();
                    st.queued = false;
                    if c.is_closed() {
                        return None;
                    }
                    c.encode_request(&mut st, out)?
                };
                if trace::on() {
                    c.trace.set(trace::TAKEN, trace::now_ns());
                }
                let _ = Arc::into_raw(c); // Java owns this reference now
                Some(n)
            }
            Ev::Content(c) => {
                c.st.lock().queued = false;
                if out.len() < event::CONTENT_LEN {
                    return None;
                }
                let n = event::encode_content(out, Arc::as_ptr(&c) as u64);
                let _ = Arc::into_raw(c);
                Some(n)
            }
            Ev::Sent(c, result) => {
                // delivered even when the connection closed meanwhile: Java waits for it
                if out.len() < event::SENT_LEN {
                    return None;
                }
                let n = event::encode_sent(out, Arc::as_ptr(&c) as u64, result);
                let _ = Arc::into_raw(c);
                Some(n)
            }
        }
    }

    /// One leader round: wait in epoll (at most `timeout`, and until `stale_at` when an event
    /// is queued), then do the I/O. Returns true when woken by the waker (so the caller may
    /// return 0 early, as ABI.md allows).
    fn lead(&self, timeout: Duration, stale_at: Option<Instant>) -> bool {
        self.round(lock(&self.poll), timeout, stale_at)
    }

    /// `lead` with the poll state locked (a busy thread's round for a dozing leader: `try_lock`).
    fn round(&self, mut ps: MutexGuard<'_, PollState>, timeout: Duration, stale_at: Option<Instant>) -> bool {
        let ps = &mut *ps;
        let now = now_ms();
        let until_scan = Duration::from_millis(ps.next_scan_ms.saturating_sub(now));
        let force = self.force_scan.load(Ordering::Acquire);
        let mut timeout = timeout.min(until_scan);
        if let Some(at) = stale_at {
            let now = Instant::now();
            let until_stale = at.saturating_duration_since(now);
            match &mut ps.timer {
                Some(timer) if !force && until_stale > Duration::ZERO && until_stale < timeout => timer.arm(at, now),
                _ => timeout = timeout.min(until_stale),
            }
        }
        let wait = if force { Duration::ZERO } else { round_up_ms(timeout) };
        let entered_ns = if trace::on() { trace::now_ns() } else { 0 };
        if let Err(e) = ps.poll.poll(&mut ps.events, Some(wait)) {
            if e.kind() != std::io::ErrorKind::Interrupted {
                return true;
            }
        }
        // under LYGER_TRACE: when this round's wait began and when it saw readiness
        let ready = trace::on().then(|| (entered_ns, trace::now_ns()));
        if self.is_shut() {
            return true;
        }
        let mut woken = false;
        let mut accept = false;
        {
            let mut slab = lock(&self.conns);
            for ev in ps.events.iter() {
                match ev.token() {
                    LISTENER => accept = true,
                    WAKER => woken = true,
                    TIMER => {
                        if let Some(timer) = &mut ps.timer {
                            timer.fired();
                        }
                    }
                    Token(t) => {
                        if let Some(c) = slab.entries.get(t).and_then(|e| e.clone()) {
                            // errors and hang-ups concern both a pending write and a read
                            let gone = ev.is_error() || ev.is_read_closed() || ev.is_write_closed();
                            let (readable, writable) = (ev.is_readable() || gone, ev.is_writable() || gone);
                            let hup = ev.is_read_closed();
                            if let Some((entered_ns, ready_ns)) = ready {
                                // stamps for the request not parsed yet (trace.rs)
                                if readable && c.trace.get(trace::PARSED) == 0 {
                                    c.trace.set(trace::ARRIVE, trace::arrival(c.fd));
                                    c.trace.set(trace::ENTERED, entered_ns);
                                    c.trace.set(trace::READY, ready_ns);
                                }
                            }
                            self.handle(&mut slab, &c, &mut ps.batch, readable, writable, hup);
                        }
                    }
                }
            }
            if accept {
                self.accept(&mut slab);
            }
            let pending = std::mem::take(&mut *lock(&self.shared.pending));
            for (t, id) in pending {
                if let Some(c) = slab.get(t, id).cloned() {
                    self.handle(&mut slab, &c, &mut ps.batch, true, true, false);
                }
            }
            let now = now_ms();
            if now >= ps.next_scan_ms || self.force_scan.swap(false, Ordering::AcqRel) {
                ps.next_scan_ms = now + SCAN_MS;
                if self.accept_retry.swap(false, Ordering::AcqRel) {
                    self.accept(&mut slab);
                }
                self.scan(&mut slab, now, &mut ps.batch);
                if let Some(q) = &self.queue_wait {
                    q.print_if_due(Instant::now());
                }
            }
        }
        if !ps.batch.is_empty() {
            // no wake-up here: the leader (or a busy thread) takes them, see the module comment
            let at = Instant::now();
            let mut ready = lock(&self.ready);
            // A SENT event completes a write that a blocked thread or a WriteListener waits
            // for: the writer counts as busy but is not runnable, so holding the event for busy
            // threads would only delay it. It goes first, as if already stale.
            let stale = at.checked_sub(ready.handoff).unwrap_or(at);
            let threads = (ready.busy as u64) << 32 | ready.parked as u64;
            for ev in ps.batch.drain(..) {
                if let (true, Ev::Request(c)) = (trace::on(), &ev) {
                    c.trace.set(trace::THREADS, threads);
                }
                if matches!(ev, Ev::Sent(..)) {
                    ready.queue.push_front((ev, stale));
                } else {
                    ready.queue.push_back((ev, at));
                }
            }
        }
        woken
    }

    fn accept(&self, slab: &mut Slab) {
        let guard = lock(&self.listener);
        let listener = match guard.as_ref() {
            Some(l) => l,
            None => return,
        };
        loop {
            let (stream, remote) = match listener.accept() {
                Ok(x) => x,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                Err(e) if matches!(e.kind(), std::io::ErrorKind::Interrupted | std::io::ErrorKind::ConnectionAborted) => continue,
                Err(_) => {
                    // EMFILE & co: retried by the periodic scan (see accept_retry)
                    self.accept_retry.store(true, Ordering::Release);
                    break;
                }
            };
            let _ = stream.set_nodelay(true);
            if trace::on() {
                trace::stamp_arrivals(stream.as_raw_fd());
            }
            let local = match stream.local_addr() {
                Ok(a) => a,
                Err(_) => continue,
            };
            // SAFETY: we take over the fd mio just gave us (non-blocking, close-on-exec).
            let std_stream = unsafe { std::net::TcpStream::from_raw_fd(stream.into_raw_fd()) };
            let token = slab.vacant();
            let id = self.next_id.fetch_add(1, Ordering::Relaxed);
            let tls = self.shared.tls.as_ref().map(|ctx| TlsSession::new(ctx.clone()));
            let conn = Arc::new(Conn::new(id, token, std_stream, remote, local, self.shared.clone(), tls));
            if self
                .registry
                .register(&mut SourceFd(&conn.fd), Token(token), Interest::READABLE)
                .is_err()
            {
                slab.free.push(token);
                continue;
            }
            slab.entries[token] = Some(conn);
            slab.count += 1;
            self.open.store(slab.count, Ordering::Relaxed);
        }
    }

    fn remove(&self, slab: &mut Slab, c: &Arc<Conn>) {
        if let Some(Some(e)) = slab.entries.get(c.token) {
            if e.id == c.id {
                let _ = self.registry.deregister(&mut SourceFd(&c.fd));
                slab.entries[c.token] = None;
                slab.free.push(c.token);
                slab.count -= 1;
                self.open.store(slab.count, Ordering::Relaxed);
            }
        }
    }

    /// Readiness (or a revisit request: both) for one connection.
    /// `hup`: the peer shut its side down (its FIN is queued behind whatever it sent).
    fn handle(&self, slab: &mut Slab, c: &Arc<Conn>, batch: &mut Vec<Ev>, readable: bool, writable: bool, hup: bool) {
        if writable {
            c.flush_transport();
        }
        if writable || c.is_closed() {
            if let Some(result) = c.continue_send() {
                batch.push(Ev::Sent(c.clone(), result));
            }
        }
        if c.is_closed() {
            // an armed send that could not be failed yet keeps it until its SENT event is out
            if !c.send_is_armed() {
                self.remove(slab, c);
            }
            return;
        }
        if !readable {
            return;
        }
        let mut st = c.st.lock();
        st.readable = true;
        st.peer_closed |= hup;
        match st.phase {
            Phase::Idle => {
                if st.queued {
                    return;
                }
                match c.advance_idle(&mut st) {
                    Next::Dispatch => {
                        st.queued = true;
                        batch.push(Ev::Request(c.clone()));
                    }
                    Next::Wait => {}
                    Next::Close => {
                        drop(st);
                        c.close_now();
                        self.remove(slab, c);
                    }
                    Next::Drain => c.begin_drain(&mut st),
                    Next::Reject(e) => c.reject(&mut st, e),
                }
            }
            Phase::Dispatched | Phase::Upgraded => {
                // Java reads the body (or the upgraded bytes) itself; just pass the news on if it asked for it
                if st.demand && !st.queued {
                    st.demand = false;
                    st.queued = true;
                    batch.push(Ev::Content(c.clone()));
                }
            }
            Phase::Draining => {
                if c.drain(&mut st) {
                    drop(st);
                    c.close_now();
                    self.remove(slab, c);
                }
            }
        }
    }

    fn scan(&self, slab: &mut Slab, now: u64, batch: &mut Vec<Ev>) {
        let mut dead = Vec::new();
        for c in slab.entries.iter().flatten() {
            if let Some(result) = c.send_timed_out(now).or_else(|| if c.is_closed() { c.continue_send() } else { None }) {
                batch.push(Ev::Sent(c.clone(), result));
            }
            if c.is_closed() {
                if !c.send_is_armed() {
                    dead.push(c.clone());
                }
                continue;
            }
            // a connection busy in a Java thread is checked next time
            if let Ok(mut st) = c.st.try_lock() {
                if c.check_timeouts(&mut st, now) {
                    batch.push(Ev::Content(c.clone()));
                }
            }
            c.flush_pending_nb();
            if c.is_closed() && !c.send_is_armed() {
                dead.push(c.clone());
            }
        }
        for c in dead {
            self.remove(slab, &c);
        }
    }
}

/// An epoll timeout in whole milliseconds, rounded up: mio 0.8 truncates, and a wait for the
/// hand-off bound that truncates to 0 would spin.
fn round_up_ms(d: Duration) -> Duration {
    Duration::from_millis(d.as_nanos().div_ceil(1_000_000).min(u64::MAX as u128) as u64)
}

/// Frees the leadership when a leader round ends, even by a panic (the panic is then caught at
/// the FFI boundary, and the waiters must not wait for a leader that is gone).
struct Resign<'a>(&'a Engine);

impl Drop for Resign<'_> {
    fn drop(&mut self) {
        lock(&self.0.ready).leader = false;
        if std::thread::panicking() {
            self.0.ready_cv.notify_all();
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.shutdown();
    }
}
