//! The `Host` header's value (RFC 9110 7.2: uri-host [ ":" port ]), checked as Jetty's
//! `HostPortHttpField` checks it, so that a value Jetty refuses with 400 ("Bad HostPort") is
//! refused by the engine too, before Java sees the request. Hand-written: Jetty's rules are
//! those of its `HostPort` class (a reg-name with RFC 3986 2.1 percent-encodings, an IPv6 literal
//! as Java's `InetAddress.getByName` parses it, RFC 3986 3.2.2 / RFC 4291 2.2), not of a URI
//! grammar library.

/// Whether `value` (trimmed) is a Host Jetty accepts: empty; a reg-name or IPv4 address
/// (unreserved, pct-encoded, sub-delims) with an optional port; an IPv6 literal in brackets
/// with an optional port, or without brackets (no port then). A zone (RFC 4007's "%") is refused.
pub fn valid(value: &[u8]) -> bool {
    if value.is_empty() {
        return true;
    }
    if value[0] == b'[' {
        // HostPort takes the last ']'
        let close = match value.iter().rposition(|&b| b == b']') {
            Some(i) => i,
            None => return false,
        };
        return ipv6_address(&value[1..close])
            && match &value[close + 1..] {
                [] => true,
                [b':', port @ ..] => valid_port(port),
                _ => false,
            };
    }
    let colons = value.iter().filter(|&&b| b == b':').count();
    if colons > 1 {
        // an IPv6 address without brackets, as Jetty takes it
        return ipv6_address(value);
    }
    let (name, port) = match value.iter().position(|&b| b == b':') {
        Some(i) => (&value[..i], Some(&value[i + 1..])),
        None => (value, None),
    };
    if !reg_name(name) {
        return false;
    }
    match port {
        None => true,
        Some(port) => !name.is_empty() && valid_port(port),
    }
}

/// RFC 3986 reg-name (unreserved / pct-encoded / sub-delims), as Jetty's
/// `URIUtil.isValidHostRegisteredName`: a '%' is followed by two hex digits.
fn reg_name(name: &[u8]) -> bool {
    let mut i = 0;
    while i < name.len() {
        let b = name[i];
        if b == b'%' {
            if i + 2 >= name.len() || !name[i + 1].is_ascii_hexdigit() || !name[i + 2].is_ascii_hexdigit() {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}

/// An IPv6 address (the inside of an IP-literal, RFC 4291 2.2) as Java's
/// `IPAddressUtil.textToNumericFormatV6` reads it: eight 16-bit groups, one "::" standing for
/// zeros, the last 32 bits possibly a dotted IPv4 address.
fn ipv6_address(text: &[u8]) -> bool {
    if text.len() < 2 || text.contains(&b'%') {
        return false;
    }
    let mut i = 0;
    if text[0] == b':' {
        if text[1] != b':' {
            return false;
        }
        i = 1;
    }
    let mut bytes = 0; // bytes of the address written so far
    let mut gap = false; // "::" seen
    let mut token = i; // where the current group starts
    let mut digits = false;
    let mut val: u32 = 0;
    while i < text.len() {
        let b = text[i];
        i += 1;
        if let Some(d) = (b as char).to_digit(16) {
            val = (val << 4) | d;
            if val > 0xffff {
                return false;
            }
            digits = true;
            continue;
        }
        if b == b':' {
            token = i;
            if !digits {
                if gap {
                    return false;
                }
                gap = true;
                continue;
            } else if i == text.len() {
                return false;
            }
            if bytes + 2 > 16 {
                return false;
            }
            bytes += 2;
            digits = false;
            val = 0;
            continue;
        }
        if b == b'.' && bytes + 4 <= 16 {
            let v4 = &text[token..];
            if v4.iter().filter(|&&c| c == b'.').count() != 3 || !ipv4_address(v4) {
                return false;
            }
            bytes += 4;
            digits = false;
            break;
        }
        return false;
    }
    if digits {
        if bytes + 2 > 16 {
            return false;
        }
        bytes += 2;
    }
    if gap {
        // "::" stands for at least one group
        return bytes != 16;
    }
    bytes == 16
}

/// A dotted IPv4 address of four decimal parts, each at most 255 (Java's `textToNumericFormatV4`
/// with three dots).
fn ipv4_address(text: &[u8]) -> bool {
    text.len() <= 15
        && text.split(|&b| b == b'.').all(|part| {
            !part.is_empty() && part.iter().all(|b| b.is_ascii_digit()) && part.iter().fold(0u32, |a, &b| a * 10 + (b - b'0') as u32) <= 255
        })
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
            "a%20b", "a!b", "a$b&'()*+,;=", "a..b", "-a", "[::]", "[1:2:3:4:5:6:7:8]:8", "[::ffff:1.2.3.4]", "::1.2.3.4",
            "[1::]", "[1:2:3:4:5:6::8]", "[Fe80::0a]", "1:2:3:4:5:6:1.2.3.4"]
        {
            assert!(valid(ok.as_bytes()), "{ok:?}");
        }
        for bad in ["u:p@x", "x:abc", "a b", "x/y", "x:99999999", "x:", "x:0", "x:65536", "x: 80", "[::1", "a\"b", "a<b",
            "a{b", "a\\b", "a^b", "a`b", "a|b", "a#b", "a?b", "x:8:8", "é", "x:99999999999999999999", "[v1.x]", "[zz]",
            ":80", "a[b", "a]b", "[::1]x",
            // RFC 3986 2.1 (pct-encoded = "%" HEXDIG HEXDIG) and 3.2.2 (IP-literal), as HostPort refuses them
            "le.co%", "a%2", "a%zz", "[:81]", "[]", "[:]", "[:::]", "[1::2::3]", "[1:2:3:4:5:6:7:8:9]", "[12345::]",
            "[1:2:3:4:5:6:7]", "[1:2:3:4:5:6:7:8::]", "[::1.2.3]", "[::1.2.3.256]", "[1.2.3.4]", "[::1:]", ":::",
            "[::1]]", "[::1%1]"]
        {
            assert!(!valid(bad.as_bytes()), "{bad:?}");
        }
    }
}
