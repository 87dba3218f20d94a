//! Cipher suite and protocol names as Java and Jetty spell them (the IANA names JSSE uses,
//! e.g. `TLS_AES_128_GCM_SHA256`, `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`), mapped to rustls's
//! suites. rustls's own names differ for TLS 1.3 (`TLS13_AES_128_GCM_SHA256`).

use rustls::{CipherSuite, ProtocolVersion, SupportedCipherSuite};

/// Every suite rustls 0.20 implements, by its IANA (JSSE) name.
pub const SUITE_NAMES: &[(&str, CipherSuite)] = &[
    ("TLS_AES_128_GCM_SHA256", CipherSuite::TLS13_AES_128_GCM_SHA256),
    ("TLS_AES_256_GCM_SHA384", CipherSuite::TLS13_AES_256_GCM_SHA384),
    ("TLS_CHACHA20_POLY1305_SHA256", CipherSuite::TLS13_CHACHA20_POLY1305_SHA256),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384),
    ("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256),
    ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
    ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384),
    ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
];

/// The rustls suite of a JSSE/IANA name (rustls's own `TLS13_` spelling accepted too).
pub fn suite_by_name(name: &str) -> Option<SupportedCipherSuite> {
    let name = name.trim();
    let id = SUITE_NAMES
        .iter()
        .find(|(n, s)| n.eq_ignore_ascii_case(name) || format!("{s:?}").eq_ignore_ascii_case(name))
        .map(|(_, s)| *s)?;
    rustls::ALL_CIPHER_SUITES.iter().copied().find(|s| s.suite() == id)
}

/// The JSSE/IANA name of a negotiated suite (what `jakarta.servlet.request.cipher_suite` shows).
pub fn suite_name(s: SupportedCipherSuite) -> &'static str {
    SUITE_NAMES.iter().find(|(_, id)| *id == s.suite()).map(|(n, _)| *n).unwrap_or("UNKNOWN")
}

/// "TLSv1.2" / "TLSv1.3", as `SSLSession.getProtocol()` says.
pub fn protocol_name(v: Option<ProtocolVersion>) -> &'static str {
    match v {
        Some(ProtocolVersion::TLSv1_3) => "TLSv1.3",
        Some(ProtocolVersion::TLSv1_2) => "TLSv1.2",
        _ => "NONE",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_maps_to_a_rustls_suite_and_back() {
        for (name, _) in SUITE_NAMES {
            let s = suite_by_name(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(suite_name(s), *name);
        }
        assert!(suite_by_name("TLS13_AES_256_GCM_SHA384").is_some());
        assert!(suite_by_name("TLS_RSA_WITH_AES_128_CBC_SHA").is_none());
        assert!(suite_by_name("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256").is_none());
    }
}
