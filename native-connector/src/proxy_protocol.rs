//! The PROXY protocol header (HAProxy's proxy-protocol.txt, v1 text and v2 binary) that a load
//! balancer sends first on a connection to pass the client's addresses, parsed as Jetty 12's
//! `ProxyConnectionFactory` reads it. A pure function over the bytes received so far; reading them
//! off the socket is `connection/proxy_header.rs`.
//!
//! Hand-written: Debian packages no Rust crate for it (`apt-cache search` finds no librust-ppp nor
//! any proxy-protocol crate, and crates.io is not reachable here), and the format is small and
//! fixed: one text line of at most 107 bytes, or a 16-byte binary head and a bounded body.
//!
//! Jetty's semantics kept:
//! - detection: bytes that start with neither signature are no PROXY header at all, and the
//!   connection goes on as plain HTTP (Jetty's `DetectorConnectionFactory` upgrades to the next
//!   protocol); a header that starts with a signature but is malformed closes the connection;
//! - v1 `UNKNOWN` and v2 `LOCAL` keep the socket's own addresses; v2 `PROXY` needs a STREAM transport
//!   and a known family (`UNSPEC` with `PROXY` is refused, as Jetty refuses it);
//! - the v2 body (addresses and TLVs) is at most `v2_max` bytes (Jetty's `maxProxyHeader`, 1024).
//!
//! Stricter than Jetty, as the specification asks (a receiver "must" refuse what Jetty lets through):
//! a v1 line is at most 107 bytes (Jetty refuses from 110); v1 names its protocol (`TCP4`, `TCP6` or
//! `UNKNOWN`) and its addresses must be of that family and literal (Jetty would resolve a host name);
//! a v2 command other than LOCAL (0) or PROXY (1) and a TLV that overruns the header are refused.
//! TLVs are skipped (Jetty keeps them for `ProxyEndPoint.getTLV`, which a servlet cannot reach), and
//! v2 `UNIX` addresses are not passed on: the socket's own are kept (the event carries IP only).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// The longest v1 line, CRLF included (proxy-protocol.txt 2.1).
pub const V1_MAX: usize = 107;
/// The v2 signature, then version/command, family/transport and a big-endian u16 length.
pub const V2_SIGNATURE: [u8; 12] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];
pub const V2_FIXED: usize = 16;
/// Jetty's default `maxProxyHeader`: the most bytes of a v2 header after its fixed 16.
pub const V2_MAX_DEFAULT: usize = 1024;
const V1_SIGNATURE: &[u8] = b"PROXY";

/// The client's (`remote`: source) and the proxy's listening (`local`: destination) addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Addresses {
    pub remote: SocketAddr,
    pub local: SocketAddr,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// The bytes are the start of a header (or of a signature): at least `need` bytes in all are
    /// needed to go on (for v2 once its fixed part is in: exactly the header's length).
    NeedMore { need: usize },
    /// Neither signature: no PROXY header; the bytes belong to the next protocol.
    NotProxy,
    /// A whole header of `len` bytes; `addrs` None keeps the socket's addresses (UNKNOWN, LOCAL).
    Header { len: usize, addrs: Option<Addresses> },
    /// A header that starts with a signature but is malformed or too long: the connection closes.
    Invalid(&'static str),
}

/// Parses the start of a connection's input. `v2_max` bounds a v2 header after its fixed 16 bytes.
pub fn parse(bytes: &[u8], v2_max: usize) -> Parsed {
    if is_prefix(bytes, V1_SIGNATURE) {
        return if bytes.len() < V1_SIGNATURE.len() { Parsed::NeedMore { need: V1_SIGNATURE.len() } } else { parse_v1(bytes) };
    }
    if is_prefix(bytes, &V2_SIGNATURE) {
        return if bytes.len() < V2_FIXED { Parsed::NeedMore { need: V2_FIXED } } else { parse_v2(bytes, v2_max) };
    }
    Parsed::NotProxy
}

/// Whether `bytes` and `signature` agree on their common length.
fn is_prefix(bytes: &[u8], signature: &[u8]) -> bool {
    let n = bytes.len().min(signature.len());
    bytes[..n] == signature[..n]
}

