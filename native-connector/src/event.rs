//! Binary event encoding of ABI.md (little-endian, unaligned).

use crate::request_head::RequestHead;
use std::net::{IpAddr, SocketAddr};

pub const KIND_REQUEST: u8 = 1;
pub const KIND_CONTENT: u8 = 2;
pub const CONTENT_LEN: usize = 12;
pub const KIND_SENT: u8 = 3;
pub const SENT_LEN: usize = 16;

struct W<'a> {
    out: &'a mut [u8],
    pos: usize,
}

impl W<'_> {
    fn put(&mut self, b: &[u8]) {
        self.out[self.pos..self.pos + b.len()].copy_from_slice(b);
        self.pos += b.len();
    }
}

/// Exact size of the REQUEST event for `head` (whose spans point into `buf`).
pub fn request_len(head: &RequestHead) -> usize {
    let fixed = 4 + 8 + 8 + 8 + 2 * (1 + 16 + 2) + 2 + 4 + 2;
    let hs: usize = head.headers.iter().map(|(n, v)| 6 + n.len as usize + v.len as usize).sum();
    fixed + head.method.len as usize + head.target.len as usize + hs
}

fn addr(w: &mut W, a: &SocketAddr) {
    let mut bytes = [0u8; 16];
    let ip = match a.ip() {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    };
    let family = match ip {
        IpAddr::V4(v4) => {
            bytes[..4].copy_from_slice(&v4.octets());
            4u8
        }
        IpAddr::V6(v6) => {
            bytes.copy_from_slice(&v6.octets());
            6u8
        }
    };
    w.put(&[family]);
    w.put(&bytes);
    w.put(&a.port().to_le_bytes());
}

/// Writes a REQUEST event; `out` must hold `request_len(head)` bytes. Returns the length.
pub fn encode_request(
    out: &mut [u8],
    conn: u64,
    conn_id: u64,
    head: &RequestHead,
    buf: &[u8],
    remote: &SocketAddr,
    local: &SocketAddr,
) -> usize {
    let mut w = W { out, pos: 0 };
    w.put(&[KIND_REQUEST, head.version, head.flags(), 0]);
    w.put(&conn.to_le_bytes());
    w.put(&conn_id.to_le_bytes());
    w.put(&head.content_length.to_le_bytes());
    addr(&mut w, remote);
    addr(&mut w, local);
    w.put(&(head.method.len as u16).to_le_bytes());
    w.put(head.method.of(buf));
    w.put(&head.target.len.to_le_bytes());
    w.put(head.target.of(buf));
    w.put(&(head.headers.len() as u16).to_le_bytes());
    for (n, v) in &head.headers {
        w.put(&(n.len as u16).to_le_bytes());
        w.put(n.of(buf));
        w.put(&v.len.to_le_bytes());
        w.put(v.of(buf));
    }
    w.pos
}

pub fn encode_content(out: &mut [u8], conn: u64) -> usize {
    out[0] = KIND_CONTENT;
    out[1..4].fill(0);
    out[4..12].copy_from_slice(&conn.to_le_bytes());
    CONTENT_LEN
}

/// SENT: a pending non-blocking send is over; `result` as lyger_send's (0 written).
pub fn encode_sent(out: &mut [u8], conn: u64, result: i32) -> usize {
    out[0] = KIND_SENT;
    out[1..4].fill(0);
    out[4..12].copy_from_slice(&conn.to_le_bytes());
    out[12..16].copy_from_slice(&result.to_le_bytes());
    SENT_LEN
}

/// Most trailer fields `encode_trailers` passes on; the section itself is bounded by body.rs.
const MAX_TRAILER_FIELDS: usize = 64;

/// Encodes a raw trailer section ("Name: value\r\n"...) as `lyger_trailers` returns it:
/// u16 count, then per field u16 name_len, name, u32 value_len, value. Returns the length,
/// -3 if the section does not parse as header fields, -1 if `out` is too small.
pub fn encode_trailers(out: &mut [u8], section: &[u8]) -> i32 {
    let mut raw = Vec::with_capacity(section.len() + 2);
    raw.extend_from_slice(section);
    raw.extend_from_slice(b"\r\n");
    let mut fields = [httparse::EMPTY_HEADER; MAX_TRAILER_FIELDS];
    let parsed = match httparse::parse_headers(&raw, &mut fields) {
        Ok(httparse::Status::Complete((_, parsed))) => parsed,
        _ => return -3,
    };
    let need = 2 + parsed.iter().map(|f| 6 + f.name.len() + f.value.len()).sum::<usize>();
    if need > out.len() {
        return -1;
    }
    let mut w = W { out, pos: 0 };
    w.put(&(parsed.len() as u16).to_le_bytes());
    for f in parsed.iter() {
        w.put(&(f.name.len() as u16).to_le_bytes());
        w.put(f.name.as_bytes());
        w.put(&(f.value.len() as u32).to_le_bytes());
        w.put(f.value);
    }
    w.pos as i32
}

