//! Non-blocking sends (SEND_ASYNC, lyger_send_arm, SENT events) over real sockets: a client
//! that does not read fills the socket, the send goes pending, and the engine finishes it
//! (or fails it) on its own.
mod common;

use common::*;
use std::io::{BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::io::AsRawFd;
use std::time::{Duration, Instant};

/// Far more than the socket buffers of both ends hold with a small client receive buffer.
const LARGE: usize = 16 << 20;


fn get(c: &mut TcpStream, target: &str) {
    c.write_all(format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes()).unwrap();
}

fn assert_pattern(body: &[u8], size: usize) {
    assert_eq!(body.len(), size);
    if let Some(i) = (0..size).find(|&i| body[i] != pattern(i)) {
        panic!("byte {i} of {size} is {}, not {}", body[i], pattern(i));
    }
}

#[test]
fn small_async_send_is_written_at_once() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    get(&mut c, "/async?size=100&tag=small");
    let r = read_response(&mut BufReader::new(c.try_clone().unwrap()), false).unwrap();
    assert_pattern(&r.body, 100);
    // logged after the send returned: possibly after the client has the response
    assert_eq!(await_log("small", "send=", 5_000).as_deref(), Some("send=0"));
    assert_eq!(logged("small").len(), 1);
}

#[test]
fn pending_send_completes_when_the_client_reads() {
    let s = Server::start(Opts::default());
    let mut c = slow_client(&s);
    get(&mut c, &format!("/async?size={LARGE}&tag=slow&move=1"));
    assert_eq!(await_log("slow", "arm=", 5_000).as_deref(), Some("arm=1"), "{:?}", logged("slow"));
    assert_eq!(logged("slow")[0], "send=1");
    // nothing completes while the client does not read
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(await_log("slow", "sent=", 0), None);
    // the body was moved at arming and the first buffer spoilt: intact bytes prove the move
    let r = read_response(&mut BufReader::new(c.try_clone().unwrap()), false).unwrap();
    assert_pattern(&r.body, LARGE);
    assert_eq!(await_log("slow", "sent=", 5_000).as_deref(), Some("sent=0"));
    // the connection is still good for the next request
    let r = request(&mut c, "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r.status, 200);
}

#[test]
fn pending_send_without_progress_times_out() {
    let s = Server::start(Opts { idle_ms: 500, ..Opts::default() });
    let mut c = slow_client(&s);
    let start = Instant::now();
    get(&mut c, &format!("/async?size={LARGE}&tag=timeout"));
    assert_eq!(await_log("timeout", "arm=", 5_000).as_deref(), Some("arm=1"));
    assert_eq!(await_log("timeout", "sent=", 5_000).as_deref(), Some("sent=-2"), "{:?}", logged("timeout"));
    // idle timeout plus at most one scan period (250 ms), with slack for a loaded machine
    let took = start.elapsed();
    assert!(took >= Duration::from_millis(500) && took < Duration::from_millis(3_000), "{took:?}");
}

#[test]
fn peer_reset_fails_pending_send() {
    let s = Server::start(Opts::default());
    let mut c = slow_client(&s);
    get(&mut c, &format!("/async?size={LARGE}&tag=reset"));
    assert_eq!(await_log("reset", "arm=", 5_000).as_deref(), Some("arm=1"));
    // close with unread data and SO_LINGER 0: RST
    let linger = libc::linger { l_onoff: 1, l_linger: 0 };
    // SAFETY: a valid socket and a linger struct.
    unsafe {
        libc::setsockopt(c.as_raw_fd(), libc::SOL_SOCKET, libc::SO_LINGER, &linger as *const libc::linger as *const libc::c_void, std::mem::size_of::<libc::linger>() as u32)
    };
    drop(c);
    assert_eq!(await_log("reset", "sent=", 5_000).as_deref(), Some("sent=-1"), "{:?}", logged("reset"));
}

#[test]
fn engine_shutdown_drops_pending_send() {
    let mut s = Server::start(Opts::default());
    let mut c = slow_client(&s);
    get(&mut c, &format!("/async?size={LARGE}&tag=stop&wait=1500"));
    assert_eq!(await_log("stop", "arm=", 5_000).as_deref(), Some("arm=1"));
    // no SENT event after shutdown (every poll returns -1): the engine forgets the send, so
    // that Java may fail it and free its buffer; a cancel then finds nothing pending
    s.stop();
    assert_eq!(logged("stop"), vec!["send=1", "arm=1", "sent=none", "cancel=0"]);
    let mut rest = Vec::new();
    let _ = c.read_to_end(&mut rest);
}

#[test]
fn cancel_cuts_the_response_and_closes() {
    let s = Server::start(Opts::default());
    let mut c = slow_client(&s);
    get(&mut c, &format!("/async?size={LARGE}&tag=cancel&wait=300"));
    assert_eq!(await_log("cancel", "cancel=", 5_000).as_deref(), Some("cancel=1"), "{:?}", logged("cancel"));
    let mut got = Vec::new();
    let _ = c.read_to_end(&mut got);
    assert!(got.len() < LARGE, "the whole body arrived after a cancel");
}
