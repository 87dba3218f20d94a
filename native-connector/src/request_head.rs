//! Request head parsing (httparse) and the RFC 9112 framing checks the engine answers itself.
//!
//! The parsed head keeps only offsets into the connection's input buffer: the bytes stay
//! where they were read until the REQUEST event is encoded, so parsing allocates nothing.

use crate::config::Config;

mod host;
mod target_form;
mod transfer_coding;

/// Header lines httparse gets room for on the stack; a head with more is parsed again with
/// room for as many as its size allows (`Config::max_headers`),
/// as Jetty counts no header lines at all, only bytes.
pub const MAX_HEADERS: usize = 100;
/// Empty lines tolerated before a request line (RFC 9112 2.2 asks for at least one).
const MAX_LEADING_EMPTY: usize = 16;

#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub len: u32,
}

impl Span {
    pub fn of<'a>(&self, buf: &'a [u8]) -> &'a [u8] {
        &buf[self.start as usize..(self.start + self.len) as usize]
    }
}

pub const FLAG_KEEP_ALIVE: u8 = 1;
pub const FLAG_EXPECT_100: u8 = 2;
pub const FLAG_CHUNKED: u8 = 4;
pub const FLAG_HAS_BODY: u8 = 8;

#[derive(Default, Debug)]
pub struct RequestHead {
    /// Bytes of the head, including tolerated leading empty lines and the final empty line.
    pub head_len: usize,
    /// 0 = HTTP/1.0, 1 = HTTP/1.1
    pub version: u8,
    pub method: Span,
    pub target: Span,
    /// (name, value), value trimmed; the Vec is reused from request to request.
    pub headers: Vec<(Span, Span)>,
    /// -1 when absent or chunked
    pub content_length: i64,
    pub chunked: bool,
    pub keep_alive: bool,
    pub expect_100: bool,
    pub is_head: bool,
}

impl RequestHead {
    /// Memory held by the header index (its capacity), reused from request to request.
    pub fn buffer_bytes(&self) -> usize {
        self.headers.capacity() * std::mem::size_of::<(Span, Span)>()
    }

    pub fn flags(&self) -> u8 {
        let mut f = 0;
        if self.keep_alive {
            f |= FLAG_KEEP_ALIVE;
        }
        if self.expect_100 {
            f |= FLAG_EXPECT_100;
        }
        if self.chunked {
            f |= FLAG_CHUNKED;
        }
        if self.chunked || self.content_length > 0 {
            f |= FLAG_HAS_BODY;
        }
        f
    }
}

/// Why the engine refuses a request head; it answers with `status()` and closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadError {
    BadRequest(&'static str),
    UriTooLong,
    HeadersTooLarge,
    VersionNotSupported,
    ContentTooLarge,
}

impl HeadError {
    pub fn status(&self) -> u16 {
        match self {
            HeadError::BadRequest(_) => 400,
            HeadError::UriTooLong => 414,
            HeadError::HeadersTooLarge => 431,
            HeadError::VersionNotSupported => 505,
            HeadError::ContentTooLarge => 413,
        }
    }
}

