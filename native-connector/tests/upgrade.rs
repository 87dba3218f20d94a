//! Protocol upgrade (101, the Upgraded phase): raw bytes both ways over real sockets, driven by
//! the harness's "/upgrade" echo application (common/mod.rs, handle_upgrade).
mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

const UPGRADE: &str = "Host: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n";

/// Sends an upgrade request (plus `extra` bytes right behind its head) and reads the 101.
fn upgrade(c: &mut TcpStream, target: &str, extra: &[u8]) -> (Response, BufReader<TcpStream>) {
    let mut req = format!("GET {target} HTTP/1.1\r\n{UPGRADE}").into_bytes();
    req.extend_from_slice(extra);
    c.write_all(&req).unwrap();
    let mut r = BufReader::new(c.try_clone().unwrap());
    let resp = read_response(&mut r, false).expect("101");
    (resp, r)
}

fn read_exactly<R: Read>(r: &mut R, n: usize) -> String {
    let mut b = vec![0u8; n];
    r.read_exact(&mut b).unwrap();
    String::from_utf8(b).unwrap()
}

fn at_eof<R: BufRead>(r: &mut R) -> bool {
    let mut rest = Vec::new();
    match r.read_to_end(&mut rest) {
        Ok(_) => rest.is_empty(),
        Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
    }
}

fn wait_for_connections(s: &Server, n: i32) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if s.connections() == n {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn the_101_switches_to_raw_bytes_both_ways() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    // bytes right behind the head (even an HTTP request) belong to the new protocol
    let (resp, mut r) = upgrade(&mut c, "/upgrade", b"early GET / HTTP/1.1\r\n\r\n");
    assert_eq!(resp.status, 101);
    assert_eq!(resp.header("upgrade"), Some("echo"));
    assert_eq!(resp.header("connection"), Some("Upgrade"));
    assert!(resp.header("content-length").is_none() && resp.header("transfer-encoding").is_none());
    assert_eq!(read_exactly(&mut r, 24), "early GET / HTTP/1.1\r\n\r\n");
    for msg in ["hello", "over the upgraded connection"] {
        c.write_all(msg.as_bytes()).unwrap();
        assert_eq!(read_exactly(&mut r, msg.len()), msg);
    }
    // our EOF: the application half-closes, lyger_complete closes
    c.shutdown(Shutdown::Write).unwrap();
    assert!(at_eof(&mut r));
    assert!(wait_for_connections(&s, 0), "still {} connections", s.connections());
}

#[test]
fn the_application_may_write_first() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    let (resp, mut r) = upgrade(&mut c, "/upgrade-greet", b"");
    assert_eq!(resp.status, 101);
    assert_eq!(read_exactly(&mut r, 8), "welcome\n");
    c.write_all(b"ping").unwrap();
    assert_eq!(read_exactly(&mut r, 4), "ping");
    // end it before the server stops: else the handler's half-close can race the engine's shutdown
    c.shutdown(Shutdown::Write).unwrap();
    assert!(at_eof(&mut r));
}

#[test]
fn megabytes_echo_with_backpressure() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    let (resp, mut r) = upgrade(&mut c, "/upgrade", b"");
    assert_eq!(resp.status, 101);
    let data: Vec<u8> = (0..4_000_000u32).map(|i| (i % 251) as u8).collect();
    let mut w = c.try_clone().unwrap();
    let sent = data.clone();
    let writer = std::thread::spawn(move || {
        for piece in sent.chunks(100_000) {
            w.write_all(piece).unwrap();
        }
        w.shutdown(Shutdown::Write).unwrap();
    });
    let mut back = Vec::new();
    r.read_to_end(&mut back).unwrap();
    writer.join().unwrap();
    assert_eq!(back.len(), data.len());
    assert!(back == data, "echo differs");
}

#[test]
fn a_101_needs_an_upgrade_header_http_1_1_and_the_body_read() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    let r = request(&mut c, &format!("GET /upgrade-refused HTTP/1.1\r\n{UPGRADE}"));
    assert_eq!((r.status, r.text().as_str()), (409, "rc=-3"));
    let r = request(&mut c, &format!("POST /upgrade-unread HTTP/1.1\r\nContent-Length: 5\r\n{UPGRADE}hello"));
    assert_eq!((r.status, r.text().as_str()), (409, "rc=-3"));
    // nothing was written: still HTTP on that connection
    let r = request(&mut c, "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r.status, 200);
    let r = request(&mut c, &format!("GET /upgrade-unread HTTP/1.0\r\n{UPGRADE}"));
    assert_eq!((r.status, r.text().as_str()), (409, "rc=-3"));
}

#[test]
fn a_read_waiting_longer_than_the_idle_timeout_fails() {
    let s = Server::start(Opts { idle_ms: 400, ..Opts::default() });
    let mut c = s.connect();
    let start = Instant::now();
    let (resp, mut r) = upgrade(&mut c, "/upgrade", b"");
    assert_eq!(resp.status, 101);
    assert_eq!(read_exactly(&mut r, 6), "err=-5");
    assert!(start.elapsed() >= Duration::from_millis(350), "{:?}", start.elapsed());
    assert!(at_eof(&mut r));
}

#[test]
fn an_upgraded_connection_nobody_uses_is_closed_after_the_idle_timeout() {
    let s = Server::start(Opts { idle_ms: 400, ..Opts::default() });
    let mut c = s.connect();
    let start = Instant::now();
    let (resp, mut r) = upgrade(&mut c, "/upgrade-quiet", b"");
    assert_eq!(resp.status, 101);
    assert!(at_eof(&mut r));
    let closed_after = start.elapsed();
    assert!(closed_after >= Duration::from_millis(350) && closed_after < Duration::from_millis(1400), "{closed_after:?}");
    let deadline = Instant::now() + Duration::from_secs(3);
    while QUIET_RC.load(std::sync::atomic::Ordering::SeqCst) == 1 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(QUIET_RC.load(std::sync::atomic::Ordering::SeqCst), -4, "a send on the closed connection");
}

#[test]
fn engine_shutdown_closes_upgraded_connections() {
    let mut s = Server::start(Opts::default());
    let mut c = s.connect();
    let (resp, mut r) = upgrade(&mut c, "/upgrade", b"x");
    assert_eq!(resp.status, 101);
    assert_eq!(read_exactly(&mut r, 1), "x");
    s.stop();
    assert!(closed_by_peer(&mut c) || at_eof(&mut r));
}
