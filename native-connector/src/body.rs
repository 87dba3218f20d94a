//! Request body framing: Content-Length countdown and a chunked decoder (RFC 9112 7.1)
//! that validates and drops extensions (7.1.1) and keeps the raw trailer section (bounded,
//! each line a valid field line, 7.1.2) for `lyger_trailers`. Incremental: any split of the
//! input works. Strict as Jetty's `HttpParser`: a malformed extension or trailer line is
//! refused, so that the engine and a front end can never disagree on where a body ends.

use crate::config::Config;
use crate::request_head::{is_tchar, RequestHead};

/// The bound of `Chunked::new`: Jetty's default `requestHeaderSize`.
const DEFAULT_LIMIT: u32 = 8192;

/// Longest trailer section kept, whatever the head limit: lyger_trailers' encoding of the
/// section (at most twice its size) must fit Java's 64 KiB copy buffer.
const TRAILER_CAP: usize = 32 * 1024;

#[derive(Debug)]
pub enum Body {
    None,
    Length { remaining: u64 },
    Chunked(Chunked),
}

impl Body {
    /// The framing of the body a request head announces (connection.rs, parse_probe.rs).
    pub fn of_request(head: &RequestHead, cfg: &Config) -> Body {
        if head.chunked {
            // the head limit, as Jetty's, which counts the head, extensions and trailers together
            Body::Chunked(Chunked::with_limit(cfg.max_header_bytes).after_head(head.head_len))
        } else if head.content_length > 0 {
            Body::Length { remaining: head.content_length as u64 }
        } else {
            Body::None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyError {
    /// bad chunk size or framing (-3)
    Malformed,
    /// body exceeds max_body_bytes (-4)
    TooLarge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum St {
    Size,
    /// whitespace after the size: only an extension or the line end may follow
    Bws,
    /// after ";" (and BWS): the extension's name starts
    ExtName,
    /// inside the name token
    ExtNameTail,
    /// after the name and whitespace (BWS): "=" or ";", not the line end (RFC 9112 7.1.1 has
    /// BWS only before "=" and ";"; Jetty refuses "6;a \r\n")
    ExtAfterName,
    /// after "=" (BWS): a token or a quoted-string starts
    ExtValue,
    ExtToken,
    ExtQuoted,
    ExtQuotedEscape,
    /// after a quoted value: whitespace, ";" or the line end
    ExtAfterValue,
    /// after the value and whitespace (BWS): ";" only, not the line end (as after the name)
    ExtBwsAfterValue,
    SizeLf,
    Data,
    DataCr,
    DataLf,
    TrailerStart,
    /// inside a trailer field's name (a token)
    TrailerName,
    /// after the colon: the field value up to CR
    TrailerValue,
    TrailerLineLf,
    EndLf,
    Done,
}

#[derive(Debug)]
pub struct Chunked {
    st: St,
    size: u64,
    digits: u32,
    remaining: u64,
    total: u64,
    /// Bytes counted against `limit`: the head's, then those of each chunk extension (after the
    /// byte that starts it, up to its line's LF) and of the trailer section (all of it), as
    /// Jetty's HttpParser counts them (`addAndCheckHeadersSize`)
    counted: u32,
    /// the current chunk line has an extension (its LF is counted)
    ext_line: bool,
    /// Most bytes counted (beyond: malformed, as Jetty answers 400): the head limit, as Jetty
    /// counts the head, chunk extensions and trailers together against `requestHeaderSize`.
    limit: u32,
    /// the raw trailer section ("Name: value\r\n"...), at most `TRAILER_CAP` bytes
    trailer: Vec<u8>,
}

impl Default for Chunked {
    fn default() -> Self {
        Chunked::new()
    }
}

impl Chunked {
    pub fn new() -> Chunked {
        Chunked::with_limit(DEFAULT_LIMIT as usize)
    }

    /// A decoder whose extensions and trailer section are bounded by `limit` bytes (the head limit).
    pub fn with_limit(limit: usize) -> Chunked {
        let limit = limit.min(u32::MAX as usize) as u32;
        Chunked { st: St::Size, size: 0, digits: 0, remaining: 0, total: 0, counted: 0, ext_line: false, limit, trailer: Vec::new() }
    }

    /// The same decoder, with the `head_len` bytes of the request's head counted already.
    pub fn after_head(mut self, head_len: usize) -> Chunked {
        self.counted = head_len.min(u32::MAX as usize) as u32;
        self
    }

    pub fn is_done(&self) -> bool {
        self.st == St::Done
    }

    /// The raw trailer section once the body is done (empty when the client sent none).
    pub fn trailer_section(&self) -> &[u8] {
        &self.trailer
    }

    /// Memory held for the trailer section (its capacity).
    pub fn buffer_bytes(&self) -> usize {
        self.trailer.capacity()
    }

    /// Decodes from `input` into `out`; returns (input bytes consumed, body bytes produced).
    /// Consumes all of `input` unless `out` fills up or the body ends (so a caller never
    /// keeps framing bytes it cannot make progress on). `max_body` -1 = unlimited.
    pub fn decode(&mut self, input: &[u8], out: &mut [u8], max_body: i64) -> Result<(usize, usize), BodyError> {
        let mut i = 0;
        let mut o = 0;
        while i < input.len() && self.st != St::Done {
            let b = input[i];
            match self.st {
                St::Data => {
                    if o == out.len() {
                        break;
                    }
                    let n = (self.remaining.min((input.len() - i) as u64) as usize).min(out.len() - o);
                    out[o..o + n].copy_from_slice(&input[i..i + n]);
                    i += n;
                    o += n;
                    self.remaining -= n as u64;
                    if self.remaining == 0 {
                        self.st = St::DataCr;
                    }
                    continue;
                }
                St::Size => {
                    let d = match b {
                        b'0'..=b'9' => Some(b - b'0'),
                        b'a'..=b'f' => Some(b - b'a' + 10),
                        b'A'..=b'F' => Some(b - b'A' + 10),
                        _ => None,
                    };
                    match d {
                        Some(d) => {
                            self.digits += 1;
                            // 16 hex digits overflow nothing, but no sane client needs 15+
                            if self.digits > 15 {
                                return Err(BodyError::Malformed);
                            }
                            self.size = self.size * 16 + d as u64;
                        }
                        None if self.digits == 0 => return Err(BodyError::Malformed),
                        None => match b {
                            b';' => {
                                self.ext_line = true;
                                self.st = St::ExtName;
                            }
                            b' ' | b'\t' => {
                                self.ext_line = true;
                                self.st = St::Bws;
                            }
                            b'\r' => self.st = St::SizeLf,
                            _ => return Err(BodyError::Malformed),
                        },
                    }
                }
                // whitespace after the size may only lead to an extension (BWS ";", RFC 9112 7.1.1),
                // not to the line end: "5\t\r\n" is 400 on Jetty too
                St::Bws => match b {
                    b' ' | b'\t' => self.count()?,
                    b';' => {
                        self.count()?;
                        self.st = St::ExtName
                    }
                    _ => return Err(BodyError::Malformed),
                },
                // chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ), RFC 9112 7.1.1
                St::ExtName
                | St::ExtNameTail
                | St::ExtAfterName
                | St::ExtValue
                | St::ExtToken
                | St::ExtQuoted
                | St::ExtQuotedEscape
                | St::ExtAfterValue
                | St::ExtBwsAfterValue => {
                    self.count()?;
                    self.st = extension_step(self.st, b).ok_or(BodyError::Malformed)?;
                }
                St::SizeLf => {
                    if b != b'\n' {
                        return Err(BodyError::Malformed);
                    }
                    if self.ext_line {
                        self.count()?;
                        self.ext_line = false;
                    }
                    if self.size == 0 {
                        self.st = St::TrailerStart;
                    } else {
                        self.total += self.size;
                        if max_body >= 0 && self.total > max_body as u64 {
                            return Err(BodyError::TooLarge);
                        }
                        self.remaining = self.size;
                        self.st = St::Data;
                    }
                    self.size = 0;
                    self.digits = 0;
                }
                St::DataCr => {
                    if b != b'\r' {
                        return Err(BodyError::Malformed);
                    }
                    self.st = St::DataLf;
                }
                St::DataLf => {
                    if b != b'\n' {
                        return Err(BodyError::Malformed);
                    }
                    self.st = St::Size;
                }
                // field-line = field-name ":" OWS field-value OWS (RFC 9112 5, 7.1.2): a line that
                // is not one (a request line, a space before the colon, a control byte) is fatal
                St::TrailerStart => match b {
                    b'\r' => {
                        self.count()?;
                        self.st = St::EndLf
                    }
                    _ if is_tchar(b) => {
                        self.bump_trailer()?;
                        self.trailer.push(b);
                        self.st = St::TrailerName;
                    }
                    _ => return Err(BodyError::Malformed),
                },
                St::TrailerName => {
                    self.bump_trailer()?;
                    self.trailer.push(b);
                    match b {
                        b':' => self.st = St::TrailerValue,
                        _ if is_tchar(b) => {}
                        _ => return Err(BodyError::Malformed),
                    }
                }
                St::TrailerValue => match b {
                    b'\r' => {
                        self.bump_trailer()?;
                        self.trailer.push(b);
                        self.st = St::TrailerLineLf
                    }
                    b'\t' | b' '..=b'~' | 0x80..=0xff => {
                        self.bump_trailer()?;
                        self.trailer.push(b);
                    }
                    _ => return Err(BodyError::Malformed),
                },
                St::TrailerLineLf => {
                    if b != b'\n' {
                        return Err(BodyError::Malformed);
                    }
                    self.bump_trailer()?;
                    self.trailer.push(b);
                    self.st = St::TrailerStart;
                }
                St::EndLf => {
                    if b != b'\n' {
                        return Err(BodyError::Malformed);
                    }
                    self.count()?;
                    self.st = St::Done;
                }
                St::Done => unreachable!(),
            }
            i += 1;
        }
        Ok((i, o))
    }

    /// Counts one byte against the head limit.
    fn count(&mut self) -> Result<(), BodyError> {
        self.counted = self.counted.saturating_add(1);
        if self.counted > self.limit {
            return Err(BodyError::Malformed);
        }
        Ok(())
    }

    /// Counts one byte of the trailer section, which is kept.
    fn bump_trailer(&mut self) -> Result<(), BodyError> {
        if self.trailer.len() >= TRAILER_CAP {
            return Err(BodyError::Malformed);
        }
        self.count()
    }
}

/// One byte of a chunk extension: the next state, None when the grammar is violated.
fn extension_step(st: St, b: u8) -> Option<St> {
    let bws = b == b' ' || b == b'\t';
    Some(match st {
        St::ExtName if bws => St::ExtName,
        St::ExtName | St::ExtNameTail if is_tchar(b) => St::ExtNameTail,
        St::ExtNameTail | St::ExtAfterName => match b {
            _ if bws => St::ExtAfterName,
            b'=' => St::ExtValue,
            b';' => St::ExtName,
            b'\r' if st == St::ExtNameTail => St::SizeLf,
            _ => return None,
        },
        St::ExtValue if bws => St::ExtValue,
        St::ExtValue if b == b'"' => St::ExtQuoted,
        St::ExtValue | St::ExtToken if is_tchar(b) => St::ExtToken,
        St::ExtQuoted => match b {
            b'"' => St::ExtAfterValue,
            b'\\' => St::ExtQuotedEscape,
            b'\t' | b' ' | b'!'..=b'~' | 0x80..=0xff => St::ExtQuoted,
            _ => return None,
        },
        // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
        St::ExtQuotedEscape => match b {
            b'\t' | b' ' | b'!'..=b'~' | 0x80..=0xff => St::ExtQuoted,
            _ => return None,
        },
        St::ExtToken | St::ExtAfterValue | St::ExtBwsAfterValue => match b {
            _ if bws => St::ExtBwsAfterValue,
            b';' => St::ExtName,
            b'\r' if st != St::ExtBwsAfterValue => St::SizeLf,
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `input` fed in pieces of the given boundaries, with an output buffer of `ocap`.
    fn run(input: &[u8], splits: &[usize], ocap: usize) -> Result<(Vec<u8>, usize), BodyError> {
        let mut d = Chunked::new();
        let mut body = Vec::new();
        let mut out = vec![0u8; ocap];
        let mut bounds: Vec<usize> = splits.to_vec();
        bounds.push(input.len());
        let mut pos = 0;
        for &end in &bounds {
            let mut piece = &input[pos..end];
            loop {
                let (c, p) = d.decode(piece, &mut out, -1)?;
                body.extend_from_slice(&out[..p]);
                piece = &piece[c..];
                if d.is_done() || piece.is_empty() {
                    break;
                }
                assert!(c > 0 || p > 0, "no progress");
            }
            pos = end;
            if d.is_done() {
                return Ok((body, pos - piece.len()));
            }
        }
        assert!(d.is_done(), "not done");
        Ok((body, input.len()))
    }

    const MSG: &[u8] = b"5\r\nhello\r\n1;ext=1;x=\"y\"\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\nY: 2\r\n\r\nNEXT";

    #[test]
    fn whole() {
        let (body, used) = run(MSG, &[], 64).unwrap();
        assert_eq!(body, b"hello 0123456789");
        assert_eq!(&MSG[used..], b"NEXT");
    }

    #[test]
    fn split_at_every_boundary_and_tiny_output() {
        for i in 0..MSG.len() {
            for ocap in [1, 3, 64] {
                let (body, used) = run(MSG, &[i], ocap).unwrap();
                assert_eq!(body, b"hello 0123456789", "split {i} ocap {ocap}");
                assert_eq!(&MSG[used..], b"NEXT");
            }
        }
        // one byte at a time
        let all: Vec<usize> = (1..MSG.len()).collect();
        assert_eq!(run(MSG, &all, 2).unwrap().0, b"hello 0123456789");
    }

    #[test]
    fn trailer_section_is_kept_at_every_split() {
        for i in 0..MSG.len() {
            let mut d = Chunked::new();
            let mut out = [0u8; 64];
            let (c, _) = d.decode(&MSG[..i], &mut out, -1).unwrap();
            let mut rest = MSG[c..].to_vec();
            while !d.is_done() {
                let (c, _) = d.decode(&rest, &mut out, -1).unwrap();
                rest.drain(..c);
            }
            assert_eq!(d.trailer_section(), b"X-Trailer: 1\r\nY: 2\r\n", "split {i}");
        }
    }

    #[test]
    fn no_trailers_and_empty_body() {
        assert_eq!(run(b"0\r\n\r\n", &[], 8).unwrap().0, b"");
        assert_eq!(run(b"3\r\nabc\r\n0\r\n\r\n", &[], 8).unwrap().0, b"abc");
    }

    #[test]
    fn bad_chunk_sizes() {
        for bad in [
            &b"x\r\n"[..],
            b"\r\n",
            b"-1\r\n",
            b"+1\r\n",
            b"1 2\r\n",
            b"5\t\r\nhello\r\n0\r\n\r\n",
            b"5 \r\nhello\r\n0\r\n\r\n",
            b"5\nhello\r\n0\r\n\r\n",
            b"5\r\rhello",
            b"0x5\r\n",
            b"5\r\nhelloX\r\n",
            b"5\r\nhello\rX",
            b"0\r\n\n",
            b"0\r\nX: 1\n",
            b"0\r\n: v\r\n\r\n",
        ] {
            assert_eq!(run(bad, &[], 64).unwrap_err(), BodyError::Malformed, "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn chunk_size_overflow() {
        assert_eq!(run(b"ffffffffffffffffff\r\n", &[], 8).unwrap_err(), BodyError::Malformed);
        assert_eq!(run(b"1000000000000000\r\n", &[], 8).unwrap_err(), BodyError::Malformed);
    }

    #[test]
    fn body_limit() {
        let mut d = Chunked::new();
        let mut out = [0u8; 64];
        assert_eq!(d.decode(b"5\r\nhello\r\n", &mut out, 8).unwrap(), (10, 5));
        assert_eq!(d.decode(b"4\r\n", &mut out, 8).unwrap_err(), BodyError::TooLarge);
    }

    /// RFC 9112 7.1.1: chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] ),
    /// as Jetty's HttpParser reads it.
    #[test]
    fn chunk_extensions() {
        for good in [
            &b"5;a\r\nhello\r\n0\r\n\r\n"[..],
            b"5;a=b;c\r\nhello\r\n0\r\n\r\n",
            b"5 ;a=b\r\nhello\r\n0\r\n\r\n",
            b"5; a = b ;c\r\nhello\r\n0\r\n\r\n",
            b"5;a=\"q s\";b\r\nhello\r\n0\r\n\r\n",
            b"5;a=\"q\\\"s\"\r\nhello\r\n0;z\r\n\r\n",
        ] {
            assert_eq!(run(good, &[], 64).unwrap().0, b"hello", "{:?}", String::from_utf8_lossy(good));
        }
        for bad in [
            &b"5;a:b=1\r\n"[..],
            b"5;=x\r\n",
            b"5;\r\n",
            b"5;;a\r\n",
            b"5;a=\r\n",
            b"5;a=b c\r\n",
            b"5;a b\r\n",
            b"5;a=\"unterminated\r\n",
            b"5;a=\"x\x01\"\r\n",
            b"5;a=b\x00\r\n",
            // BWS only before ";" and "=": whitespace ending the line is 400 on Jetty too
            b"5;a=b \r\n",
            b"5;a\t\r\n",
            b"5;a=\"q\" \r\n",
        ] {
            assert_eq!(run(bad, &[], 64).unwrap_err(), BodyError::Malformed, "{:?}", String::from_utf8_lossy(bad));
        }
    }

    /// RFC 9112 7.1.2 and 5: each trailer line is a field line; anything else ends the message in
    /// an error instead of being read as trailers (and the next request with it).
    #[test]
    fn malformed_trailers() {
        assert_eq!(run(b"0\r\nX:\r\nY: a b\t\r\n\r\n", &[], 8).unwrap().0, b"");
        for bad in [
            &b"0\r\nNo colon\r\n\r\n"[..],
            b"0\r\nNocolon\r\n\r\n",
            b"0\r\nBad Name: v\r\n\r\n",
            b"0\r\nName : v\r\n\r\n",
            b"0\r\nNa\x01me: v\r\n\r\n",
            b"0\r\nName: v\x01x\r\n\r\n",
            b"0\r\nName: v\x7fx\r\n\r\n",
            b"0\r\nGET /status?code=223 HTTP/1.1\r\n\r\n",
            // the final CRLF missing: the next request is not a trailer section
            b"0\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
            b"0\r\n X: folded\r\n\r\n",
        ] {
            assert_eq!(run(bad, &[], 8).unwrap_err(), BodyError::Malformed, "{:?}", String::from_utf8_lossy(bad));
        }
    }

    /// Jetty 12.1.7 accepts a 5000-byte extension and an 8100-byte trailer value, and refuses an
    /// 8200-byte one (400) with its default requestHeaderSize of 8192.
    #[test]
    fn extension_and_trailer_limits() {
        let long_ext = |n: usize| format!("5;{}\r\nhello\r\n0\r\n\r\n", "a".repeat(n));
        assert_eq!(run(long_ext(5000).as_bytes(), &[], 8).unwrap().0, b"hello");
        assert_eq!(run(long_ext(9000).as_bytes(), &[], 8).unwrap_err(), BodyError::Malformed);
        let trailer = |n: usize| format!("0\r\nX: {}\r\n\r\n", "v".repeat(n));
        assert_eq!(run(trailer(8100).as_bytes(), &[], 8).unwrap().0, b"");
        assert_eq!(run(trailer(8200).as_bytes(), &[], 8).unwrap_err(), BodyError::Malformed);
        let mut d = Chunked::with_limit(100);
        assert_eq!(d.decode(trailer(100).as_bytes(), &mut [0u8; 8], -1).unwrap_err(), BodyError::Malformed);
    }

    /// Jetty's requestHeaderSize bounds the head, the chunk extensions and the trailer section
    /// together (HttpParser.addAndCheckHeadersSize): the head's bytes count, and the extensions
    /// of every chunk add up. No RFC clause sets the bound; RFC 9112 7.1.2 lets a recipient
    /// refuse a trailer section it will not process, and agreeing with Jetty keeps both readers
    /// of a message on the same framing.
    #[test]
    fn head_extensions_and_trailers_share_the_head_limit() {
        let decode = |d: &mut Chunked, input: &str| d.decode(input.as_bytes(), &mut [0u8; 8], -1).map(|(n, _)| n);
        let trailer = |n: usize| format!("0\r\nX: {}\r\n\r\n", "v".repeat(n));
        // 8000 head bytes, then 3 + 185 + 4 trailer bytes: 8192
        assert!(decode(&mut Chunked::with_limit(8192).after_head(8000), &trailer(185)).is_ok());
        assert_eq!(decode(&mut Chunked::with_limit(8192).after_head(8000), &trailer(186)), Err(BodyError::Malformed));
        // each extension counts from the byte after ';' to its LF: 3 x "aaaa\r\n", then the final CRLF
        let exts = "1;aaaa\r\nx\r\n".repeat(3);
        assert!(decode(&mut Chunked::with_limit(20), &format!("{exts}0\r\n\r\n")).is_ok());
        assert_eq!(decode(&mut Chunked::with_limit(19), &format!("{exts}0\r\n\r\n")), Err(BodyError::Malformed));
        assert_eq!(decode(&mut Chunked::with_limit(22), &format!("{exts}0;a\r\n\r\n")), Err(BodyError::Malformed));
    }
}