/// Parses the head at the start of `buf`. Ok(true): complete, `head` filled in; Ok(false):
/// more bytes needed (and the limits are not exceeded yet).
///
/// Limits, counted as Jetty's `HttpParser` counts `requestHeaderSize`: every byte of the head
/// (empty lines before the request line, the request line, the header lines, the final empty
/// line, line ends included) against `cfg.max_header_bytes`: over it, 414 when the limit falls
/// inside the request target (or its request line), 431 otherwise ([`over_limit`]). A request
/// line longer than `cfg.max_request_line` is 414 too. The number of header lines is bounded
/// only by that size.
pub fn parse(buf: &[u8], cfg: &Config, head: &mut RequestHead) -> Result<bool, HeadError> {
    let mut off = 0;
    while off < buf.len() && (buf[off] == b'\r' || buf[off] == b'\n') {
        if buf[off] == b'\r' && buf.get(off + 1).is_some_and(|&b| b != b'\n') {
            return Err(HeadError::BadRequest("bare CR"));
        }
        off += 1;
    }
    if off > MAX_LEADING_EMPTY {
        return Err(HeadError::BadRequest("too many empty lines before the request line"));
    }
    if off == buf.len() {
        return Ok(false);
    }
    let rest = &buf[off..];
    let limit = cfg.max_header_bytes;

    let scan = rest.len().min(cfg.max_request_line.max(limit) + 2);
    let lf = match rest[..scan].iter().position(|&b| b == b'\n') {
        Some(i) => i,
        None => return partial(buf, off, cfg),
    };
    let line = if lf > 0 && rest[lf - 1] == b'\r' { &rest[..lf - 1] } else { &rest[..lf] };
    if off + lf + 1 > limit {
        return Err(over_limit(buf, off, limit));
    }
    if line.len() > cfg.max_request_line {
        return Err(HeadError::UriTooLong);
    }
    check_version(line)?;

    let mut raw = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut raw);
    let status = req.parse(rest);
    match status {
        Err(httparse::Error::TooManyHeaders) => {
            // rare: more lines than the stack array holds; as many as the size limit allows
            let mut raw = vec![httparse::EMPTY_HEADER; cfg.max_headers()];
            let mut req = httparse::Request::new(&mut raw);
            let status = req.parse(rest);
            complete(buf, off, cfg, head, &req, status)
        }
        status => complete(buf, off, cfg, head, &req, status),
    }
}

/// An incomplete head: Ok(false) unless what is there already breaks a rule.
fn partial(buf: &[u8], off: usize, cfg: &Config) -> Result<bool, HeadError> {
    if has_bare_cr(&buf[off..]) {
        return Err(HeadError::BadRequest("bare CR"));
    }
    if buf.len() > cfg.max_header_bytes {
        return Err(over_limit(buf, off, cfg.max_header_bytes));
    }
    let line = buf[off..].split(|&b| b == b'\n').next().unwrap_or(&[]);
    if line.len() > cfg.max_request_line + 1 {
        return Err(HeadError::UriTooLong);
    }
    Ok(false)
}

/// RFC 9112 2.2: a CR not followed by LF (a CR at the very end may still get its LF).
fn has_bare_cr(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w[0] == b'\r' && w[1] != b'\n')
}

/// The head is longer than `limit` bytes: which status, decided as Jetty's parser does. Its
/// counter trips on byte `limit` (0-based) of the head: inside the target (from its second byte
/// to the space after it) that is 414; Jetty also reads "SP HTTP/1.x CRLF" in one step while
/// still in its target state, so a CRLF-terminated request line over the limit is 414 as well.
/// Anywhere else (the method, the first target byte, the header lines): 431.
fn over_limit(buf: &[u8], off: usize, limit: usize) -> HeadError {
    let line_end = buf[off..].iter().position(|&b| b == b'\n').map(|i| off + i);
    let sp1 = match buf[off..].iter().position(|&b| b == b' ') {
        Some(i) if line_end.map_or(true, |e| off + i < e) => off + i,
        _ => return HeadError::HeadersTooLarge,
    };
    if limit <= sp1 + 1 {
        return HeadError::HeadersTooLarge;
    }
    let sp2 = buf[sp1 + 1..].iter().position(|&b| b == b' ').map(|i| sp1 + 1 + i);
    match (sp2, line_end) {
        (None, _) => HeadError::UriTooLong,
        (Some(sp2), Some(e)) if sp2 > e => HeadError::UriTooLong,
        (Some(sp2), _) if limit <= sp2 => HeadError::UriTooLong,
        (_, Some(e)) if limit <= e && buf[e - 1] == b'\r' => HeadError::UriTooLong,
        _ => HeadError::HeadersTooLarge,
    }
}