/// `PROXY TCP4|TCP6|UNKNOWN src dst sport dport\r\n`, one space between fields.
fn parse_v1(bytes: &[u8]) -> Parsed {
    let window = &bytes[..bytes.len().min(V1_MAX)];
    // as Jetty: a control byte other than the CR that ends the line is refused, and CR must precede LF
    let cr = match window.iter().position(|&b| b < b' ') {
        Some(i) if window[i] == b'\r' => i,
        Some(_) => return Parsed::Invalid("PROXY v1: control character in the line"),
        None if bytes.len() >= V1_MAX => return Parsed::Invalid("PROXY v1: no CRLF within 107 bytes"),
        None => return Parsed::NeedMore { need: bytes.len() + 1 },
    };
    match window.get(cr + 1) {
        Some(b'\n') => {}
        Some(_) => return Parsed::Invalid("PROXY v1: CR not followed by LF"),
        None if bytes.len() >= V1_MAX => return Parsed::Invalid("PROXY v1: no CRLF within 107 bytes"),
        None => return Parsed::NeedMore { need: cr + 2 },
    }
    let len = cr + 2;
    let line = match std::str::from_utf8(&bytes[..cr]) {
        Ok(s) => s,
        Err(_) => return Parsed::Invalid("PROXY v1: not ASCII"),
    };
    let fields: Vec<&str> = line.split(' ').collect();
    if fields.len() > 6 {
        return Parsed::Invalid("PROXY v1: more than 6 fields");
    }
    let protocol = fields.get(1).copied().unwrap_or("");
    // UNKNOWN (Jetty: any case): the rest of the line is ignored, the socket's addresses stay
    if protocol.eq_ignore_ascii_case("UNKNOWN") {
        return Parsed::Header { len, addrs: None };
    }
    if fields.len() != 6 {
        return Parsed::Invalid("PROXY v1: expected 6 fields");
    }
    let (src, dst) = match protocol {
        "TCP4" => match (fields[2].parse::<Ipv4Addr>(), fields[3].parse::<Ipv4Addr>()) {
            (Ok(s), Ok(d)) => (IpAddr::V4(s), IpAddr::V4(d)),
            _ => return Parsed::Invalid("PROXY v1: bad IPv4 address"),
        },
        "TCP6" => match (fields[2].parse::<Ipv6Addr>(), fields[3].parse::<Ipv6Addr>()) {
            (Ok(s), Ok(d)) => (IpAddr::V6(s), IpAddr::V6(d)),
            _ => return Parsed::Invalid("PROXY v1: bad IPv6 address"),
        },
        _ => return Parsed::Invalid("PROXY v1: protocol is none of TCP4, TCP6, UNKNOWN"),
    };
    match (port(fields[4]), port(fields[5])) {
        (Some(sp), Some(dp)) => Parsed::Header {
            len,
            addrs: Some(Addresses { remote: SocketAddr::new(src, sp), local: SocketAddr::new(dst, dp) }),
        },
        _ => Parsed::Invalid("PROXY v1: bad port"),
    }
}

