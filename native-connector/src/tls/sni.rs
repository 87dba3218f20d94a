//! Certificate selection by SNI, as Jetty's `SniX509ExtendedKeyManager` selects a keystore alias:
//! the certificate whose names (subject alternative DNS names and CN, from Java) match the SNI
//! host exactly, else one whose wildcard (`*.example.com`) matches it, else the default (the first:
//! Java puts `certAlias` first). With `sni_required`, a handshake without a matching SNI is refused.

use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use std::sync::Arc;

pub struct CertEntry {
    /// position in the configuration: the per-connection info tells Java which one served
    pub index: u32,
    hosts: Vec<String>,
    /// the domains of `*.domain` names
    wilds: Vec<String>,
    key: Arc<CertifiedKey>,
}

impl CertEntry {
    pub fn new(index: u32, names: Vec<String>, key: Arc<CertifiedKey>) -> CertEntry {
        let mut hosts = Vec::new();
        let mut wilds = Vec::new();
        for n in names {
            let n = n.trim().trim_end_matches('.').to_ascii_lowercase();
            match n.strip_prefix("*.") {
                Some(domain) => wilds.push(domain.to_string()),
                None => hosts.push(n),
            }
        }
        CertEntry { index, hosts, wilds, key }
    }
}

pub struct SniResolver {
    entries: Vec<CertEntry>,
    sni_required: bool,
}

impl SniResolver {
    pub fn new(entries: Vec<CertEntry>, sni_required: bool) -> SniResolver {
        SniResolver { entries, sni_required }
    }

    /// The entry for an SNI host (None: refuse the handshake).
    pub fn select(&self, sni: Option<&str>) -> Option<&CertEntry> {
        if let Some(host) = sni {
            let host = host.trim_end_matches('.').to_ascii_lowercase();
            if let Some(e) = self.entries.iter().find(|e| e.hosts.iter().any(|h| *h == host)) {
                return Some(e);
            }
            if let Some((_, domain)) = host.split_once('.') {
                if let Some(e) = self.entries.iter().find(|e| e.wilds.iter().any(|w| w == domain)) {
                    return Some(e);
                }
            }
        }
        if self.sni_required && self.entries.len() > 0 {
            return None;
        }
        self.entries.first()
    }
}

impl ResolvesServerCert for SniResolver {
    fn resolve(&self, hello: ClientHello) -> Option<Arc<CertifiedKey>> {
        self.select(hello.server_name()).map(|e| e.key.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustls::sign::SigningKey;

    struct NoKey;
    impl SigningKey for NoKey {
        fn choose_scheme(&self, _: &[rustls::SignatureScheme]) -> Option<Box<dyn rustls::sign::Signer>> {
            None
        }
        fn algorithm(&self) -> rustls::SignatureAlgorithm {
            rustls::SignatureAlgorithm::RSA
        }
    }

    fn entry(i: u32, names: &[&str]) -> CertEntry {
        let key = Arc::new(CertifiedKey::new(vec![rustls::Certificate(vec![i as u8])], Arc::new(NoKey)));
        CertEntry::new(i, names.iter().map(|s| s.to_string()).collect(), key)
    }

    #[test]
    fn exact_then_wildcard_then_default() {
        let r = SniResolver::new(vec![entry(0, &["localhost"]), entry(1, &["*.example.com", "example.com"]), entry(2, &["a.example.com"])], false);
        assert_eq!(r.select(Some("a.example.com")).unwrap().index, 2);
        assert_eq!(r.select(Some("B.Example.com.")).unwrap().index, 1);
        assert_eq!(r.select(Some("example.com")).unwrap().index, 1);
        assert_eq!(r.select(Some("x.b.example.com")).unwrap().index, 0);
        assert_eq!(r.select(Some("other.org")).unwrap().index, 0);
        assert_eq!(r.select(None).unwrap().index, 0);
    }

    #[test]
    fn sni_required_refuses_unknown_names() {
        let r = SniResolver::new(vec![entry(0, &["localhost"])], true);
        assert!(r.select(Some("localhost")).is_some());
        assert!(r.select(Some("other")).is_none());
        assert!(r.select(None).is_none());
    }
}