/// The end of parsing once httparse has answered: checks and fills `head` in.
fn complete(
    buf: &[u8],
    off: usize,
    cfg: &Config,
    head: &mut RequestHead,
    req: &httparse::Request,
    status: httparse::Result<usize>,
) -> Result<bool, HeadError> {
    let n = match status {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return partial(buf, off, cfg),
        Err(httparse::Error::TooManyHeaders) => return Err(HeadError::HeadersTooLarge),
        Err(httparse::Error::Version) => return Err(HeadError::BadRequest("bad HTTP version")),
        Err(httparse::Error::Token) => return Err(HeadError::BadRequest("bad method")),
        Err(httparse::Error::HeaderName) => return Err(HeadError::BadRequest("bad header name")),
        Err(httparse::Error::HeaderValue) => return Err(HeadError::BadRequest("bad header value")),
        Err(_) => return Err(HeadError::BadRequest("malformed request")),
    };
    if off + n > cfg.max_header_bytes {
        return Err(over_limit(buf, off, cfg.max_header_bytes));
    }

    let base = buf.as_ptr() as usize;
    let span = |s: &[u8]| Span { start: (s.as_ptr() as usize - base) as u32, len: s.len() as u32 };
    let method = req.method.unwrap_or("");
    let target = req.path.unwrap_or("");
    if method.is_empty() || target.is_empty() || !method.bytes().all(is_tchar) {
        return Err(HeadError::BadRequest("malformed request line"));
    }
    if !target_form::allowed(method.as_bytes(), target.as_bytes()) {
        return Err(HeadError::BadRequest("bad request target"));
    }
    head.head_len = off + n;
    head.version = req.version.unwrap_or(1);
    // httparse may hand out a static "GET" for common methods: the method starts the line
    head.method = Span { start: off as u32, len: method.len() as u32 };
    head.target = span(target.as_bytes());
    head.is_head = method == "HEAD";
    head.headers.clear();

    let mut content_length: Option<u64> = None;
    let mut te_seen = false;
    let mut chunked_last = false;
    let mut hosts = 0;
    let mut conn_close = false;
    let mut conn_keep_alive = false;
    let mut expect_100 = false;

    for h in req.headers.iter() {
        let name = h.name.as_bytes();
        let value = trim(h.value);
        head.headers.push((span(name), span(value)));
        if name.eq_ignore_ascii_case(b"content-length") {
            // "5" or a list of identical values "5, 5" (RFC 9112 6.3); anything else is fatal.
            for part in value.split(|&b| b == b',') {
                let v = parse_length(trim(part)).ok_or(HeadError::BadRequest("invalid Content-Length"))?;
                match content_length {
                    Some(old) if old != v => {
                        return Err(HeadError::BadRequest("conflicting Content-Length"));
                    }
                    _ => content_length = Some(v),
                }
            }
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            te_seen = true;
            let codings = transfer_coding::codings(value)
                .ok_or(HeadError::BadRequest("Transfer-Encoding is not a list of transfer codings"))?;
            for coding in codings {
                // chunked must be the last coding and appear once
                if chunked_last {
                    return Err(HeadError::BadRequest("chunked is not the last transfer coding"));
                }
                chunked_last = coding.eq_ignore_ascii_case(b"chunked");
            }
        } else if name.eq_ignore_ascii_case(b"host") {
            hosts += 1;
            if !host::valid(value) {
                return Err(HeadError::BadRequest("bad Host"));
            }
        } else if name.eq_ignore_ascii_case(b"connection") {
            for token in value.split(|&b| b == b',') {
                let token = trim(token);
                if token.eq_ignore_ascii_case(b"close") {
                    conn_close = true;
                } else if token.eq_ignore_ascii_case(b"keep-alive") {
                    conn_keep_alive = true;
                }
            }
        } else if name.eq_ignore_ascii_case(b"expect") && value.eq_ignore_ascii_case(b"100-continue") {
            expect_100 = true;
        }
    }

    if te_seen {
        if content_length.is_some() {
            return Err(HeadError::BadRequest("both Content-Length and Transfer-Encoding"));
        }
        if !chunked_last {
            return Err(HeadError::BadRequest("Transfer-Encoding does not end in chunked"));
        }
        if head.version == 0 {
            return Err(HeadError::BadRequest("Transfer-Encoding in an HTTP/1.0 request"));
        }
    }
    if head.version == 1 && hosts == 0 {
        return Err(HeadError::BadRequest("missing Host"));
    }
    if hosts > 1 {
        return Err(HeadError::BadRequest("more than one Host"));
    }
    if let Some(cl) = content_length {
        if cfg.max_body_bytes >= 0 && cl > cfg.max_body_bytes as u64 {
            return Err(HeadError::ContentTooLarge);
        }
    }
    head.content_length = match content_length {
        Some(v) => v as i64,
        None => -1,
    };
    head.chunked = te_seen;
    head.keep_alive = if head.version == 1 { !conn_close } else { conn_keep_alive && !conn_close };
    head.expect_100 = expect_100 && head.version == 1;
    Ok(true)
}

