//! Hooks for the JMH benchmark of the Java <-> native boundary (bench/): the production head
//! parser, REQUEST event encoder and response framing, run on synthetic input with no socket
//! I/O, so that the benchmark measures the crossing itself (JNA call, Java-side decoding and
//! encoding) and what the engine does per request around it. Never called by the server.

use crate::config::Config;
use crate::event;
use crate::request_head::{self, RequestHead};
use crate::response::{self, ReqInfo};
use std::cell::RefCell;
use std::net::SocketAddr;

struct Synthetic {
    headers: usize,
    raw: Vec<u8>,
    head: RequestHead,
    framed: Vec<u8>,
}

thread_local! {
    static STATE: RefCell<Synthetic> = RefCell::new(Synthetic {
        headers: usize::MAX,
        raw: Vec::new(),
        head: RequestHead::default(),
        framed: Vec::new(),
    });
}

/// A browser-like GET with `headers` header fields (Host first); HTTP/1.0 when 0 (1.1 needs Host).
fn synthetic_request(headers: usize) -> Vec<u8> {
    let mut raw = Vec::new();
    if headers == 0 {
        raw.extend_from_slice(b"GET /plaintext HTTP/1.0\r\n");
    } else {
        raw.extend_from_slice(b"GET /plaintext?q=1 HTTP/1.1\r\nHost: localhost:8080\r\n");
        const COMMON: [&str; 7] = [
            "Accept: text/plain,text/html;q=0.9,*/*;q=0.8",
            "Accept-Encoding: gzip, deflate",
            "Accept-Language: en-US,en;q=0.5",
            "Connection: keep-alive",
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
            "Cache-Control: no-cache",
            "Cookie: JSESSIONID=node01abcdefghijklmnopqrstu0.node0",
        ];
        for i in 1..headers {
            match COMMON.get(i - 1) {
                Some(h) => raw.extend_from_slice(h.as_bytes()),
                None => raw.extend_from_slice(format!("X-Custom-Header-{i}: value-{i}").as_bytes()),
            }
            raw.extend_from_slice(b"\r\n");
        }
    }
    raw.extend_from_slice(b"\r\n");
    raw
}

/// Parses a synthetic request with `headers` fields and encodes its REQUEST event into `out`,
/// as the poller does. Returns the event length, or -1 if `out` is too small.
pub fn request_event(out: &mut [u8], headers: usize) -> i32 {
    STATE.with(|s| {
        let s = &mut *s.borrow_mut();
        if s.headers != headers {
            s.raw = synthetic_request(headers);
            s.headers = headers;
        }
        let cfg = Config::new(8192, 8192, -1, 30_000, 10_000);
        match request_head::parse(&s.raw, &cfg, &mut s.head) {
            Ok(true) => {}
            _ => return -1,
        }
        if event::request_len(&s.head) > out.len() {
            return -1;
        }
        let remote: SocketAddr = ([127, 0, 0, 1], 40000).into();
        let local: SocketAddr = ([127, 0, 0, 1], 8080).into();
        event::encode_request(out, 0, 1, &s.head, &s.raw, &remote, &local) as i32
    })
}

/// Validates a Java response head and frames it as `lyger_send` would for a keep-alive HTTP/1.1
/// GET whose whole body is in the first send. Returns the framed head's length, -3 if invalid.
pub fn frame_response(head: &[u8], body_len: usize) -> i32 {
    let java = match response::parse_java_head(head) {
        Ok(h) => h,
        Err(_) => return -3,
    };
    STATE.with(|s| {
        let s = &mut *s.borrow_mut();
        let req = ReqInfo { version: 1, is_head: false, keep_alive: true };
        match response::encode_head(&mut s.framed, &java, req, false, true, body_len, false) {
            Ok(_) => s.framed.len() as i32,
            Err(_) => -3,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_requests_parse_and_encode_for_each_size() {
        let mut out = vec![0u8; 16 * 1024];
        for headers in [0usize, 8, 32] {
            let n = request_event(&mut out, headers);
            assert!(n > 0, "{headers} headers");
            match event::decode(&out[..n as usize]) {
                event::Decoded::Request(r) => {
                    assert_eq!(r.headers.len(), headers);
                    assert_eq!(r.method, "GET");
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn response_framing_writes_status_and_length() {
        let head = response::java_head(200, 13, &[("Content-Type", "text/plain")]);
        assert!(frame_response(&head, 13) > 0);
        let s = STATE.with(|s| String::from_utf8(s.borrow().framed.clone()).unwrap());
        assert!(s.starts_with("HTTP/1.1 200 OK\r\n"), "{s}");
        assert!(s.contains("Content-Length: 13\r\n"), "{s}");
        assert_eq!(frame_response(b"\x01", 0), -3);
    }
}
