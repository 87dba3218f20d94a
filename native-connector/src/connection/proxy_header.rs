//! The PROXY phase of a connection (ABI.md, "PROXY protocol"): on an engine that expects PROXY
//! headers, the first thing done with a new connection, before any other protocol reads a byte.
//! The header is parsed by `proxy_protocol.rs`; this file takes it off the socket.
//!
//! Only the header's own bytes are consumed: the input is peeked, and once a whole header is seen
//! exactly its length is read. So when this phase ends the socket is at the first byte of the next
//! protocol, and that protocol's reader starts as on a connection without PROXY (HTTP today; a TLS
//! layer wrapping the socket's reads must start after this phase, as Jetty's ProxyConnectionFactory
//! comes before its SslConnectionFactory). A header that arrives in pieces is peeked again at each
//! arrival: at most a 256-byte window, beyond which (a v2 header with large TLVs) the rest is read
//! into a buffer of exactly the header's announced length, bounded by `v2_max`.

use super::{Conn, ConnState};
use crate::io::now_ms;
use crate::proxy_protocol::{self, Addresses, Parsed};
use std::io::{ErrorKind, Read};

/// Bytes peeked at once: a v1 line (107) or a v2 header with IPv6 addresses and some TLVs.
const PEEK_WINDOW: usize = 256;

/// A connection's PROXY header still to read.
pub struct ProxyHeader {
    /// the most bytes a v2 header may have after its fixed 16 (Jetty's maxProxyHeader)
    v2_max: usize,
    /// when its first byte came (0: none yet); the head timeout runs from there
    started_ms: u64,
    /// a v2 header longer than the peek window: read into here, `have` bytes so far
    long: Option<(Vec<u8>, usize)>,
}

impl ProxyHeader {
    pub fn new(v2_max: usize) -> ProxyHeader {
        ProxyHeader { v2_max, started_ms: 0, long: None }
    }

    /// The buffer of a long v2 header (the engine's buffer gauge counts it).
    pub fn buffer_bytes(&self) -> usize {
        self.long.as_ref().map_or(0, |(buf, _)| buf.capacity())
    }

    /// A header started but not over within `timeout_ms` (as a request head, slowloris).
    pub fn expired(&self, now: u64, timeout_ms: u32) -> bool {
        self.started_ms != 0 && now >= self.started_ms + timeout_ms as u64
    }
}

pub(super) enum ProxyStep {
    /// no header expected any more: go on with the next protocol
    Done,
    /// the header is incomplete: wait for more bytes
    Wait,
    /// malformed, too long, or the peer left: close (Jetty closes without answering)
    Close,
}

impl Conn {
    /// Reads the connection's PROXY header as far as the socket allows. On `Done` the addresses it
    /// gave (if any) are in `st.proxied` and `st.proxy` is None.
    pub(super) fn read_proxy_header(&self, st: &mut ConnState) -> ProxyStep {
        let step = match st.proxy.as_deref_mut() {
            None => return ProxyStep::Done,
            Some(p) if p.long.is_some() => self.read_long(p),
            Some(p) => self.peek_header(p),
        };
        match step {
            Ok(Some(addrs)) => {
                st.proxy = None;
                st.proxied = addrs.map(Box::new);
                st.last_active_ms = now_ms();
                // bytes of the next protocol may have come with the header
                st.readable = true;
                ProxyStep::Done
            }
            Ok(None) => {
                st.readable = false;
                if st.peer_closed {
                    ProxyStep::Close
                } else {
                    ProxyStep::Wait
                }
            }
            Err(()) => ProxyStep::Close,
        }
    }

    /// Ok(Some(addrs)): a whole header consumed, or none at all (NotProxy); Ok(None): wait for
    /// more; Err: close.
    fn peek_header(&self, p: &mut ProxyHeader) -> Result<Option<Option<Addresses>>, ()> {
        let mut window = [0u8; PEEK_WINDOW];
        let n = loop {
            match self.sock.peek(&mut window) {
                Ok(0) => return Err(()),
                Ok(n) => break n,
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(None),
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => return Err(()),
            }
        };
        if p.started_ms == 0 {
            p.started_ms = now_ms();
        }
        match proxy_protocol::parse(&window[..n], p.v2_max) {
            Parsed::NotProxy => Ok(Some(None)),
            Parsed::Header { len, addrs } => {
                self.consume(&mut window[..len])?;
                Ok(Some(addrs))
            }
            Parsed::Invalid(_) => Err(()),
            Parsed::NeedMore { need } if n == PEEK_WINDOW => {
                // only a v2 header outgrows the window (a v1 line ends within 107 bytes)
                if need <= n {
                    return Err(());
                }
                p.long = Some((vec![0u8; need], 0));
                self.read_long(p)
            }
            Parsed::NeedMore { .. } => Ok(None),
        }
    }

    /// A long v2 header: read (never past its length) until whole, then parsed.
    fn read_long(&self, p: &mut ProxyHeader) -> Result<Option<Option<Addresses>>, ()> {
        let (buf, have) = p.long.as_mut().ok_or(())?;
        while *have < buf.len() {
            match (&self.sock).read(&mut buf[*have..]) {
                Ok(0) => return Err(()),
                Ok(n) => *have += n,
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(None),
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => return Err(()),
            }
        }
        match proxy_protocol::parse(buf, p.v2_max) {
            Parsed::Header { len, addrs } if len == buf.len() => Ok(Some(addrs)),
            _ => Err(()),
        }
    }

    /// Reads exactly `into.len()` bytes, already seen by a peek (so they are in the socket).
    fn consume(&self, into: &mut [u8]) -> Result<(), ()> {
        let mut have = 0;
        while have < into.len() {
            match (&self.sock).read(&mut into[have..]) {
                Ok(0) => return Err(()),
                Ok(n) => have += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => return Err(()),
            }
        }
        Ok(())
    }
}