/// 505 for a well-formed "HTTP/x.y" other than 1.0/1.1; anything else is left to httparse (400).
fn check_version(line: &[u8]) -> Result<(), HeadError> {
    if let Some(sp) = line.iter().rposition(|&b| b == b' ') {
        let v = &line[sp + 1..];
        if v.len() == 8
            && v.starts_with(b"HTTP/")
            && v[5].is_ascii_digit()
            && v[6] == b'.'
            && v[7].is_ascii_digit()
            && v != b"HTTP/1.1"
            && v != b"HTTP/1.0"
        {
            return Err(HeadError::VersionNotSupported);
        }
    }
    Ok(())
}

/// RFC 9110 5.6.2 tchar.
pub fn is_tchar(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
}

/// Digits only, at most 18 of them (fits in i64): no sign, no spaces, no hex.
fn parse_length(v: &[u8]) -> Option<u64> {
    if v.is_empty() || v.len() > 18 || !v.iter().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(v.iter().fold(0u64, |acc, &b| acc * 10 + (b - b'0') as u64))
}

pub fn trim(mut v: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = v {
        if *first == b' ' || *first == b'\t' {
            v = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = v {
        if *last == b' ' || *last == b'\t' {
            v = rest;
        } else {
            break;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        Config::new(100, 300, 1000, 1000, 1000)
    }

    fn p(s: &str) -> Result<bool, HeadError> {
        let mut h = RequestHead::default();
        parse(s.as_bytes(), &cfg(), &mut h)
    }

    fn ok(s: &str) -> RequestHead {
        let mut h = RequestHead::default();
        assert_eq!(parse(s.as_bytes(), &cfg(), &mut h), Ok(true), "{s:?}");
        h
    }

    fn status(s: &str) -> u16 {
        match p(s) {
            Err(e) => e.status(),
            Ok(c) => panic!("expected an error for {s:?}, got Ok({c})"),
        }
    }

    #[test]
    fn simple_get() {
        let s = "GET /a?b=c HTTP/1.1\r\nHost: x\r\nX-A:  v1 \r\nX-A: v2\r\n\r\nrest";
        let h = ok(s);
        let b = s.as_bytes();
        assert_eq!(h.head_len, s.len() - 4);
        assert_eq!(h.method.of(b), b"GET");
        assert_eq!(h.target.of(b), b"/a?b=c");
        assert_eq!(h.version, 1);
        assert_eq!(h.headers.len(), 3);
        assert_eq!(h.headers[1].0.of(b), b"X-A");
        assert_eq!(h.headers[1].1.of(b), b"v1");
        assert_eq!(h.headers[2].1.of(b), b"v2");
        assert!(h.keep_alive);
        assert_eq!(h.content_length, -1);
        assert_eq!(h.flags(), FLAG_KEEP_ALIVE);
    }

    #[test]
    fn partial_heads() {
        let s = "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n";
        for i in 0..s.len() {
            assert_eq!(p(&s[..i]), Ok(false), "prefix {i}");
        }
        let h = ok(s);
        assert_eq!(h.content_length, 5);
        assert_eq!(h.flags(), FLAG_KEEP_ALIVE | FLAG_HAS_BODY);
    }

    #[test]
    fn leading_empty_lines_are_skipped() {
        let h = ok("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!(h.head_len, 4 + 27);
        assert_eq!(status(&("\r\n".repeat(20) + "GET / HTTP/1.1\r\n\r\n")), 400);
    }

    #[test]
    fn http10_keep_alive_only_if_requested() {
        assert!(!ok("GET / HTTP/1.0\r\n\r\n").keep_alive);
        let h = ok("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
        assert!(h.keep_alive);
        assert_eq!(h.version, 0);
        assert!(!ok("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").keep_alive);
        assert!(!ok("GET / HTTP/1.1\r\nHost: x\r\nConnection: foo, close\r\n\r\n").keep_alive);
    }

    #[test]
    fn expect_chunked_head() {
        let h = ok("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
        assert!(h.expect_100 && h.chunked);
        assert_eq!(h.content_length, -1);
        assert_eq!(h.flags(), FLAG_KEEP_ALIVE | FLAG_EXPECT_100 | FLAG_CHUNKED | FLAG_HAS_BODY);
        assert!(ok("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").is_head);
    }

    #[test]
    fn bad_request_line() {
        assert_eq!(status("GET\r\n\r\n"), 400);
        assert_eq!(status("GET /\r\nHost: x\r\n\r\n"), 400);
        assert_eq!(status("G(T / HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        assert_eq!(status("GET  / HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        assert_eq!(status("GET / FOO/1.1\r\nHost: x\r\n\r\n"), 400);
        assert_eq!(status("GET / HTTP/1.1 x\r\nHost: x\r\n\r\n"), 400);
        assert_eq!(status("GET /a\x01b HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
    }

    #[test]
    fn unsupported_version() {
        assert_eq!(status("GET / HTTP/2.0\r\nHost: x\r\n\r\n"), 505);
        assert_eq!(status("GET / HTTP/1.2\r\nHost: x\r\n\r\n"), 505);
        assert_eq!(status("GET / HTTP/0.9\r\n\r\n"), 505);
    }

    #[test]
    fn bad_header_syntax() {
        assert_eq!(status("GET / HTTP/1.1\r\nHost: x\r\nNo colon\r\n\r\n"), 400);
        assert_eq!(status("GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n"), 400);
        assert_eq!(status("GET / HTTP/1.1\r\nHost: x\r\nName : v\r\n\r\n"), 400);
        assert_eq!(status("GET / HTTP/1.1\r\nHost: x\r\nA: b\x00c\r\n\r\n"), 400);
        // obs-fold
        assert_eq!(status("GET / HTTP/1.1\r\nHost: x\r\nA: b\r\n c\r\n\r\n"), 400);
    }

    #[test]
    fn content_length_rules() {
        assert_eq!(ok("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 7, 7\r\n\r\n").content_length, 7);
        assert_eq!(ok("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\nContent-Length: 7\r\n\r\n").content_length, 7);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\nContent-Length: 8\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 7, 8\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +1\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0x10\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n"), 413);
        assert_eq!(ok("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n").content_length, 1000);
    }

    #[test]
    fn smuggling_and_transfer_encoding() {
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"), 400);
        // RFC 9110 10.1.4: transfer-coding = token *( OWS ";" OWS transfer-parameter ); 400 on Jetty too
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\", chunked\r\n\r\n"), 400);
        assert_eq!(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: = gzip, chunked\r\n\r\n"), 400);
    }

    #[test]
    fn host_rules() {
        assert_eq!(status("GET / HTTP/1.1\r\n\r\n"), 400);
        assert_eq!(status("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
        ok("GET / HTTP/1.0\r\n\r\n");
        ok("GET / HTTP/1.1\r\nHost:\r\n\r\n");
    }

    #[test]
    fn limits() {
        // request line of exactly 100 bytes is fine, 101 is 414 (complete or not)
        let t = "/".repeat(100 - "GET  HTTP/1.1".len());
        ok(&format!("GET {t} HTTP/1.1\r\nHost: x\r\n\r\n"));
        let t = "/".repeat(101 - "GET  HTTP/1.1".len());
        assert_eq!(status(&format!("GET {t} HTTP/1.1\r\nHost: x\r\n\r\n")), 414);
        assert_eq!(status(&format!("GET /{}", "a".repeat(200))), 414);
        // whole head over 300 bytes: 431, complete or partial
        let big = format!("X: {}\r\n", "v".repeat(300));
        assert_eq!(status(&format!("GET / HTTP/1.1\r\nHost: x\r\n{big}\r\n")), 431);
        assert_eq!(status(&format!("GET / HTTP/1.1\r\nHost: x\r\n{big}")), 431);
        // request line and headers each under the limit, together over it (issue 14)
        let line = format!("GET /{} HTTP/1.1\r\n", "a".repeat(80));
        let header = format!("X: {}\r\n", "v".repeat(200));
        assert_eq!(status(&format!("{line}Host: x\r\n{header}\r\n")), 431);
    }

    /// Jetty 12.1.7's HttpParser with requestHeaderSize 64, byte for byte.
    #[test]
    fn limit_accounting_as_jetty() {
        let cfg = Config::new(64, 64, -1, 1000, 1000);
        let st = |s: &str| {
            let mut h = RequestHead::default();
            parse(s.as_bytes(), &cfg, &mut h).map_err(|e| e.status())
        };
        let head = format!("GET / HTTP/1.1\r\nHost: x\r\nX: {}\r\n\r\n", "v".repeat(32));
        assert_eq!(head.len(), 64);
        assert_eq!(st(&head), Ok(true));
        // empty lines before the request line count
        assert_eq!(st(&format!("\r\n{head}")), Err(431));
        assert_eq!(st(&format!("GET / HTTP/1.1\r\nHost: x\r\nX: {}\r\n\r\n", "v".repeat(33))), Err(431));
        // the 65th byte in the target (from its second byte) or in a CRLF request line: 414
        for (t, want) in [(48, 431), (49, 414), (60, 414)] {
            let s = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(t));
            assert_eq!(st(&s), Err(want), "target {}", t + 1);
            let s = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(t));
            assert_eq!(st(&s), Err(want), "target {} with Host", t + 1);
        }
        assert_eq!(st(&format!("GET /{} HTTP/1.", "a".repeat(60))), Err(414));
        assert_eq!(st(&format!("GET /{}", "a".repeat(60))), Err(414));
        assert_eq!(st(&format!("{} /{}", "M".repeat(63), " HTTP/1.1\r\n")), Err(431));
        assert_eq!(st(&format!("{} /a{}", "M".repeat(62), " HTTP/1.1\r\n")), Err(414));
        assert_eq!(st(&format!("{} / HTTP/1.1\r\n", "GETGETGET".repeat(8))), Err(431));
    }

    /// Jetty has no header count limit: only the size bounds it.
    #[test]
    fn many_headers_within_the_size() {
        let cfg = Config::new(8192, 8192, -1, 1000, 1000);
        let mut s = String::from("GET / HTTP/1.1\r\nHost: x\r\n");
        for i in 0..1000 {
            s.push_str(&format!("X{i}:\r\n"));
        }
        s.push_str("\r\n");
        let mut h = RequestHead::default();
        assert_eq!(parse(s.as_bytes(), &cfg, &mut h), Ok(true));
        assert_eq!(h.headers.len(), 1001);
        s.insert_str(s.len() - 2, &"A:\r\n".repeat(2000));
        assert_eq!(parse(s.as_bytes(), &cfg, &mut h).unwrap_err().status(), 431);
    }

    /// RFC 9112 2.2: a bare CR is 400 at once, not a wait for the rest of the head.
    #[test]
    fn bare_cr() {
        assert_eq!(p("GET /plaintext HTTP/1.1\rHost: x\r\r"), Err(HeadError::BadRequest("bare CR")));
        assert_eq!(status("GET /plaintext HTTP/1.1\r\nHost: x\rY: z\r\n\r\n"), 400);
        assert_eq!(status("GET /plaintext HTTP/1.1\r\nHost: x\rY: z"), 400);
        assert_eq!(p("GET /plaintext HTTP/1.1\r"), Ok(false));
        // before the request line too (an empty line is CRLF or LF)
        assert_eq!(status("\rGET / HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        assert_eq!(status("\r\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        ok("\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!(p("\r"), Ok(false));
    }

    #[test]
    fn target_forms_and_hosts() {
        assert_eq!(status("GET plaintext HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        ok("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
        ok("GET http://x/y HTTP/1.1\r\nHost: x\r\n\r\n");
        for bad in ["u:p@x", "x:abc", "a b", "x/y", "x:99999999"] {
            assert_eq!(status(&format!("GET / HTTP/1.1\r\nHost: {bad}\r\n\r\n")), 400, "{bad}");
        }
    }
}
