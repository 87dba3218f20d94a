//! Issue 14: the inputs where the engine was more lenient than Jetty's HttpParser, each class
//! with the RFC 9110/9112 clause that sides with Jetty. Every case is answered at once and its
//! connection closed; the timeouts are set far beyond the socket's read timeout, so a case
//! that waited for one of them fails instead of passing slowly.

mod common;

use common::*;
use std::io::{BufReader, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

/// Timeouts no case may wait for: the client gives up after 30 s.
fn patient() -> Opts {
    Opts { idle_ms: 120_000, header_ms: 120_000, ..Opts::default() }
}

fn connect(s: &Server) -> TcpStream {
    let c = s.connect();
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    c
}

/// Sends `raw`, expects one response with `status` and then the end of the connection (no
/// answer to whatever followed the bad part).
fn assert_rejected(s: &Server, raw: &[u8], status: u16) -> Response {
    let mut c = connect(s);
    c.write_all(raw).unwrap();
    let mut r = BufReader::new(c.try_clone().unwrap());
    let resp = read_response(&mut r, false).unwrap_or_else(|| panic!("no response to {:?}", String::from_utf8_lossy(raw)));
    assert_eq!(resp.status, status, "{:?}: {}", String::from_utf8_lossy(raw), resp.text());
    assert_closed(&mut r, raw);
    resp
}

/// Nothing more comes, and the server closed: EOF (or a reset) before the client's read timeout,
/// which a connection left open until a server timeout would hit instead.
fn assert_closed(r: &mut BufReader<TcpStream>, sent: &[u8]) {
    assert!(r.buffer().is_empty(), "answered after the error: {:?}", String::from_utf8_lossy(sent));
    assert!(closed_by_peer(r.get_mut()), "not closed at once: {:?}", String::from_utf8_lossy(sent));
}

/// Sends `raw` and shuts the client's side down at once (`nc -N`), as one burst.
fn send_then_fin(s: &Server, raw: &[u8]) -> BufReader<TcpStream> {
    let mut c = connect(s);
    c.write_all(raw).unwrap();
    c.shutdown(Shutdown::Write).unwrap();
    BufReader::new(c)
}

const CHUNKED: &str = "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
const NEXT: &str = "GET /next HTTP/1.1\r\nHost: x\r\n\r\n";

/// RFC 9112 7.1.2 and 5.1: a trailer line is a field line (token, colon, value without
/// controls); anything else is a malformed message, never the start of the next request.
#[test]
fn malformed_trailer_sections_are_400() {
    let s = Server::start(patient());
    for trailer in [
        "GET /status?code=223 HTTP/1.1\r\n\r\n",
        "NoColon\r\n\r\n",
        "Bad Name: v\r\n\r\n",
        "Name : v\r\n\r\n",
        "Na\u{1}me: v\r\n\r\n",
        "Name: a\u{1}b\r\n\r\n",
    ] {
        let raw = format!("{CHUNKED}5\r\nhello\r\n0\r\n{trailer}{NEXT}");
        assert_eq!(assert_rejected(&s, raw.as_bytes(), 400).text(), "body error -3");
    }
    // a valid trailer section still works, and the next request is served
    let mut c = connect(&s);
    c.write_all(format!("{CHUNKED}5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n{NEXT}").as_bytes()).unwrap();
    let mut r = BufReader::new(c.try_clone().unwrap());
    assert_eq!(read_response(&mut r, false).unwrap().status, 200);
    assert_eq!(read_response(&mut r, false).unwrap().text(), "GET /next v1 flags=1 len=0 body=");
}

/// Jetty's requestHeaderSize (8 KiB) bounds the head and the trailer section together
/// (RFC 9112 7.1.2 lets a recipient refuse trailers it will not process): a trailer section that
/// would fit alone is 400 after a head of nearly 8 KiB.
#[test]
fn trailer_section_shares_the_head_limit() {
    let s = Server::start(patient());
    let head = |pad: usize| format!("POST /up HTTP/1.1\r\nHost: x\r\nX: {}\r\nTransfer-Encoding: chunked\r\n\r\n", "p".repeat(pad));
    let pad = 8000 - head(0).len();
    let body = |n: usize| format!("5\r\nhello\r\n0\r\nT: {}\r\n\r\n", "t".repeat(n));
    // 8000 head bytes, then "T: " + 185 + CRLF + CRLF: 8192, served; one byte more: 400
    let mut c = connect(&s);
    assert_eq!(request(&mut c, &format!("{}{}", head(pad), body(185))).status, 200);
    let raw = format!("{}{}{NEXT}", head(pad), body(186));
    assert_eq!(assert_rejected(&s, raw.as_bytes(), 400).text(), "body error -3");
}

/// RFC 9112 7.1: chunked-body = *chunk last-chunk trailer-section CRLF. Without the final CRLF
/// the next request's lines are not a trailer section.
#[test]
fn last_chunk_without_final_crlf_is_400() {
    let s = Server::start(patient());
    let raw = format!("{CHUNKED}5\r\nhello\r\n0\r\n{NEXT}");
    assert_eq!(assert_rejected(&s, raw.as_bytes(), 400).text(), "body error -3");
}

/// RFC 9112 7.1.1: chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ):
/// BWS comes before ";" and "=" only, so whitespace ending the line is malformed too.
#[test]
fn malformed_chunk_extensions_are_400() {
    let s = Server::start(patient());
    for size_line in ["5;a:b=1", "5;=x", "5;", "5;a=b c", "5;a=b ", "5;a\t"] {
        let raw = format!("{CHUNKED}{size_line}\r\nhello\r\n0\r\n\r\n{NEXT}");
        assert_eq!(assert_rejected(&s, raw.as_bytes(), 400).text(), "body error -3", "{size_line}");
    }
    let mut c = connect(&s);
    let r = request(&mut c, &format!("{CHUNKED}5 ; a = \"q s\" ;b\r\nhello\r\n0\r\n\r\n"));
    assert_eq!(r.text(), "POST /up v1 flags=13 len=5 body=hello");
}

/// Jetty's requestHeaderSize (8 KiB by default) bounds the whole head, not each line; header
/// lines are not counted.
#[test]
fn head_size_limit_covers_the_whole_head() {
    let s = Server::start(patient());
    let raw = format!("GET /{} HTTP/1.1\r\nHost: x\r\nX: {}\r\n\r\n", "a".repeat(6000), "b".repeat(6000));
    assert_rejected(&s, raw.as_bytes(), 431);
    // exactly 8192 bytes: served; one more: 431
    let pre = "GET / HTTP/1.1\r\nHost: x\r\nX: ";
    let at_limit = format!("{pre}{}\r\n\r\n", "v".repeat(8192 - pre.len() - 4));
    assert_eq!(at_limit.len(), 8192);
    assert_eq!(request(&mut connect(&s), &at_limit).status, 200);
    assert_rejected(&s, format!("{pre}{}\r\n\r\n", "v".repeat(8193 - pre.len() - 4)).as_bytes(), 431);
    // a target over the limit: 414
    assert_rejected(&s, format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(9000)).as_bytes(), 414);
    // 500 small headers (far more than httparse's stack array, 5 KB) are fine
    let mut many = String::from("GET /many HTTP/1.1\r\nHost: x\r\n");
    for i in 0..500 {
        many.push_str(&format!("X{i}: y\r\n"));
    }
    many.push_str("\r\n");
    assert_eq!(request(&mut connect(&s), &many).status, 200);
}

