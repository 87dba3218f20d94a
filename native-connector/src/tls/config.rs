//! The TLS configuration Java hands over at listener start (`lyger_engine_start_tls`, ABI.md
//! "TLS"): decoded from one little-endian blob, checked, and turned into a rustls `ServerConfig`.
//! Every option the engine cannot honour is refused with one line naming it, so a listener never
//! starts with weaker or different settings than asked for. Key bytes are never formatted into a
//! message or a log.

use super::names::{suite_by_name, SUITE_NAMES};
use super::sni::{CertEntry, SniResolver};
use rustls::server::{AllowAnyAnonymousOrAuthenticatedClient, AllowAnyAuthenticatedClient, NoClientAuth, ServerSessionMemoryCache};
use rustls::{Certificate, PrivateKey, RootCertStore, ServerConfig, SupportedCipherSuite, SupportedProtocolVersion, Ticketer};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

pub const CLIENT_AUTH_NONE: u8 = 0;
pub const CLIENT_AUTH_WANT: u8 = 1;
pub const CLIENT_AUTH_NEED: u8 = 2;
pub const PROTO_TLS12: u8 = 1;
pub const PROTO_TLS13: u8 = 2;
/// Handshakes in progress when Java gives 0: about 20 KiB of rustls state each (its record
/// buffer), so the default bounds them to ~20 MiB.
const DEFAULT_MAX_HANDSHAKES: usize = 1024;
/// Sessions kept for resumption by id (TLS 1.2) and for stateful TLS 1.3 resumption when Java gives 0.
const DEFAULT_SESSION_CACHE: usize = 4096;

/// What the engine needs per listener: the rustls configuration and the bound on handshakes.
pub struct TlsContext {
    pub config: Arc<ServerConfig>,
    /// the certificates by SNI: also tells a connection which one served it
    pub resolver: Arc<SniResolver>,
    pub max_handshakes: usize,
    /// connections between their first ClientHello byte and the end of the handshake
    handshakes: AtomicUsize,
}

impl TlsContext {
    /// Takes a handshake slot; false when `max_handshakes` are in progress.
    pub fn begin_handshake(&self) -> bool {
        let mut n = self.handshakes.load(Ordering::Relaxed);
        loop {
            if n >= self.max_handshakes {
                return false;
            }
            match self.handshakes.compare_exchange_weak(n, n + 1, Ordering::AcqRel, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(now) => n = now,
            }
        }
    }
    pub fn end_handshake(&self) {
        self.handshakes.fetch_sub(1, Ordering::AcqRel);
    }
    pub fn handshakes(&self) -> usize {
        self.handshakes.load(Ordering::Relaxed)
    }
}

/// A cursor over the blob; every read is bounds-checked (a short blob is a configuration error).
struct Blob<'a> {
    b: &'a [u8],
}

impl<'a> Blob<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.b.len() < n {
            return Err("TLS configuration is truncated".into());
        }
        let (h, t) = self.b.split_at(n);
        self.b = t;
        Ok(h)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<usize, String> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]) as usize)
    }
    fn u32(&mut self) -> Result<usize, String> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
    }
    fn str16(&mut self) -> Result<String, String> {
        let n = self.u16()?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "TLS configuration: a name is not UTF-8".to_string())
    }
    fn bytes32(&mut self) -> Result<Vec<u8>, String> {
        let n = self.u32()?;
        Ok(self.take(n)?.to_vec())
    }
}

/// The decoded blob (ABI.md "TLS configuration").
pub struct TlsSettings {
    pub client_auth: u8,
    pub protocols: u8,
    pub max_handshakes: usize,
    pub session_cache: usize,
    /// 0 none, 1 tickets and cache
    pub resumption: bool,
    pub server_order: bool,
    pub sni_required: bool,
    pub suites: Vec<String>,
    pub alpn: Vec<Vec<u8>>,
    pub certs: Vec<(Vec<String>, Vec<Vec<u8>>, Vec<u8>)>,
    pub trusted: Vec<Vec<u8>>,
}

impl TlsSettings {
    pub fn decode(blob: &[u8]) -> Result<TlsSettings, String> {
        let mut b = Blob { b: blob };
        if b.u8()? != 1 {
            return Err("TLS configuration: unknown format version".into());
        }
        let client_auth = b.u8()?;
        let protocols = b.u8()?;
        let flags = b.u8()?;
        let max_handshakes = b.u32()?;
        let session_cache = b.u32()?;
        let mut suites = Vec::new();
        for _ in 0..b.u16()? {
            suites.push(b.str16()?);
        }
        let mut alpn = Vec::new();
        for _ in 0..b.u16()? {
            alpn.push(b.str16()?.into_bytes());
        }
        let mut certs = Vec::new();
        for _ in 0..b.u16()? {
            let mut names = Vec::new();
            for _ in 0..b.u16()? {
                names.push(b.str16()?);
            }
            let mut chain = Vec::new();
            for _ in 0..b.u16()? {
                chain.push(b.bytes32()?);
            }
            let key = b.bytes32()?;
            certs.push((names, chain, key));
        }
        let mut trusted = Vec::new();
        for _ in 0..b.u16()? {
            trusted.push(b.bytes32()?);
        }
        if !b.b.is_empty() {
            return Err("TLS configuration has trailing bytes".into());
        }
        Ok(TlsSettings {
            client_auth,
            protocols,
            max_handshakes,
            session_cache,
            resumption: flags & 1 != 0,
            server_order: flags & 2 != 0,
            sni_required: flags & 4 != 0,
            suites,
            alpn,
            certs,
            trusted,
        })
    }

