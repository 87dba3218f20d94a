//! Response head encoding (from the Java head encoding of ABI.md) and body framing.

use crate::date::append_date;
use crate::status::reason;

/// The response head as Java encodes it: status, content_length, raw header list.
pub struct JavaHead<'a> {
    pub status: u16,
    pub content_length: i64,
    headers: FieldList<'a>,
}

/// A field list as Java encodes it (ABI.md): `count` fields of u16 name_len, name, u32
/// value_len, value.
struct FieldList<'a> {
    count: u16,
    bytes: &'a [u8],
}

/// What the request allows, taken from the request head.
#[derive(Clone, Copy, Debug)]
pub struct ReqInfo {
    pub version: u8,
    pub is_head: bool,
    pub keep_alive: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// HEAD, 1xx, 204, 304: body bytes given are dropped.
    NoBody,
    Length(u64),
    Chunked,
    /// HTTP/1.0 with unknown length: the body ends when the connection closes.
    Close,
}

#[derive(Debug, PartialEq, Eq)]
pub struct InvalidHead;

pub fn parse_java_head(b: &[u8]) -> Result<JavaHead<'_>, InvalidHead> {
    if b.len() < 12 {
        return Err(InvalidHead);
    }
    let status = u16::from_le_bytes([b[0], b[1]]);
    let content_length = i64::from_le_bytes(b[2..10].try_into().unwrap());
    let count = u16::from_le_bytes([b[10], b[11]]);
    if !(100..=999).contains(&status) {
        return Err(InvalidHead);
    }
    Ok(JavaHead { status, content_length, headers: FieldList { count, bytes: &b[12..] } })
}

impl<'a> JavaHead<'a> {
    fn for_each(&self, f: impl FnMut(&'a [u8], &'a [u8]) -> Result<(), InvalidHead>) -> Result<(), InvalidHead> {
        self.headers.for_each(f)
    }
}

impl<'a> FieldList<'a> {
    /// Iterates (name, value); a truncated list yields an Err item.
    fn for_each(&self, mut f: impl FnMut(&'a [u8], &'a [u8]) -> Result<(), InvalidHead>) -> Result<(), InvalidHead> {
        let mut b = self.bytes;
        for _ in 0..self.count {
            if b.len() < 2 {
                return Err(InvalidHead);
            }
            let nl = u16::from_le_bytes([b[0], b[1]]) as usize;
            if b.len() < 2 + nl + 4 {
                return Err(InvalidHead);
            }
            let name = &b[2..2 + nl];
            let vl = u32::from_le_bytes(b[2 + nl..6 + nl].try_into().unwrap()) as usize;
            if b.len() < 6 + nl + vl {
                return Err(InvalidHead);
            }
            let value = &b[6 + nl..6 + nl + vl];
            b = &b[6 + nl + vl..];
            f(name, value)?;
        }
        Ok(())
    }
}

fn is_tchar(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
}

fn check_field(name: &[u8], value: &[u8]) -> Result<(), InvalidHead> {
    if name.is_empty() || !name.iter().all(|&c| is_tchar(c)) {
        return Err(InvalidHead);
    }
    if value.iter().any(|&c| c == b'\r' || c == b'\n' || c == 0) {
        return Err(InvalidHead);
    }
    Ok(())
}

fn push_status_line(out: &mut Vec<u8>, status: u16) {
    out.extend_from_slice(b"HTTP/1.1 ");
    out.extend_from_slice(&[b'0' + (status / 100) as u8, b'0' + (status / 10 % 10) as u8, b'0' + (status % 10) as u8]);
    out.push(b' ');
    out.extend_from_slice(reason(status).as_bytes());
    out.extend_from_slice(b"\r\n");
}

fn push_header(out: &mut Vec<u8>, name: &[u8], value: &[u8]) {
    out.extend_from_slice(name);
    out.extend_from_slice(b": ");
    out.extend_from_slice(value);
    out.extend_from_slice(b"\r\n");
}

pub fn push_decimal(out: &mut Vec<u8>, mut v: u64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&tmp[i..]);
}

/// Appends a chunk header "<hex>\r\n".
pub fn push_chunk_size(out: &mut Vec<u8>, v: usize) {
    let mut tmp = [0u8; 16];
    let mut i = tmp.len();
    let mut v = v as u64;
    loop {
        i -= 1;
        tmp[i] = b"0123456789abcdef"[(v & 15) as usize];
        v >>= 4;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&tmp[i..]);
    out.extend_from_slice(b"\r\n");
}

