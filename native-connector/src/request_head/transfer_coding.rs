//! The `Transfer-Encoding` list (RFC 9110 10.1.4: transfer-coding = token *( OWS ";" OWS
//! transfer-parameter ), transfer-parameter = token BWS "=" BWS ( token / quoted-string )), split
//! into its codings. A value that is not such a list is refused, as Jetty refuses `gzip", chunked`
//! and `= gzip, chunked` (400), instead of being split at commas with `chunked` found last.
//! Hand-written: a comma inside a quoted parameter value does not end a coding.

use super::{is_tchar, trim};

/// The codings of `value`, each with its parameters and without surrounding whitespace; empty
/// list elements left out (RFC 9110 5.6.1.2). None when an element is not a transfer-coding.
pub fn codings(value: &[u8]) -> Option<Vec<&[u8]>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i <= value.len() {
        if i == value.len() || value[i] == b',' {
            let element = trim(&value[start..i]);
            if !element.is_empty() {
                if !valid(element) {
                    return None;
                }
                out.push(element);
            }
            start = i + 1;
        } else if value[i] == b'"' {
            // skip the quoted-string (its validity is checked with the element)
            i += 1;
            while i < value.len() && value[i] != b'"' {
                i += if value[i] == b'\\' { 2 } else { 1 };
            }
            if i >= value.len() {
                return None;
            }
        }
        i += 1;
    }
    Some(out)
}

/// One transfer-coding: a token, then parameters.
fn valid(element: &[u8]) -> bool {
    let mut rest = element;
    let name = take_token(&mut rest);
    if name == 0 {
        return false;
    }
    loop {
        rest = trim(rest);
        if rest.is_empty() {
            return true;
        }
        let [b';', after @ ..] = rest else { return false };
        rest = trim(after);
        if take_token(&mut rest) == 0 {
            return false;
        }
        rest = trim(rest);
        let [b'=', after @ ..] = rest else { return false };
        rest = trim(after);
        if take_token(&mut rest) == 0 && !take_quoted(&mut rest) {
            return false;
        }
    }
}

/// Skips the token at the start of `rest`; its length.
fn take_token(rest: &mut &[u8]) -> usize {
    let n = rest.iter().take_while(|&&b| is_tchar(b)).count();
    *rest = &rest[n..];
    n
}

/// Skips the quoted-string at the start of `rest` (RFC 9110 5.6.4); whether there was one.
fn take_quoted(rest: &mut &[u8]) -> bool {
    let [b'"', body @ ..] = *rest else { return false };
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            b'"' => {
                *rest = &body[i + 1..];
                return true;
            }
            b'\\' if i + 1 < body.len() && is_qdtext_or_pair(body[i + 1]) => i += 2,
            b if b != b'\\' && is_qdtext_or_pair(b) => i += 1,
            _ => return false,
        }
    }
    false
}

/// HTAB / SP / VCHAR / obs-text: qdtext (without '"' and '\\', matched first) and quoted-pair's second byte.
fn is_qdtext_or_pair(b: u8) -> bool {
    b == b'\t' || b == b' ' || (0x21..=0x7e).contains(&b) || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::codings;

    /// RFC 9110 10.1.4: transfer-coding = token *( OWS ";" OWS transfer-parameter ).
    #[test]
    fn codings_are_tokens_with_parameters() {
        let ok = |v: &str| codings(v.as_bytes()).map(|c| c.iter().map(|e| String::from_utf8_lossy(e).into_owned()).collect::<Vec<_>>());
        assert_eq!(ok("gzip, chunked").unwrap(), ["gzip", "chunked"]);
        assert_eq!(ok(" , gzip ;q=1 ; a = \"x,y\" ,, chunked ").unwrap(), ["gzip ;q=1 ; a = \"x,y\"", "chunked"]);
        assert_eq!(ok("").unwrap(), Vec::<String>::new());
        for bad in ["gzip\", chunked", "= gzip, chunked", "\"gzip\", chunked", "gzip;, chunked", "gzip;a, chunked",
            "gzip;a=, chunked", "gzip;a=\"x, chunked", "gzip x, chunked", "gzip/1, chunked", "gzip;a=\"\\\", chunked"]
        {
            assert_eq!(ok(bad), None, "{bad:?}");
        }
    }
}