/// A decimal port 0-65535 (digits only, as Jetty's `Integer.parseInt` then `InetSocketAddress` allow, but no sign).
fn port(s: &str) -> Option<u16> {
    if s.is_empty() || s.len() > 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

const CMD_LOCAL: u8 = 0x0;
const CMD_PROXY: u8 = 0x1;
const FAMILY_UNSPEC: u8 = 0x0;
const FAMILY_INET: u8 = 0x1;
const FAMILY_INET6: u8 = 0x2;
const FAMILY_UNIX: u8 = 0x3;
const TRANSPORT_STREAM: u8 = 0x1;
/// Address block sizes: IPv4 (2 x 4 + 2 x 2), IPv6 (2 x 16 + 2 x 2), UNIX (2 x 108).
const INET_LEN: usize = 12;
const INET6_LEN: usize = 36;
const UNIX_LEN: usize = 216;

/// The 16-byte fixed part (signature checked by the caller), then addresses and TLVs.
fn parse_v2(bytes: &[u8], v2_max: usize) -> Parsed {
    let ver_cmd = bytes[12];
    if ver_cmd >> 4 != 2 {
        return Parsed::Invalid("PROXY v2: version is not 2");
    }
    let command = ver_cmd & 0x0F;
    if command != CMD_LOCAL && command != CMD_PROXY {
        return Parsed::Invalid("PROXY v2: command is neither LOCAL nor PROXY");
    }
    let (family, transport) = (bytes[13] >> 4, bytes[13] & 0x0F);
    if family > FAMILY_UNIX || transport > 2 {
        return Parsed::Invalid("PROXY v2: unknown family or transport");
    }
    let body_len = u16::from_be_bytes([bytes[14], bytes[15]]) as usize;
    if command == CMD_PROXY && (family == FAMILY_UNSPEC || transport != TRANSPORT_STREAM) {
        return Parsed::Invalid("PROXY v2: PROXY command without a stream transport of a known family");
    }
    if body_len > v2_max {
        return Parsed::Invalid("PROXY v2: header longer than allowed");
    }
    let len = V2_FIXED + body_len;
    if bytes.len() < len {
        return Parsed::NeedMore { need: len };
    }
    if command == CMD_LOCAL {
        // health checks of the proxy itself: the body is skipped whatever it holds
        return Parsed::Header { len, addrs: None };
    }
    let body = &bytes[V2_FIXED..len];
    let (addrs, tlvs) = match family {
        FAMILY_INET if body.len() >= INET_LEN => {
            let ip = |at: usize| IpAddr::V4(Ipv4Addr::new(body[at], body[at + 1], body[at + 2], body[at + 3]));
            (Some(addresses(ip(0), ip(4), &body[8..INET_LEN])), &body[INET_LEN..])
        }
        FAMILY_INET6 if body.len() >= INET6_LEN => {
            let ip = |at: usize| {
                let mut b = [0u8; 16];
                b.copy_from_slice(&body[at..at + 16]);
                IpAddr::V6(Ipv6Addr::from(b))
            };
            (Some(addresses(ip(0), ip(16), &body[32..INET6_LEN])), &body[INET6_LEN..])
        }
        FAMILY_UNIX if body.len() >= UNIX_LEN => (None, &body[UNIX_LEN..]),
        _ => return Parsed::Invalid("PROXY v2: header shorter than its addresses"),
    };
    if !tlvs_well_formed(tlvs) {
        return Parsed::Invalid("PROXY v2: malformed TLV");
    }
    Parsed::Header { len, addrs }
}

/// Source and destination addresses with the ports block (`src_port`, `dst_port`, big-endian).
fn addresses(src: IpAddr, dst: IpAddr, ports: &[u8]) -> Addresses {
    let sp = u16::from_be_bytes([ports[0], ports[1]]);
    let dp = u16::from_be_bytes([ports[2], ports[3]]);
    Addresses { remote: SocketAddr::new(src, sp), local: SocketAddr::new(dst, dp) }
}

/// Whether the TLV area is a sequence of (u8 type, u16 length, value) that ends exactly at its end.
fn tlvs_well_formed(mut tlvs: &[u8]) -> bool {
    while !tlvs.is_empty() {
        if tlvs.len() < 3 {
            return false;
        }
        let value_len = u16::from_be_bytes([tlvs[1], tlvs[2]]) as usize;
        if tlvs.len() < 3 + value_len {
            return false;
        }
        tlvs = &tlvs[3 + value_len..];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    fn header(bytes: &[u8]) -> (usize, Option<Addresses>) {
        match parse(bytes, V2_MAX_DEFAULT) {
            Parsed::Header { len, addrs } => (len, addrs),
            other => panic!("not a header: {other:?}"),
        }
    }

    fn invalid(bytes: &[u8]) -> bool {
        matches!(parse(bytes, V2_MAX_DEFAULT), Parsed::Invalid(_))
    }

    /// A v2 header: command, family/transport byte, body.
    fn v2(cmd: u8, fam: u8, body: &[u8]) -> Vec<u8> {
        let mut v = V2_SIGNATURE.to_vec();
        v.push(0x20 | cmd);
        v.push(fam);
        v.extend_from_slice(&(body.len() as u16).to_be_bytes());
        v.extend_from_slice(body);
        v
    }

    fn inet_body(tlvs: &[u8]) -> Vec<u8> {
        let mut b = vec![192, 0, 2, 7, 10, 0, 0, 1];
        b.extend_from_slice(&51000u16.to_be_bytes());
        b.extend_from_slice(&443u16.to_be_bytes());
        b.extend_from_slice(tlvs);
        b
    }

    #[test]
    fn v1_tcp4_tcp6_unknown() {
        let line = b"PROXY TCP4 192.0.2.7 10.0.0.1 51000 8080\r\nGET / HTTP/1.1\r\n";
        let (len, a) = header(line);
        assert_eq!(&line[len..len + 3], b"GET");
        assert_eq!(a, Some(Addresses { remote: addr("192.0.2.7:51000"), local: addr("10.0.0.1:8080") }));
        let (_, a) = header(b"PROXY TCP6 2001:db8::7 ::1 65535 0\r\n");
        assert_eq!(a, Some(Addresses { remote: addr("[2001:db8::7]:65535"), local: addr("[::1]:0") }));
        assert_eq!(header(b"PROXY UNKNOWN\r\n"), (15, None));
        assert_eq!(header(b"PROXY unknown ::1 ::2 1 2\r\n").1, None);
    }

    #[test]
    fn v1_malformed() {
        for bad in [
            &b"PROXY TCP4 192.0.2.7 10.0.0.1 51000\r\n"[..],
            b"PROXY TCP4 192.0.2.7 10.0.0.1 51000 8080 x\r\n",
            b"PROXY TCP4 192.0.2.7 10.0.0.1 51000 8080 \r\n",
            b"PROXY TCP4 192.0.2.7  10.0.0.1 51000 8080\r\n",
            b"PROXY TCP4 ::1 ::2 1 2\r\n",
            b"PROXY TCP6 1.2.3.4 1.2.3.5 1 2\r\n",
            b"PROXY TCP4 host 10.0.0.1 1 2\r\n",
            b"PROXY TCP4 1.2.3.4 1.2.3.5 65536 2\r\n",
            b"PROXY TCP4 1.2.3.4 1.2.3.5 -1 2\r\n",
            b"PROXY TCP4 1.2.3.4 1.2.3.5 +1 2\r\n",
            b"PROXY UDP4 1.2.3.4 1.2.3.5 1 2\r\n",
            b"PROXY TCP4 1.2.3.4 1.2.3.5 1 2\n",
            b"PROXY TCP4 1.2.3.4 1.2.3.5 1 2\rX",
            b"PROXY\tTCP4\r\n",
            b"PROXYTCP4 1.2.3.4 1.2.3.5 1 2\r\n",
        ] {
            assert!(invalid(bad), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn v1_length_bound() {
        // 107 bytes with its CRLF is the most; a line without CRLF by then is refused before it ends
        let mut line = b"PROXY UNKNOWN ".to_vec();
        line.resize(V1_MAX - 2, b'x');
        line.extend_from_slice(b"\r\n");
        assert_eq!(header(&line), (V1_MAX, None));
        let mut long = b"PROXY UNKNOWN ".to_vec();
        long.resize(V1_MAX, b'x');
        assert!(invalid(&long));
        long.truncate(V1_MAX - 1);
        long.push(b'\r');
        assert!(invalid(&long), "its LF would be the 108th byte");
    }

    #[test]
    fn incomplete_then_complete_at_every_split() {
        let v1 = b"PROXY TCP6 2001:db8::7 2001:db8::1 51000 443\r\n".to_vec();
        let v2 = v2(1, 0x11, &inet_body(&[0x04, 0x00, 0x02, 0, 0]));
        for whole in [v1, v2] {
            for cut in 0..whole.len() {
                match parse(&whole[..cut], V2_MAX_DEFAULT) {
                    Parsed::NeedMore { need } => assert!(need > cut && need <= whole.len(), "cut {cut}, need {need}"),
                    other => panic!("cut {cut}: {other:?}"),
                }
            }
            assert_eq!(header(&whole).0, whole.len());
        }
    }

    #[test]
    fn not_proxy() {
        assert_eq!(parse(b"GET / HTTP/1.1\r\n", V2_MAX_DEFAULT), Parsed::NotProxy);
        assert_eq!(parse(b"PRI * HTTP/2.0", V2_MAX_DEFAULT), Parsed::NotProxy);
        assert_eq!(parse(b"\r\nGET /", V2_MAX_DEFAULT), Parsed::NotProxy);
        assert_eq!(parse(b"\r\n\r\n\x00\r\nQUIX", V2_MAX_DEFAULT), Parsed::NotProxy);
        assert_eq!(parse(b"\x16\x03\x01", V2_MAX_DEFAULT), Parsed::NotProxy);
        assert_eq!(parse(b"PRO", V2_MAX_DEFAULT), Parsed::NeedMore { need: 5 });
        assert_eq!(parse(b"", V2_MAX_DEFAULT), Parsed::NeedMore { need: 5 });
    }

    #[test]
    fn v2_proxy_inet_inet6_with_tlvs() {
        let h = v2(1, 0x11, &inet_body(&[0x01, 0x00, 0x02, b'h', b'2', 0x04, 0x00, 0x00]));
        let mut with_request = h.clone();
        with_request.extend_from_slice(b"GET / HTTP/1.1\r\n");
        let (len, a) = header(&with_request);
        assert_eq!(len, h.len());
        assert_eq!(a, Some(Addresses { remote: addr("192.0.2.7:51000"), local: addr("10.0.0.1:443") }));

        let mut body = Vec::new();
        body.extend_from_slice(&"2001:db8::7".parse::<Ipv6Addr>().unwrap().octets());
        body.extend_from_slice(&"2001:db8::1".parse::<Ipv6Addr>().unwrap().octets());
        body.extend_from_slice(&[0x1F, 0x90, 0x00, 0x50]);
        let (_, a) = header(&v2(1, 0x21, &body));
        assert_eq!(a, Some(Addresses { remote: addr("[2001:db8::7]:8080"), local: addr("[2001:db8::1]:80") }));
    }

    #[test]
    fn v2_local_and_unix_keep_the_socket_addresses() {
        assert_eq!(header(&v2(0, 0x00, &[])), (16, None));
        // LOCAL skips whatever the body holds
        assert_eq!(header(&v2(0, 0x11, &[1, 2, 3])), (19, None));
        assert_eq!(header(&v2(1, 0x31, &[0u8; UNIX_LEN])).1, None);
    }

    #[test]
    fn v2_malformed() {
        let ok = v2(1, 0x11, &inet_body(&[]));
        let mut bad_version = ok.clone();
        bad_version[12] = 0x11;
        let mut bad_command = ok.clone();
        bad_command[12] = 0x22;
        for bad in [
            bad_version,
            bad_command,
            v2(1, 0x00, &[]),              // PROXY over UNSPEC (Jetty refuses it)
            v2(1, 0x12, &inet_body(&[])),  // DGRAM
            v2(1, 0x41, &inet_body(&[])),  // family 4
            v2(1, 0x13, &inet_body(&[])),  // transport 3
            v2(1, 0x11, &[1, 2, 3]),       // shorter than its addresses
            v2(1, 0x21, &inet_body(&[])),  // INET6 with an INET body
            v2(1, 0x11, &inet_body(&[0x04, 0x00])),         // TLV head cut
            v2(1, 0x11, &inet_body(&[0x04, 0x00, 0x05, 1])), // TLV value overruns
        ] {
            assert!(invalid(&bad), "{bad:02x?}");
        }
    }

    #[test]
    fn v2_length_bound() {
        let body = inet_body(&[0x04, 0x04, 0x00].iter().copied().chain(std::iter::repeat(0).take(0x400)).collect::<Vec<u8>>());
        let h = v2(1, 0x11, &body);
        assert!(body.len() > V2_MAX_DEFAULT);
        // refused from its fixed part on, before the body is read
        assert!(invalid(&h[..V2_FIXED]));
        assert_eq!(parse(&h, body.len()), Parsed::Header { len: h.len(), addrs: header(&v2(1, 0x11, &inet_body(&[]))).1 });
    }
}