/// Interim (1xx) response: status line and the given headers, nothing else.
pub fn encode_interim(out: &mut Vec<u8>, h: &JavaHead) -> Result<(), InvalidHead> {
    out.clear();
    push_status_line(out, h.status);
    h.for_each(|n, v| {
        check_field(n, v)?;
        if !n.eq_ignore_ascii_case(b"content-length") && !n.eq_ignore_ascii_case(b"transfer-encoding") {
            push_header(out, n, v);
        }
        Ok(())
    })?;
    out.extend_from_slice(b"\r\n");
    Ok(())
}

/// The 101 that switches the connection to another protocol (ABI.md, "Protocol upgrade"): the
/// given headers but the framing ones and `Connection`, then our `Connection: Upgrade` and a
/// `Date`. No body framing: what follows belongs to the new protocol. Err without a non-empty
/// `Upgrade` header (RFC 9110 §15.2.2 requires it: the client must learn what it switched to).
pub fn encode_switching(out: &mut Vec<u8>, h: &JavaHead) -> Result<(), InvalidHead> {
    out.clear();
    push_status_line(out, 101);
    let mut upgrade_given = false;
    let mut date_given = false;
    h.for_each(|n, v| {
        check_field(n, v)?;
        if n.eq_ignore_ascii_case(b"content-length")
            || n.eq_ignore_ascii_case(b"transfer-encoding")
            || n.eq_ignore_ascii_case(b"connection")
        {
            return Ok(());
        }
        if n.eq_ignore_ascii_case(b"upgrade") && !crate::request_head::trim(v).is_empty() {
            upgrade_given = true;
        }
        if n.eq_ignore_ascii_case(b"date") {
            date_given = true;
        }
        push_header(out, n, v);
        Ok(())
    })?;
    if !upgrade_given {
        return Err(InvalidHead);
    }
    out.extend_from_slice(b"Connection: Upgrade\r\n");
    if !date_given {
        out.extend_from_slice(b"Date: ");
        append_date(out);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    Ok(())
}

/// Encodes a final response head into `out` (cleared first) and returns its framing and
/// whether the connection stays open after it. `close`: the connection closes after this
/// response whatever the request allows (engine stopping, an unread body that cannot be
/// discarded). `trailers`: the response ends with trailer fields, so it is chunked on HTTP/1.1
/// whatever its length (as Jetty's HttpGenerator). On error `out` holds garbage: write nothing.
pub fn encode_head(
    out: &mut Vec<u8>,
    h: &JavaHead,
    req: ReqInfo,
    close: bool,
    first_is_last: bool,
    body_len: usize,
    trailers: bool,
) -> Result<(Framing, bool), InvalidHead> {
    out.clear();
    push_status_line(out, h.status);
    let mut close_given = false;
    let mut date_given = false;
    h.for_each(|n, v| {
        check_field(n, v)?;
        if n.eq_ignore_ascii_case(b"content-length") || n.eq_ignore_ascii_case(b"transfer-encoding") {
            return Ok(()); // we frame the body ourselves
        }
        if n.eq_ignore_ascii_case(b"connection") {
            // we write our own Connection header; remember whether "close" was asked for
            if v.split(|&c| c == b',').any(|t| crate::request_head::trim(t).eq_ignore_ascii_case(b"close")) {
                close_given = true;
            }
            return Ok(());
        }
        if n.eq_ignore_ascii_case(b"date") {
            date_given = true;
        }
        push_header(out, n, v);
        Ok(())
    })?;

    let status = h.status;
    let no_body = req.is_head || status < 200 || status == 204 || status == 304;
    let framing = if status == 204 || status < 200 {
        Framing::NoBody
    } else if trailers && !no_body && req.version >= 1 {
        out.extend_from_slice(b"Transfer-Encoding: chunked\r\n");
        Framing::Chunked
    } else if h.content_length >= 0 {
        out.extend_from_slice(b"Content-Length: ");
        push_decimal(out, h.content_length as u64);
        out.extend_from_slice(b"\r\n");
        if no_body {
            Framing::NoBody
        } else {
            Framing::Length(h.content_length as u64)
        }
    } else if no_body {
        Framing::NoBody
    } else if first_is_last {
        out.extend_from_slice(b"Content-Length: ");
        push_decimal(out, body_len as u64);
        out.extend_from_slice(b"\r\n");
        Framing::Length(body_len as u64)
    } else if req.version >= 1 {
        out.extend_from_slice(b"Transfer-Encoding: chunked\r\n");
        Framing::Chunked
    } else {
        Framing::Close
    };
    let keep_alive = req.keep_alive && !close_given && !close && framing != Framing::Close;
    if !keep_alive {
        out.extend_from_slice(b"Connection: close\r\n");
    } else if req.version == 0 {
        out.extend_from_slice(b"Connection: keep-alive\r\n");
    }
    if !date_given {
        out.extend_from_slice(b"Date: ");
        append_date(out);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    Ok((framing, keep_alive))
}

/// The last chunk of a chunked body with its trailer section: `0\r\n`, the fields (validated as
/// header fields), `\r\n`. `fields` is Java's encoding (ABI.md `lyger_send_trailers`): u16 count,
/// then the fields; empty means none. `out` is cleared first; on error it holds garbage.
pub fn encode_last_chunk(out: &mut Vec<u8>, fields: &[u8]) -> Result<(), InvalidHead> {
    out.clear();
    out.extend_from_slice(b"0\r\n");
    if !fields.is_empty() {
        if fields.len() < 2 {
            return Err(InvalidHead);
        }
        let list = FieldList { count: u16::from_le_bytes([fields[0], fields[1]]), bytes: &fields[2..] };
        list.for_each(|n, v| {
            check_field(n, v)?;
            push_header(out, n, v);
            Ok(())
        })?;
    }
    out.extend_from_slice(b"\r\n");
    Ok(())
}

/// Java's encoding of a field list (`u16 count`, then the fields), for tests and the harness.
pub fn java_fields(fields: &[(&str, &str)]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(&(fields.len() as u16).to_le_bytes());
    for (n, val) in fields {
        v.extend_from_slice(&(n.len() as u16).to_le_bytes());
        v.extend_from_slice(n.as_bytes());
        v.extend_from_slice(&(val.len() as u32).to_le_bytes());
        v.extend_from_slice(val.as_bytes());
    }
    v
}

/// A complete error response written by the engine itself (then it closes).
pub fn error_response(out: &mut Vec<u8>, status: u16) {
    out.clear();
    push_status_line(out, status);
    let msg = reason(status);
    out.extend_from_slice(b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: ");
    push_decimal(out, msg.len() as u64 + 1);
    out.extend_from_slice(b"\r\nConnection: close\r\nDate: ");
    append_date(out);
    out.extend_from_slice(b"\r\n\r\n");
    out.extend_from_slice(msg.as_bytes());
    out.push(b'\n');
}

/// Builds the Java head encoding (for tests and the Rust test harness).
pub fn java_head(status: u16, content_length: i64, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(&status.to_le_bytes());
    v.extend_from_slice(&content_length.to_le_bytes());
    v.extend_from_slice(&java_fields(headers));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    const GET11: ReqInfo = ReqInfo { version: 1, is_head: false, keep_alive: true };
    const HEAD11: ReqInfo = ReqInfo { version: 1, is_head: true, keep_alive: true };
    const GET10: ReqInfo = ReqInfo { version: 0, is_head: false, keep_alive: false };
    const GET10KA: ReqInfo = ReqInfo { version: 0, is_head: false, keep_alive: true };

    fn enc(status: u16, cl: i64, hs: &[(&str, &str)], req: ReqInfo, last: bool, n: usize) -> (String, Framing, bool) {
        let jh = java_head(status, cl, hs);
        let h = parse_java_head(&jh).unwrap();
        let mut out = Vec::new();
        let (f, ka) = encode_head(&mut out, &h, req, false, last, n, false).unwrap();
        (String::from_utf8(out).unwrap(), f, ka)
    }

    #[test]
    fn content_length_given() {
        let (s, f, ka) = enc(200, 5, &[("Content-Type", "text/plain"), ("Content-Length", "99")], GET11, false, 0);
        assert!(s.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nDate: "), "{s}");
        assert!(s.ends_with(" GMT\r\n\r\n"));
        assert!(!s.contains("99"));
        assert_eq!(f, Framing::Length(5));
        assert!(ka);
    }

    #[test]
    fn single_send_gets_length() {
        let (s, f, _) = enc(404, -1, &[], GET11, true, 12);
        assert!(s.starts_with("HTTP/1.1 404 Not Found\r\nContent-Length: 12\r\n"), "{s}");
        assert_eq!(f, Framing::Length(12));
    }

    #[test]
    fn chunked_when_unknown() {
        let (s, f, ka) = enc(200, -1, &[("Transfer-Encoding", "gzip")], GET11, false, 3);
        assert!(s.contains("Transfer-Encoding: chunked\r\n"));
        assert!(!s.contains("gzip"));
        assert_eq!(f, Framing::Chunked);
        assert!(ka);
    }

    #[test]
    fn http10_close_delimited_and_keep_alive() {
        let (s, f, ka) = enc(200, -1, &[], GET10KA, false, 3);
        assert_eq!(f, Framing::Close);
        assert!(!ka);
        assert!(s.contains("Connection: close\r\n"));
        assert!(!s.contains("chunked"));
        let (s, f, ka) = enc(200, 3, &[], GET10KA, false, 3);
        assert_eq!(f, Framing::Length(3));
        assert!(ka);
        assert!(s.contains("Connection: keep-alive\r\n"));
        let (s, _, ka) = enc(200, 3, &[], GET10, false, 3);
        assert!(!ka);
        assert!(s.contains("Connection: close\r\n"));
    }

    #[test]
    fn head_204_304() {
        let (s, f, ka) = enc(200, 42, &[], HEAD11, true, 0);
        assert!(s.contains("Content-Length: 42\r\n"));
        assert_eq!(f, Framing::NoBody);
        assert!(ka);
        let (s, f, _) = enc(200, -1, &[], HEAD11, false, 0);
        assert!(!s.contains("Content-Length") && !s.contains("chunked"));
        assert_eq!(f, Framing::NoBody);
        let (s, f, _) = enc(204, 10, &[], GET11, true, 10);
        assert!(!s.contains("Content-Length") && !s.contains("chunked"), "{s}");
        assert_eq!(f, Framing::NoBody);
        let (s, f, _) = enc(304, 10, &[], GET11, true, 0);
        assert!(s.contains("Content-Length: 10\r\n"));
        assert_eq!(f, Framing::NoBody);
        let (s, f, _) = enc(304, -1, &[], GET11, false, 0);
        assert!(!s.contains("Content-Length") && !s.contains("chunked"));
        assert_eq!(f, Framing::NoBody);
    }

    #[test]
    fn connection_close_given_and_date_kept() {
        let (s, _, ka) = enc(200, 0, &[("Connection", "close"), ("Date", "Mon, 01 Jan 2024 00:00:00 GMT")], GET11, true, 0);
        assert!(!ka);
        assert_eq!(s.matches("Connection: close").count(), 1);
        assert_eq!(s.matches("Date:").count(), 1);
        assert!(s.contains("Date: Mon, 01 Jan 2024"));
    }

    #[test]
    fn stopping_closes() {
        let jh = java_head(200, 0, &[]);
        let mut out = Vec::new();
        let (_, ka) = encode_head(&mut out, &parse_java_head(&jh).unwrap(), GET11, true, true, 0, false).unwrap();
        assert!(!ka);
    }

    #[test]
    fn invalid_heads() {
        let mut out = Vec::new();
        for hs in [
            &[("X-A", "a\r\nInjected: 1")][..],
            &[("X-A", "a\nb")],
            &[("X-A", "a\rb")],
            &[("X A", "v")],
            &[("X:A", "v")],
            &[("", "v")],
        ] {
            let jh = java_head(200, -1, hs);
            let h = parse_java_head(&jh).unwrap();
            assert_eq!(encode_head(&mut out, &h, GET11, false, true, 0, false).unwrap_err(), InvalidHead);
        }
        assert!(parse_java_head(&java_head(99, -1, &[])).is_err());
        assert!(parse_java_head(&[1, 2, 3]).is_err());
        let mut jh = java_head(200, -1, &[("A", "b")]);
        jh.truncate(jh.len() - 1);
        assert!(encode_head(&mut out, &parse_java_head(&jh).unwrap(), GET11, false, true, 0, false).is_err());
    }

    #[test]
    fn interim_and_errors() {
        let jh = java_head(103, -1, &[("Link", "</a>; rel=preload")]);
        let mut out = Vec::new();
        encode_interim(&mut out, &parse_java_head(&jh).unwrap()).unwrap();
        assert_eq!(out, b"HTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n");
        error_response(&mut out, 431);
        let s = String::from_utf8(out.clone()).unwrap();
        assert!(s.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(s.ends_with("\r\n\r\nRequest Header Fields Too Large\n"));
        assert!(s.contains("Content-Length: 32\r\n"));
    }

    #[test]
    fn trailers_make_the_body_chunked_on_http_1_1_only() {
        let trailers = |cl: i64, req: ReqInfo, last: bool| {
            let jh = java_head(200, cl, &[("Content-Length", "5")]);
            let mut out = Vec::new();
            let (f, ka) = encode_head(&mut out, &parse_java_head(&jh).unwrap(), req, false, last, 5, true).unwrap();
            (String::from_utf8(out).unwrap(), f, ka)
        };
        // a known length, or a first send that is also the last, still goes chunked
        for (cl, last) in [(5, false), (-1, true), (-1, false)] {
            let (s, f, ka) = trailers(cl, GET11, last);
            assert_eq!(f, Framing::Chunked, "{s}");
            assert!(s.contains("Transfer-Encoding: chunked\r\n") && !s.contains("Content-Length"), "{s}");
            assert!(ka);
        }
        // HTTP/1.0 cannot carry them: framed as without trailers
        let (s, f, _) = trailers(5, GET10KA, false);
        assert_eq!(f, Framing::Length(5), "{s}");
        let (_, f, _) = trailers(-1, GET10KA, false);
        assert_eq!(f, Framing::Close);
        // no body at all
        let (s, f, _) = trailers(5, HEAD11, false);
        assert_eq!(f, Framing::NoBody);
        assert!(!s.contains("chunked"), "{s}");
    }

    #[test]
    fn last_chunk_with_trailer_fields() {
        let mut out = Vec::new();
        encode_last_chunk(&mut out, &java_fields(&[("X-Checksum", "abc123"), ("X-Two", "2")])).unwrap();
        assert_eq!(out, b"0\r\nX-Checksum: abc123\r\nX-Two: 2\r\n\r\n");
        encode_last_chunk(&mut out, &java_fields(&[])).unwrap();
        assert_eq!(out, b"0\r\n\r\n");
        encode_last_chunk(&mut out, b"").unwrap();
        assert_eq!(out, b"0\r\n\r\n");
        for bad in [&[("X-A", "a\r\nInjected: 1")][..], &[("X A", "v")], &[("", "v")], &[("X-A", "a\0b")]] {
            assert_eq!(encode_last_chunk(&mut out, &java_fields(bad)), Err(InvalidHead), "{bad:?}");
        }
        let mut truncated = java_fields(&[("X-A", "abc")]);
        truncated.pop();
        assert_eq!(encode_last_chunk(&mut out, &truncated), Err(InvalidHead));
        assert_eq!(encode_last_chunk(&mut out, &[1]), Err(InvalidHead));
    }

    #[test]
    fn switching_protocols_head() {
        let mut out = Vec::new();
        let jh = java_head(101, 0, &[("Connection", "close"), ("Upgrade", "echo"), ("Content-Length", "0"), ("X-A", "1")]);
        encode_switching(&mut out, &parse_java_head(&jh).unwrap()).unwrap();
        let s = String::from_utf8(out.clone()).unwrap();
        assert!(s.starts_with("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nX-A: 1\r\nConnection: Upgrade\r\nDate: "), "{s}");
        assert!(s.ends_with(" GMT\r\n\r\n") && !s.contains("close") && !s.contains("Content-Length"), "{s}");
        for bad in [&[][..], &[("Upgrade", " ")], &[("Upgrade", "echo\r\nX: 1")]] {
            let jh = java_head(101, -1, bad);
            assert_eq!(encode_switching(&mut out, &parse_java_head(&jh).unwrap()), Err(InvalidHead), "{bad:?}");
        }
    }

    #[test]
    fn numbers() {
        let mut v = Vec::new();
        push_chunk_size(&mut v, 0x1a2b);
        push_decimal(&mut v, 0);
        push_decimal(&mut v, 1234567890);
        assert_eq!(v, b"1a2b\r\n01234567890");
    }
}