/// RFC 9110 7.2 (Host = uri-host [ ":" port ]), as Jetty's HostPort reads it: 400 with a body;
/// RFC 3986 2.1 (pct-encoded = "%" HEXDIG HEXDIG) and 3.2.2 (IP-literal) included.
#[test]
fn invalid_host_values_are_400() {
    let s = Server::start(patient());
    for host in ["u:p@x", "x:abc", "a b", "x/y", "x:99999999", "le.co%", "[:81]", "[1::2::3]"] {
        let r = assert_rejected(&s, format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(), 400);
        assert!(!r.body.is_empty(), "{host}");
        assert_eq!(r.header("connection"), Some("close"));
    }
    assert_eq!(request(&mut connect(&s), "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n").status, 200);
}

/// RFC 9112 3.2: origin-form, absolute-form, authority-form (CONNECT), asterisk-form (OPTIONS).
#[test]
fn target_not_in_an_allowed_form_is_400() {
    let s = Server::start(patient());
    assert_rejected(&s, b"GET plaintext HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    assert_rejected(&s, b"GET a/b HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    assert_eq!(request(&mut connect(&s), "GET http://x/abs HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
    assert_eq!(request(&mut connect(&s), "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
}

/// RFC 9112 2.2: a bare CR is invalid; answered at once rather than after the header timeout.
#[test]
fn bare_cr_is_400_at_once() {
    let s = Server::start(patient());
    assert_rejected(&s, b"GET /plaintext HTTP/1.1\rHost: x\r\r", 400);
    assert_rejected(&s, b"GET /plaintext HTTP/1.1\r\nHost: x\rX: y\r\n\r\n", 400);
}

/// RFC 9112 9.6: a client that half-closes after its request still gets the response; nothing
/// more can come, so the connection closes then (not at the idle timeout).
#[test]
fn half_closed_client_is_answered_and_closed() {
    let s = Server::start(patient());
    let mut r = send_then_fin(&s, b"GET /half HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(read_response(&mut r, false).unwrap().status, 200);
    assert_closed(&mut r, b"");

    // two pipelined requests and the FIN: both answered, then closed
    let mut r = send_then_fin(&s, format!("{NEXT}{NEXT}").as_bytes());
    assert_eq!(read_response(&mut r, false).unwrap().status, 200);
    assert_eq!(read_response(&mut r, false).unwrap().status, 200);
    assert_closed(&mut r, b"");
}

/// A partial head and the FIN: the request can never complete; 400 at once, as Jetty's parser
/// answers it ("Early EOF"; RFC 9112 8), not after the header timeout. Empty lines alone are no
/// request: just closed.
#[test]
fn partial_head_then_fin_is_400_at_once() {
    let s = Server::start(patient());
    let mut r = send_then_fin(&s, b"GET /partial HTTP/1.1\r\nHost: x\r\n");
    assert_eq!(read_response(&mut r, false).unwrap().status, 400);
    assert_closed(&mut r, b"");
    let mut r = send_then_fin(&s, b"\r\n");
    assert_closed(&mut r, b"");
}

/// RFC 9112 6.3 (item 5 and 8): a body cut short by the end of the connection is incomplete; the
/// read fails with -2, which Java answers 400 (Jetty's "Early EOF").
#[test]
fn eof_in_the_middle_of_a_body_fails_the_read() {
    let s = Server::start(patient());
    let mut r = send_then_fin(&s, b"POST /cut HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello");
    let resp = read_response(&mut r, false).unwrap();
    assert_eq!(resp.text(), "body error -2");
    assert_closed(&mut r, b"");
}
