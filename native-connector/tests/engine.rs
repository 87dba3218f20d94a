mod common;

use common::*;
use std::io::{BufReader, Read, Write};
use std::time::{Duration, Instant};

#[test]
fn keep_alive_and_content_length_bodies() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    for i in 0..5 {
        let r = request(&mut c, &format!("GET /k{i} HTTP/1.1\r\nHost: x\r\n\r\n"));
        assert_eq!(r.status, 200);
        assert_eq!(r.text(), format!("GET /k{i} v1 flags=1 len=0 body="));
        assert!(r.header("date").is_some());
        assert!(r.header("connection").is_none());
    }
    let r = request(&mut c, "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    assert_eq!(r.text(), "POST /p v1 flags=9 len=5 body=hello");
    assert_eq!(s.connections(), 1);
    let r = request(&mut c, "GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(r.header("connection"), Some("close"));
    assert!(closed_by_peer(&mut c));
}

#[test]
fn large_body_in_pieces() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    let body: Vec<u8> = (0..1_000_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    let head = format!("PUT /big HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n", body.len());
    let mut w = c.try_clone().unwrap();
    let b2 = body.clone();
    let t = std::thread::spawn(move || {
        w.write_all(head.as_bytes()).unwrap();
        for piece in b2.chunks(70_000) {
            w.write_all(piece).unwrap();
            std::thread::sleep(Duration::from_millis(2));
        }
    });
    let mut r = BufReader::new(c.try_clone().unwrap());
    let resp = read_response(&mut r, false).unwrap();
    t.join().unwrap();
    assert!(resp.text().starts_with("PUT /big v1 flags=9 len=1000000 body=abcdef"), "{}", resp.text());
    let r2 = request(&mut c, "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r2.status, 200);
}

#[test]
fn pipelining_100_requests_in_one_write() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    let mut all = String::new();
    for i in 0..100 {
        if i % 10 == 5 {
            all.push_str(&format!("POST /p{i} HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"));
        } else {
            all.push_str(&format!("GET /p{i} HTTP/1.1\r\nHost: x\r\n\r\n"));
        }
    }
    c.write_all(all.as_bytes()).unwrap();
    let mut r = BufReader::new(c.try_clone().unwrap());
    for i in 0..100 {
        let resp = read_response(&mut r, false).expect("response");
        assert_eq!(resp.status, 200);
        let t = resp.text();
        assert!(t.contains(&format!(" /p{i} ")), "response {i} out of order: {t}");
        if i % 10 == 5 {
            assert!(t.ends_with("len=3 body=abc"), "{t}");
        }
    }
}

/// Pipelined responses are batched while the next request is already buffered, but a batch
/// never waits for a slow request: the first response arrives while the second is handled.
#[test]
fn pipelined_response_is_not_held_back_by_a_slow_successor() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    let start = std::time::Instant::now();
    c.write_all(b"GET /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /slow HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut r = BufReader::new(c.try_clone().unwrap());
    let first = read_response(&mut r, false).expect("first response");
    let first_at = start.elapsed();
    assert!(first.text().contains(" /fast "), "{}", first.text());
    let second = read_response(&mut r, false).expect("second response");
    let second_at = start.elapsed();
    assert!(second.text().contains(" /slow "), "{}", second.text());
    // /slow sleeps 500 ms in the harness. Held back, the first response would arrive with the
    // second (one write); a batch may be late by one scan period (250 ms) at most.
    assert!(second_at >= first_at + Duration::from_millis(150), "first at {first_at:?}, second at {second_at:?}");
}

#[test]
fn chunked_upload_and_chunked_response() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    c.write_all(b"POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel").unwrap();
    std::thread::sleep(Duration::from_millis(50));
    c.write_all(b"lo\r\n6;ext=1\r\n world\r\n0\r\nX-T: 1\r\n\r\n").unwrap();
    let mut r = BufReader::new(c.try_clone().unwrap());
    let resp = read_response(&mut r, false).unwrap();
    assert_eq!(resp.text(), "POST /up v1 flags=13 len=11 body=hello world");
    c.write_all(b"GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let resp = read_response(&mut r, false).unwrap();
    assert_eq!(resp.header("transfer-encoding"), Some("chunked"));
    assert_eq!(resp.text(), "one,two,three");
    // HEAD: no body
    c.write_all(b"HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let resp = read_response(&mut r, true).unwrap();
    assert_eq!(resp.status, 200);
    let resp = read_response(&mut r, false).unwrap();
    assert!(resp.text().starts_with("GET /after"));
}

#[test]
fn bad_chunk_size_gives_read_error() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    let r = request(&mut c, "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    assert_eq!(r.status, 400);
    assert_eq!(r.text(), "body error -3");
    assert!(closed_by_peer(&mut c));
}

#[test]
fn expect_100_continue() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    c.write_all(b"POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n").unwrap();
    let mut r = BufReader::new(c.try_clone().unwrap());
    let interim = read_response(&mut r, false).unwrap();
    assert_eq!(interim.status, 100);
    c.write_all(b"data").unwrap();
    let resp = read_response(&mut r, false).unwrap();
    assert_eq!(resp.text(), "POST /e v1 flags=11 len=4 body=data");
}

#[test]
fn malformed_requests_are_answered_by_the_engine() {
    let s = Server::start(Opts { max_request_line: 200, max_header_bytes: 500, max_body: 1000, ..Opts::default() });
    let mut good = s.connect();
    assert_eq!(request(&mut good, "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
    let cases = [
        ("GET / HTTP/1.1\r\n\r\n".to_string(), 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n".into(), 400),
        ("GET /x HTTP/3.0\r\nHost: x\r\n\r\n".into(), 505),
        (format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(300)), 414),
        (format!("GET / HTTP/1.1\r\nHost: x\r\nX: {}\r\n\r\n", "a".repeat(600)), 431),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n".into(), 413),
        ("GARBAGE\r\n\r\n".into(), 400),
    ];
    for (raw, status) in cases {
        let mut c = s.connect();
        let r = request(&mut c, &raw);
        assert_eq!(r.status, status, "{raw:?}");
        assert_eq!(r.header("connection"), Some("close"));
        assert!(closed_by_peer(&mut c));
        assert_eq!(request(&mut good, "GET /2 HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
    }
    // CR/LF in a response header: lyger_send returns -3 and nothing is written
    let r = request(&mut good, "GET /bad-header HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r.status, 500);
    assert_eq!(r.text(), "rc=-3");
}

#[test]
fn http_1_0() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    let r = request(&mut c, "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    assert_eq!(r.header("connection"), Some("keep-alive"));
    assert_eq!(r.text(), "GET /a v0 flags=1 len=0 body=");
    // unknown length on 1.0: close-delimited
    c.write_all(b"GET /chunked HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").unwrap();
    let mut r = BufReader::new(c.try_clone().unwrap());
    let resp = read_response(&mut r, false).unwrap();
    assert_eq!(resp.header("connection"), Some("close"));
    assert!(resp.header("transfer-encoding").is_none());
    assert_eq!(resp.text(), "one,two,three");
    let mut c = s.connect();
    let r = request(&mut c, "GET /b HTTP/1.0\r\n\r\n");
    assert_eq!(r.header("connection"), Some("close"));
    assert!(closed_by_peer(&mut c));
}

#[test]
fn idle_timeout_closes_keep_alive_connections() {
    let s = Server::start(Opts { idle_ms: 400, ..Opts::default() });
    let mut c = s.connect();
    assert_eq!(request(&mut c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
    let t = Instant::now();
    assert!(closed_by_peer(&mut c));
    let e = t.elapsed();
    assert!(e >= Duration::from_millis(300) && e < Duration::from_secs(3), "{e:?}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(s.connections(), 0);
}

#[test]
fn slowloris_gets_408() {
    let s = Server::start(Opts { header_ms: 400, ..Opts::default() });
    let mut c = s.connect();
    let mut good = s.connect();
    c.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let t = Instant::now();
    std::thread::sleep(Duration::from_millis(100));
    c.write_all(b"X-A: 1\r\n").unwrap();
    assert_eq!(request(&mut good, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
    let mut r = BufReader::new(c.try_clone().unwrap());
    let resp = read_response(&mut r, false).unwrap();
    assert_eq!(resp.status, 408);
    assert!(t.elapsed() < Duration::from_secs(3));
    let mut rest = Vec::new();
    let _ = r.read_to_end(&mut rest);
    assert!(rest.is_empty());
}

#[test]
fn graceful_stop() {
    let mut s = Server::start(Opts::default());
    let mut idle = s.connect();
    assert_eq!(request(&mut idle, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
    let mut busy = s.connect();
    busy.write_all(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(100));
    unsafe { lyger::lyger_engine_stop_accepting(s.engine) };
    // in-flight request completes, with Connection: close
    let mut r = BufReader::new(busy.try_clone().unwrap());
    let resp = read_response(&mut r, false).unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.header("connection"), Some("close"));
    // the idle connection was closed, new ones are refused
    assert!(closed_by_peer(&mut idle));
    assert!(std::net::TcpStream::connect(("127.0.0.1", s.port)).is_err());
    s.stop();
    let pr = s.poll_results.lock().unwrap().clone();
    assert_eq!(pr, vec![-1; 4]);
}

#[test]
fn operations_after_shutdown_answer_closed() {
    use lyger::*;
    let s = Server::start(Opts { threads: 0, ..Opts::default() });
    let mut c = s.connect();
    c.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n").unwrap();
    let cap = unsafe { lyger_event_buffer_size(s.engine) };
    let mut buf = vec![0u8; cap as usize];
    let deadline = Instant::now() + Duration::from_secs(5);
    let n = loop {
        let n = unsafe { lyger_poll(s.engine, buf.as_mut_ptr(), cap, 100) };
        if n > 0 || Instant::now() > deadline {
            break n;
        }
    };
    assert!(n > 0);
    let conn = match lyger::event::decode(&buf[..n as usize]) {
        lyger::event::Decoded::Request(r) => r.conn,
        _ => panic!(),
    };
    let mut b = [0u8; 16];
    assert_eq!(unsafe { lyger_read_body(conn, b.as_mut_ptr(), 16) }, 0);
    assert_eq!(unsafe { lyger_demand(conn) }, 0);
    let engine = s.engine;
    unsafe { lyger_engine_shutdown(engine) };
    assert_eq!(unsafe { lyger_poll(engine, buf.as_mut_ptr(), cap, 10) }, -1);
    let mut s = s;
    s.stop();
    // the engine is freed; the connection handle is still valid memory and says "closed"
    assert_eq!(unsafe { lyger_read_body(conn, b.as_mut_ptr(), 16) }, -2);
    assert_eq!(unsafe { lyger_demand(conn) }, -1);
    assert_eq!(unsafe { lyger_send(conn, std::ptr::null(), 0, b.as_ptr(), 1, 1) }, -4);
    assert_eq!(unsafe { lyger_conn_set_idle_timeout(conn, 5) }, -1);
    assert_eq!(unsafe { lyger_complete(conn, buf.as_mut_ptr(), cap) }, 0);
    assert!(closed_by_peer(&mut c));
}

#[test]
fn concurrent_clients_with_few_threads() {
    let s = Server::start(Opts { threads: 3, ..Opts::default() });
    let port = s.port;
    let clients: Vec<_> = (0..8)
        .map(|k| {
            std::thread::spawn(move || {
                let mut c = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
                c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                let mut r = BufReader::new(c.try_clone().unwrap());
                for i in 0..200 {
                    let req = if i % 3 == 0 {
                        format!("POST /c{k}-{i} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok")
                    } else if i % 3 == 1 {
                        format!("POST /c{k}-{i} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n")
                    } else {
                        format!("GET /c{k}-{i} HTTP/1.1\r\nHost: x\r\n\r\n")
                    };
                    c.write_all(req.as_bytes()).unwrap();
                    let resp = read_response(&mut r, false).expect("response");
                    assert!(resp.text().contains(&format!("/c{k}-{i} ")), "{}", resp.text());
                }
            })
        })
        .collect();
    for c in clients {
        c.join().unwrap();
    }
}

#[test]
fn many_idle_connections() {
    let s = Server::start(Opts::default());
    let mut conns: Vec<_> = (0..2000).map(|_| s.connect()).collect();
    // each one does a request, then stays idle
    for (i, c) in conns.iter_mut().enumerate().step_by(50) {
        assert_eq!(request(c, &format!("GET /i{i} HTTP/1.1\r\nHost: x\r\n\r\n")).status, 200);
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.connections() < 2000 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(s.connections(), 2000);
    let mut c = s.connect();
    assert_eq!(request(&mut c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
    drop(conns);
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.connections() > 1 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(s.connections(), 1);
}

#[test]
fn buffer_bytes_follow_the_connections_buffers() {
    let s = Server::start(Opts::default());
    assert_eq!(s.buffer_bytes(), 0);
    let initial = lyger::config::INITIAL_INPUT as i64;
    // a partial head on each connection: each holds an input buffer, one of them a grown one
    let n = 50;
    let mut conns: Vec<_> = (0..n).map(|_| s.connect()).collect();
    conns[0].write_all(format!("GET /big HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n", "b".repeat(6000)).as_bytes()).unwrap();
    for c in &mut conns[1..] {
        c.write_all(b"GET /b HTTP/1.1\r\nHost: x\r\n").unwrap();
    }
    let held = (n - 1) * initial + 2 * initial;
    assert!(eventually(5000, || s.buffer_bytes() >= held), "{} < {held}", s.buffer_bytes());
    // answered, then idle: the kept connections free their input buffers after a while, but keep
    // their response scratch and header index
    for c in &mut conns {
        assert_eq!(request(c, "\r\n").status, 200);
    }
    assert!(eventually(5000, || s.buffer_bytes() < n * initial / 2), "{}", s.buffer_bytes());
    assert!(s.buffer_bytes() > 0);
    assert_eq!(s.connections(), n as i32);
    // closed: nothing is left, to the byte
    drop(conns);
    assert!(eventually(5000, || s.buffer_bytes() == 0), "{}", s.buffer_bytes());
    assert_eq!(s.connections(), 0);
}

/// Waits up to `ms` for `f` to hold.
fn eventually(ms: u64, f: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_millis(ms);
    while !f() {
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

#[test]
fn response_trailers_end_a_chunked_body() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    let mut r = BufReader::new(c.try_clone().unwrap());
    let mut get = |target: &str, method: &str| {
        c.write_all(format!("{method} {target} HTTP/1.1\r\nHost: x\r\nTE: trailers\r\n\r\n").as_bytes()).unwrap();
        read_response(&mut r, method == "HEAD").expect(target)
    };
    let resp = get("/trailers-flushed", "GET");
    assert_eq!(resp.header("transfer-encoding"), Some("chunked"));
    assert!(resp.header("content-length").is_none(), "{:?}", resp.headers);
    assert_eq!(resp.text(), "part one part two");
    assert_eq!(resp.trailers, "X-Checksum: abc123\r\nX-Two: 2\r\n");
    // one send with the whole body: still chunked (a Content-Length cannot carry trailers)
    let resp = get("/trailers-small", "GET");
    assert_eq!(resp.header("transfer-encoding"), Some("chunked"));
    assert_eq!(resp.text(), "small");
    assert_eq!(resp.trailers, "X-Small: yes\r\n");
    let resp = get("/trailers-none", "GET");
    assert_eq!((resp.text().as_str(), resp.trailers.as_str()), ("none", ""));
    // invalid fields: -3 and nothing written; a LAST send still ends the response
    let resp = get("/trailers-bad", "GET");
    assert_eq!(resp.text(), "bad rc=-3");
    assert_eq!(resp.trailers, "");
    // HEAD: neither body nor trailers
    let resp = get("/trailers-small", "HEAD");
    assert_eq!(resp.status, 200);
    // the connection goes on, nothing stray on it
    let resp = get("/after", "GET");
    assert_eq!(resp.text(), "GET /after v1 flags=1 len=0 body=");
    assert!(resp.header("connection").is_none());
}

#[test]
fn response_trailers_are_dropped_on_http_1_0() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    let mut r = BufReader::new(c.try_clone().unwrap());
    c.write_all(b"GET /trailers-flushed HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").unwrap();
    let resp = read_response(&mut r, false).unwrap();
    assert_eq!(resp.header("content-length"), Some("17"));
    assert_eq!(resp.header("connection"), Some("keep-alive"));
    assert_eq!(resp.text(), "part one part two");
    // unknown length on 1.0: the body ends with the connection, and no trailer is in it
    c.write_all(b"GET /trailers-small HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").unwrap();
    let resp = read_response(&mut r, false).unwrap();
    assert_eq!(resp.header("connection"), Some("close"));
    assert!(resp.header("transfer-encoding").is_none());
    assert_eq!(resp.text(), "small");
}

#[test]
fn an_unread_body_arriving_late_is_discarded_and_the_connection_kept() {
    let s = Server::start(Opts::default());
    let mut c = s.connect();
    let mut r = BufReader::new(c.try_clone().unwrap());
    let mut exchange = |first: &[u8], late: &[u8], status: u16| {
        c.write_all(first).unwrap();
        let resp = read_response(&mut r, false).expect("first response");
        assert_eq!(resp.status, status, "{}", String::from_utf8_lossy(first));
        assert!(resp.header("connection").is_none(), "{:?}", resp.headers);
        std::thread::sleep(Duration::from_millis(50));
        c.write_all(late).unwrap();
        c.write_all(b"GET /after HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let next = read_response(&mut r, false).expect("next response");
        assert_eq!(next.text(), "GET /after v1 flags=1 len=0 body=");
        resp
    };
    // answered before the body arrived, as the servlet's sendError(409)
    exchange(b"POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n", b"late", 409);
    // part of it there, the rest late
    exchange(b"POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nearly", b"-late", 409);
    // chunked, with a trailer section
    exchange(b"POST /ignore HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", b"lo\r\n0\r\nX-T: 1\r\n\r\n", 409);
    // Java says it will not read (consumeAvailable): the engine takes it over
    let resp = exchange(b"POST /give-up HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n", &[b'x'; 1000], 409);
    assert_eq!(resp.text(), "discard=0");
    // committed before the end: the application could still have read it
    let resp = exchange(b"POST /commit-then-ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n", b"late", 200);
    assert_eq!(resp.text(), "one,two");
    // a large body within the bound, in pieces
    let big = vec![b'y'; lyger::connection::DISCARD_MAX as usize];
    exchange(format!("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n", big.len()).as_bytes(), &big, 409);
    // all of it buffered with the next request (pipelined)
    c.write_all(b"POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbodyGET /p HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(read_response(&mut r, false).unwrap().status, 409);
    assert_eq!(read_response(&mut r, false).unwrap().text(), "GET /p v1 flags=1 len=0 body=");
    assert_eq!(s.connections(), 1);
}

#[test]
fn an_unread_body_that_cannot_be_discarded_is_announced() {
    let s = Server::start(Opts::default());
    let over = lyger::connection::DISCARD_MAX + 1;
    for (raw, text) in [
        (format!("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: {over}\r\n\r\n"), "conflict"),
        (format!("POST /give-up HTTP/1.1\r\nHost: x\r\nContent-Length: {over}\r\n\r\n"), "discard=-1"),
        // the client may be holding the body back until a 100 that never came
        ("POST /ignore HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n".to_string(), "conflict"),
    ] {
        let mut c = s.connect();
        let resp = request(&mut c, &raw);
        assert_eq!(resp.status, 409);
        assert_eq!(resp.text(), text);
        assert_eq!(resp.header("connection"), Some("close"), "{raw}");
        assert!(closed_by_peer(&mut c), "{raw}");
    }
}

#[test]
fn discarding_is_bounded() {
    let s = Server::start(Opts { idle_ms: 400, ..Opts::default() });
    // a chunked body longer than the bound: the connection closes once it is reached
    let mut c = s.connect();
    let resp = request(&mut c, "POST /ignore HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    assert_eq!(resp.status, 409);
    let mut w = c.try_clone().unwrap();
    let start = Instant::now();
    // the client keeps sending (16 KiB a millisecond) for 5 s unless the server goes away
    let writer = std::thread::spawn(move || {
        let chunk = format!("4000\r\n{}\r\n", "z".repeat(0x4000));
        while start.elapsed() < Duration::from_secs(5) {
            if w.write_all(chunk.as_bytes()).is_err() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        false
    });
    assert!(closed_by_peer(&mut c));
    let closed_at = start.elapsed();
    // without the bound it would only close once the client stopped (5 s) and went idle
    assert!(closed_at < Duration::from_secs(4), "{closed_at:?}");
    assert!(writer.join().unwrap(), "the server kept reading");
    // a body that stops coming: closed after the idle timeout
    for partial in ["", "ab"] {
        let mut c = s.connect();
        let t = Instant::now();
        let resp = request(&mut c, &format!("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n{partial}"));
        assert!(resp.header("connection").is_none());
        assert!(closed_by_peer(&mut c));
        let e = t.elapsed();
        assert!(e >= Duration::from_millis(300) && e < Duration::from_secs(3), "{e:?}");
    }
}
