//! The adaptive hand-off (engine.rs): a queued event goes to a thread coming back from its
//! request (lyger_poll_next) rather than to a sleeping poller, unless it waited longer than
//! the hand-off bound. Its own test binary because it sets LYGER_HANDOFF_MS for the engines
//! of this process.

use lyger::event::{decode, Decoded};
use lyger::*;
use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn start_engine() -> (u64, u16) {
    let mut err = [0u8; 256];
    let e = unsafe { lyger_engine_start(b"127.0.0.1\0".as_ptr() as *const std::os::raw::c_char, 0, 64, 0, 0, -1, 0, 0, err.as_mut_ptr(), 256) };
    assert_ne!(e, 0);
    (e, unsafe { lyger_engine_port(e) } as u16)
}

fn request_conn(buf: &[u8], n: i32) -> u64 {
    match decode(&buf[..n as usize]) {
        Decoded::Request(r) => r.conn,
        _ => panic!("expected a REQUEST event"),
    }
}

/// Polls until a request event arrives (the first round only accepts).
fn poll_request(e: u64, buf: &mut [u8]) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let n = unsafe { lyger_poll(e, buf.as_mut_ptr(), buf.len() as i32, 100) };
        if n > 0 {
            return request_conn(buf, n);
        }
        assert!(Instant::now() < deadline, "no request event");
    }
}

#[test]
fn queued_event_waits_for_the_busy_thread_then_goes_to_a_poller_after_the_bound() {
    // a long bound, so that the outcome does not depend on scheduling: the 150 ms sleep below must end before it,
    // even on a loaded machine where a sleep can overrun by a second or more
    std::env::set_var("LYGER_HANDOFF_MS", "3000");
    // one busy thread is enough to keep events for it (the default is one per core)
    std::env::set_var("LYGER_BUSY_THREADS", "1");
    let (e, port) = start_engine();
    let cap = unsafe { lyger_event_buffer_size(e) } as usize;
    let mut buf = vec![0u8; cap];
    let mut first = TcpStream::connect(("127.0.0.1", port)).unwrap();
    first.write_all(b"GET /1 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let busy_conn = poll_request(e, &mut buf); // this thread is now "busy" with /1

    // a second request, read by another thread that leads the epoll meanwhile
    let mut second = TcpStream::connect(("127.0.0.1", port)).unwrap();
    second.write_all(b"GET /2 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let poller_got = Arc::new(AtomicI32::new(0));
    let got = poller_got.clone();
    let eh = e;
    let poller = std::thread::spawn(move || {
        let mut b = vec![0u8; cap];
        let started = Instant::now();
        // a sleeping poller: it must not be handed /2 before the bound while a thread is busy
        loop {
            let n = unsafe { lyger_poll(eh, b.as_mut_ptr(), cap as i32, 50) };
            if n != 0 || started.elapsed() > Duration::from_secs(30) {
                got.store(n, Ordering::SeqCst);
                return (n, started.elapsed(), if n > 0 { request_conn(&b, n) } else { 0 });
            }
        }
    });
    // the busy thread comes back after 150 ms: /2 waits for it, queued, and it takes it at once
    std::thread::sleep(Duration::from_millis(150));
    assert_eq!(poller_got.load(Ordering::SeqCst), 0, "a sleeping poller took the event before the bound");
    let n = unsafe { lyger_poll_next(e, buf.as_mut_ptr(), cap as i32) };
    assert!(n > 0, "lyger_poll_next did not hand back the queued event");
    let second_conn = request_conn(&buf, n);

    // now both events are out; a third request, with this thread still busy with /2 and
    // never coming back: the poller gets it once it has waited the bound
    let mut third = TcpStream::connect(("127.0.0.1", port)).unwrap();
    third.write_all(b"GET /3 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let (n3, waited, third_conn) = poller.join().unwrap();
    assert!(n3 > 0, "the poller never got the event of a request whose thread stays busy");
    assert!(waited >= Duration::from_millis(3000), "handed over after {waited:?}, before the 3000 ms bound");

    for c in [busy_conn, second_conn, third_conn] {
        unsafe { lyger_abort(c) };
    }
    unsafe {
        lyger_engine_shutdown(e);
        lyger_engine_free(e);
    }
    drop((first, second, third));
}
