//! The `Host` header's value (RFC 9110 7.2: uri-host [ ":" port ]), checked as Jetty's
//! `HostPortHttpField` checks it, so that a value Jetty refuses with 400 ("Bad HostPort") is
//! refused by the engine too, before Java sees the request. Hand-written: Jetty's rules are
//! those of its `HostPort` class, not of a URI grammar library.

/// Whether `value` (trimmed) is a Host Jetty accepts: empty; a reg-name or IPv4 address
/// (unreserved, pct-encoded, sub-delims) with an optional port; an IPv6 literal in brackets
/// with an optional port, or without brackets (no port then).
pub fn valid(value: &[u8]) -> bool {
    if value.is_empty() {
        return true;
    }
    if value[0] == b'[' {
        let close = match value.iter().position(|&b| b == b']') {
            Some(i) => i,
            None => return false,
        };
        let literal = &value[1..close];
        return !literal.is_empty()
            && literal.iter().all(|&b| is_ipv6_char(b))
            && match &value[close + 1..] {
                [] => true,
                [b':', port @ ..] => valid_port(port),
                _ => false,
            };
    }
    let colons = value.iter().filter(|&&b| b == b':').count();
    if colons > 1 {
        // an IPv6 address without brackets, as Jetty takes it
        return value.iter().all(|&b| is_ipv6_char(b));
    }
    let (name, port) = match value.iter().position(|&b| b == b':') {
        Some(i) => (&value[..i], Some(&value[i + 1..])),
        None => (value, None),
    };
    if !name.iter().all(|&b| is_reg_name_char(b)) {
        return false;
    }
    match port {
        None => true,
        Some(port) => !name.is_empty() && valid_port(port),
    }
}

fn is_ipv6_char(b: u8) -> bool {
    b.is_ascii_hexdigit() || b == b':' || b == b'.'
}

/// RFC 3986 reg-name: unreserved / pct-encoded / sub-delims.
fn is_reg_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~%!$&'()*+,;=".contains(&b)
}

/// 1..65535 as Java's `Integer.parseInt` reads it (a leading '+' and leading zeros allowed).
fn valid_port(port: &[u8]) -> bool {
    let digits = port.strip_prefix(b"+").unwrap_or(port);
    if digits.is_empty() || digits.len() > 10 || !digits.iter().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let n = digits.iter().fold(0u64, |acc, &b| acc * 10 + (b - b'0') as u64);
    (1..=65535).contains(&n)
}

#[cfg(test)]
mod tests {
    use super::valid;

    /// Each value as Jetty 12.1.7's HostPortHttpField answered it.
    #[test]
    fn as_jetty() {
        for ok in ["", "x", "x:80", "x:65535", "x:080", "x:+80", "[::1]", "[::1]:80", "::1", "1.2.3.4:5", "a_b", "a~b",
            "a%20b", "a!b", "a$b&'()*+,;=", "a..b", "-a"]
        {
            assert!(valid(ok.as_bytes()), "{ok:?}");
        }
        for bad in ["u:p@x", "x:abc", "a b", "x/y", "x:99999999", "x:", "x:0", "x:65536", "x: 80", "[::1", "a\"b", "a<b",
            "a{b", "a\\b", "a^b", "a`b", "a|b", "a#b", "a?b", "x:8:8", "é", "x:99999999999999999999", "[v1.x]", "[zz]",
            ":80", "a[b", "a]b", "[::1]x"]
        {
            assert!(!valid(bad.as_bytes()), "{bad:?}");
        }
    }
}