    pub fn build(self) -> Result<TlsContext, String> {
        let mut versions: Vec<&'static SupportedProtocolVersion> = Vec::new();
        if self.protocols & PROTO_TLS13 != 0 {
            versions.push(&rustls::version::TLS13);
        }
        if self.protocols & PROTO_TLS12 != 0 {
            versions.push(&rustls::version::TLS12);
        }
        if versions.is_empty() || self.protocols & !(PROTO_TLS12 | PROTO_TLS13) != 0 {
            return Err("TLS protocols: the native TLS engine supports TLSv1.2 and TLSv1.3 only".into());
        }
        let suites: Vec<SupportedCipherSuite> = if self.suites.is_empty() {
            rustls::DEFAULT_CIPHER_SUITES.to_vec()
        } else {
            let mut v = Vec::new();
            for name in &self.suites {
                match suite_by_name(name) {
                    Some(s) => v.push(s),
                    None => {
                        return Err(format!(
                            "cipher suite {name} is not supported by the native TLS engine (supported: {})",
                            SUITE_NAMES.iter().map(|(j, _)| *j).collect::<Vec<_>>().join(", ")
                        ))
                    }
                }
            }
            v
        };
        if !versions.iter().any(|ver| suites.iter().any(|s| s.version() == *ver)) {
            return Err("TLS cipher suites: none of them is usable with the enabled protocols".into());
        }
        if self.certs.is_empty() {
            return Err("TLS: no certificate with a private key (keystore has no key entry)".into());
        }
        let mut entries = Vec::new();
        for (i, (names, chain, key)) in self.certs.into_iter().enumerate() {
            if chain.is_empty() {
                return Err(format!("TLS: certificate {i} has an empty chain"));
            }
            let key = rustls::sign::any_supported_type(&PrivateKey(key)).map_err(|_| {
                format!("TLS: the private key of certificate {i} ({}) is not an RSA, ECDSA or Ed25519 PKCS#8 key the engine can use", names.first().map(String::as_str).unwrap_or("?"))
            })?;
            let chain: Vec<Certificate> = chain.into_iter().map(Certificate).collect();
            entries.push(CertEntry::new(i as u32, names, Arc::new(rustls::sign::CertifiedKey::new(chain, key))));
        }
        let verifier = match self.client_auth {
            CLIENT_AUTH_NONE => NoClientAuth::new(),
            CLIENT_AUTH_WANT | CLIENT_AUTH_NEED => {
                let mut roots = RootCertStore::empty();
                for der in &self.trusted {
                    roots.add(&Certificate(der.clone())).map_err(|e| format!("TLS truststore: a trusted certificate cannot be used ({e})"))?;
                }
                if roots.is_empty() {
                    return Err("TLS client authentication needs a truststore with at least one trusted certificate".into());
                }
                if self.client_auth == CLIENT_AUTH_NEED {
                    AllowAnyAuthenticatedClient::new(roots)
                } else {
                    AllowAnyAnonymousOrAuthenticatedClient::new(roots)
                }
            }
            other => return Err(format!("TLS client auth mode {other} unknown")),
        };
        let resolver = Arc::new(SniResolver::new(entries, self.sni_required));
        let mut config = ServerConfig::builder()
            .with_cipher_suites(&suites)
            .with_safe_default_kx_groups()
            .with_protocol_versions(&versions)
            .map_err(|e| format!("TLS protocols/cipher suites: {e}"))?
            .with_client_cert_verifier(verifier)
            .with_cert_resolver(resolver.clone());
        config.alpn_protocols = self.alpn;
        config.ignore_client_order = self.server_order;
        if self.resumption {
            config.session_storage = ServerSessionMemoryCache::new(if self.session_cache > 0 { self.session_cache } else { DEFAULT_SESSION_CACHE });
            config.ticketer = Ticketer::new().map_err(|e| format!("TLS session tickets: {e}"))?;
        } else {
            // (the default ticketer never produces tickets)
            config.session_storage = Arc::new(rustls::server::NoServerSessionStorage {});
        }
        Ok(TlsContext {
            config: Arc::new(config),
            resolver,
            max_handshakes: if self.max_handshakes > 0 { self.max_handshakes } else { DEFAULT_MAX_HANDSHAKES },
            handshakes: AtomicUsize::new(0),
        })
    }
}

/// Decodes and builds in one go (`lyger_engine_start_tls`).
pub fn from_blob(blob: &[u8]) -> Result<TlsContext, String> {
    TlsSettings::decode(blob)?.build()
}
