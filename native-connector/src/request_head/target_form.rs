//! The request target's form (RFC 9112 3.2): origin-form ("/path?query") for every method,
//! absolute-form ("scheme:...") for every method, authority-form ("host:port") only for
//! CONNECT, asterisk-form ("*") only for OPTIONS. Anything else ("GET plaintext") is 400, as
//! Jetty answers it, instead of reaching the application.

pub fn allowed(method: &[u8], target: &[u8]) -> bool {
    match target {
        [b'/', ..] => true,
        b"*" => method == b"OPTIONS",
        _ if method == b"CONNECT" => true,
        _ => is_absolute(target),
    }
}

/// absolute-URI = scheme ":" hier-part; scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
fn is_absolute(target: &[u8]) -> bool {
    match target.iter().position(|&b| b == b':') {
        Some(colon) if colon > 0 => {
            target[0].is_ascii_alphabetic()
                && target[1..colon].iter().all(|&b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn forms() {
        assert!(allowed(b"GET", b"/"));
        assert!(allowed(b"GET", b"/a?b"));
        assert!(allowed(b"GET", b"http://x/y"));
        assert!(allowed(b"OPTIONS", b"*"));
        assert!(allowed(b"CONNECT", b"x:443"));
        assert!(!allowed(b"GET", b"plaintext"));
        assert!(!allowed(b"GET", b"?a"));
        assert!(!allowed(b"GET", b"*"));
        assert!(!allowed(b"GET", b":80"));
        assert!(!allowed(b"GET", b"1x:80"));
    }
}
