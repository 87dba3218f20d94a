//! What a connection negotiated, for Java's request metadata (ABI.md `lyger_conn_tls_info`):
//! protocol, cipher suite (Java's name), SNI host, ALPN protocol, a session id, the index of the
//! certificate that served it and the client's certificate chain (DER). Read once per connection.

use super::names::{protocol_name, suite_name};
use super::session::TlsSession;

/// Label of the exporter that derives the session id: 32 bytes unique to the handshake (RFC 5705),
/// revealing nothing about its keys. rustls exposes no TLS session id of its own.
const SESSION_ID_LABEL: &[u8] = b"EXPORTER-lyger-session-id";

/// Encodes the info into `out`: its length; 0 while the handshake is not over (or no TLS);
/// -(needed length) when `out` is too small.
pub fn encode(session: &TlsSession, out: &mut [u8]) -> i32 {
    let bytes = session.with_established(|c| {
        let mut v = Vec::with_capacity(256);
        let sni = c.sni_hostname().unwrap_or("");
        let index = session.context().resolver.select(c.sni_hostname()).map_or(0, |e| e.index);
        v.push(1u8); // format version
        v.push(0u8);
        v.extend_from_slice(&(index as u16).to_le_bytes());
        let mut id = [0u8; 32];
        let id: &[u8] = if c.export_keying_material(&mut id, SESSION_ID_LABEL, None).is_ok() { &id } else { &[] };
        for field in [
            protocol_name(c.protocol_version()).as_bytes(),
            c.negotiated_cipher_suite().map_or("", suite_name).as_bytes(),
            sni.as_bytes(),
            c.alpn_protocol().unwrap_or(b""),
            id,
        ] {
            v.extend_from_slice(&(field.len() as u16).to_le_bytes());
            v.extend_from_slice(field);
        }
        let peer = c.peer_certificates().unwrap_or(&[]);
        v.extend_from_slice(&(peer.len() as u16).to_le_bytes());
        for cert in peer {
            v.extend_from_slice(&(cert.0.len() as u32).to_le_bytes());
            v.extend_from_slice(&cert.0);
        }
        v
    });
    match bytes {
        None => 0,
        Some(v) if v.len() > out.len() => -(v.len() as i32),
        Some(v) => {
            out[..v.len()].copy_from_slice(&v);
            v.len() as i32
        }
    }
}