/// Decoded REQUEST event (used by tests and the Rust harness, mirrors what Java does).
#[derive(Debug, Clone)]
pub struct DecodedRequest {
    pub version: u8,
    pub flags: u8,
    pub conn: u64,
    pub conn_id: u64,
    pub content_length: i64,
    pub remote: SocketAddr,
    pub local: SocketAddr,
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub enum Decoded {
    Request(DecodedRequest),
    Content(u64),
    /// conn, result
    Sent(u64, i32),
}

pub fn decode(b: &[u8]) -> Decoded {
    let u16at = |p: usize| u16::from_le_bytes([b[p], b[p + 1]]);
    let u32at = |p: usize| u32::from_le_bytes(b[p..p + 4].try_into().unwrap());
    let u64at = |p: usize| u64::from_le_bytes(b[p..p + 8].try_into().unwrap());
    if b[0] == KIND_CONTENT {
        return Decoded::Content(u64at(4));
    }
    if b[0] == KIND_SENT {
        return Decoded::Sent(u64at(4), u32at(12) as i32);
    }
    let addr = |p: usize| -> SocketAddr {
        let ip: IpAddr = if b[p] == 4 {
            IpAddr::from(<[u8; 4]>::try_from(&b[p + 1..p + 5]).unwrap())
        } else {
            IpAddr::from(<[u8; 16]>::try_from(&b[p + 1..p + 17]).unwrap())
        };
        SocketAddr::new(ip, u16at(p + 17))
    };
    let s = |p: usize, n: usize| String::from_utf8_lossy(&b[p..p + n]).into_owned();
    let mut p = 28;
    let remote = addr(p);
    p += 19;
    let local = addr(p);
    p += 19;
    let ml = u16at(p) as usize;
    let method = s(p + 2, ml);
    p += 2 + ml;
    let tl = u32at(p) as usize;
    let target = s(p + 4, tl);
    p += 4 + tl;
    let hc = u16at(p) as usize;
    p += 2;
    let mut headers = Vec::with_capacity(hc);
    for _ in 0..hc {
        let nl = u16at(p) as usize;
        let name = s(p + 2, nl);
        p += 2 + nl;
        let vl = u32at(p) as usize;
        let value = s(p + 4, vl);
        p += 4 + vl;
        headers.push((name, value));
    }
    assert_eq!(p, b.len(), "event length");
    Decoded::Request(DecodedRequest {
        version: b[1],
        flags: b[2],
        conn: u64at(4),
        conn_id: u64at(12),
        content_length: u64at(20) as i64,
        remote,
        local,
        method,
        target,
        headers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn roundtrip_and_size_bound() {
        let cfg = Config::new(64, 200, -1, 1000, 1000);
        let s = b"POST /p?q HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nX: a b\r\n\r\n";
        let mut h = RequestHead::default();
        assert!(crate::request_head::parse(s, &cfg, &mut h).unwrap());
        let mut out = vec![0u8; cfg.event_buffer_size()];
        let r: SocketAddr = "10.1.2.3:4567".parse().unwrap();
        let l: SocketAddr = "[::1]:80".parse().unwrap();
        let n = encode_request(&mut out, 0xdead, 7, &h, s, &r, &l);
        assert_eq!(n, request_len(&h));
        assert!(n <= s.len() + 128 + 6 * 3);
        match decode(&out[..n]) {
            Decoded::Request(d) => {
                assert_eq!(d.conn, 0xdead);
                assert_eq!(d.conn_id, 7);
                assert_eq!(d.content_length, 3);
                assert_eq!(d.remote, r);
                assert_eq!(d.local, l);
                assert_eq!(d.method, "POST");
                assert_eq!(d.target, "/p?q");
                assert_eq!(d.headers[2], ("X".into(), "a b".into()));
                assert_eq!(d.flags, 1 | 8);
                assert_eq!(d.version, 1);
            }
            _ => panic!(),
        }
        let n = encode_content(&mut out, 42);
        assert!(matches!(decode(&out[..n]), Decoded::Content(42)));
        let n = encode_sent(&mut out, 43, -2);
        assert!(matches!(decode(&out[..n]), Decoded::Sent(43, -2)));
    }
}

#[cfg(test)]
mod trailer_tests {
    use super::encode_trailers;

    #[test]
    fn trailers_encode_like_headers() {
        let mut out = [0u8; 64];
        let n = encode_trailers(&mut out, b"X-Checksum: abc123\r\nExpires: never\r\n");
        assert_eq!(n, 2 + 6 + 10 + 6 + 6 + 7 + 5);
        assert_eq!(&out[..2], &2u16.to_le_bytes());
        assert_eq!(&out[2..4], &10u16.to_le_bytes());
        assert_eq!(&out[4..14], b"X-Checksum");
        assert_eq!(&out[14..18], &6u32.to_le_bytes());
        assert_eq!(&out[18..24], b"abc123");
    }

    #[test]
    fn no_trailers_is_an_empty_list() {
        let mut out = [0u8; 4];
        assert_eq!(encode_trailers(&mut out, b""), 2);
        assert_eq!(&out[..2], &0u16.to_le_bytes());
    }

    #[test]
    fn bad_trailer_syntax_and_small_buffer_are_errors() {
        let mut out = [0u8; 8];
        assert_eq!(encode_trailers(&mut out, b"no colon here\r\n"), -3);
        assert_eq!(encode_trailers(&mut out, b"Name: a long enough value\r\n"), -1);
    }
}
