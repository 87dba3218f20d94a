//! The engine's request parsing over a byte buffer, without a socket: the head parser
//! (request_head.rs) and the body framing (body.rs) run as a connection runs them, message after
//! message (pipelined), and each message found is reported with where it ends or why it is
//! refused. For the differential fuzzing against Jetty's HttpParser (connector's
//! DifferentialFuzzTest, through `lyger_parse_probe`) and the coverage-guided fuzzing (fuzz/).
//!
//! The driving loop mirrors connection.rs (advance_idle, start_request, read_body): a refused
//! head or a malformed body ends the connection, and so does a message without keep-alive.

use crate::body::{Body, BodyError};
use crate::config::Config;
use crate::request_head::{self, HeadError, RequestHead};

/// What the engine makes of one message of the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A whole message (head and body) ends at `end`; `keep_alive`: the connection goes on.
    Accepted { end: usize, keep_alive: bool },
    /// The head, or the body (`in_body`), is refused with `status`; the connection ends.
    Rejected { status: u16, in_body: bool },
    /// The buffer ends inside a message (a connection would wait for more bytes).
    Incomplete { in_body: bool },
}

/// Output scratch of the chunked decoder: the probe keeps no body bytes.
const SCRATCH: usize = 4096;

/// Parses the messages of `buf` in order, up to the first one that ends the connection.
pub fn probe(buf: &[u8], cfg: &Config) -> Vec<Outcome> {
    let mut out = Vec::new();
    let mut head = RequestHead::default();
    let mut pos = 0;
    while pos < buf.len() {
        let rest = &buf[pos..];
        match request_head::parse(rest, cfg, &mut head) {
            Ok(true) => {}
            // stray CRLFs after a message are not the start of a head (connection.rs)
            Ok(false) if rest.iter().all(|&b| b == b'\r' || b == b'\n') => break,
            Ok(false) => {
                out.push(Outcome::Incomplete { in_body: false });
                break;
            }
            Err(e) => {
                out.push(Outcome::Rejected { status: e.status(), in_body: false });
                break;
            }
        }
        let body_start = pos + head.head_len;
        let end = match body_end(&buf[body_start..], &head, cfg) {
            Ok(Some(n)) => body_start + n,
            Ok(None) => {
                out.push(Outcome::Incomplete { in_body: true });
                break;
            }
            Err(status) => {
                out.push(Outcome::Rejected { status, in_body: true });
                break;
            }
        };
        out.push(Outcome::Accepted { end, keep_alive: head.keep_alive });
        if !head.keep_alive {
            break;
        }
        pos = end;
    }
    out
}

/// Length of the body framing at the start of `input`: None when it is cut short, Err with the
/// status the connector answers for a malformed (400) or too large (413) body.
fn body_end(input: &[u8], head: &RequestHead, cfg: &Config) -> Result<Option<usize>, u16> {
    match Body::of_request(head, cfg) {
        Body::None => Ok(Some(0)),
        Body::Length { remaining } => Ok((remaining <= input.len() as u64).then_some(remaining as usize)),
        Body::Chunked(mut dec) => {
            let mut scratch = [0u8; SCRATCH];
            let mut used = 0;
            while !dec.is_done() && used < input.len() {
                match dec.decode(&input[used..], &mut scratch, cfg.max_body_bytes) {
                    Ok((c, _)) => used += c,
                    Err(BodyError::Malformed) => return Err(HeadError::BadRequest("").status()),
                    Err(BodyError::TooLarge) => return Err(HeadError::ContentTooLarge.status()),
                }
            }
            Ok(dec.is_done().then_some(used))
        }
    }
}

/// Record kinds of `lyger_parse_probe` (ABI.md).
pub const ACCEPTED: i32 = 0;
pub const REJECTED: i32 = 1;
pub const INCOMPLETE: i32 = 2;
/// Record flags.
pub const IN_BODY: i32 = 1;
pub const KEEP_ALIVE: i32 = 2;

/// Writes each outcome as four i32 (kind, status, end, flags) into `out`; returns how many
/// records there are (which may exceed what `out` holds: the caller sizes and retries).
pub fn encode(outcomes: &[Outcome], out: &mut [i32]) -> usize {
    for (i, o) in outcomes.iter().enumerate() {
        let rec = match *o {
            Outcome::Accepted { end, keep_alive } => [ACCEPTED, 0, end as i32, if keep_alive { KEEP_ALIVE } else { 0 }],
            Outcome::Rejected { status, in_body } => [REJECTED, status as i32, -1, if in_body { IN_BODY } else { 0 }],
            Outcome::Incomplete { in_body } => [INCOMPLETE, 0, -1, if in_body { IN_BODY } else { 0 }],
        };
        if let Some(slot) = out.get_mut(i * 4..i * 4 + 4) {
            slot.copy_from_slice(&rec);
        }
    }
    outcomes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &[u8]) -> Vec<Outcome> {
        probe(s, &Config::new(8192, 8192, -1, 0, 0))
    }

    #[test]
    fn pipelined_messages_and_their_ends() {
        let a = b"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc";
        let b = b"POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\n";
        let c = b"GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        let all = [&a[..], b, c, b"GET /d HTTP/1.1\r\n"].concat();
        assert_eq!(
            run(&all),
            vec![
                Outcome::Accepted { end: a.len(), keep_alive: true },
                Outcome::Accepted { end: a.len() + b.len(), keep_alive: true },
                Outcome::Accepted { end: a.len() + b.len() + c.len(), keep_alive: false },
            ]
        );
    }

    #[test]
    fn refusals_and_cut_messages() {
        assert_eq!(run(b"GET / HTTP/1.1\r\n\r\n"), vec![Outcome::Rejected { status: 400, in_body: false }]);
        assert_eq!(run(b"GET / HTTP/1.1\r\nHost: x\r\n"), vec![Outcome::Incomplete { in_body: false }]);
        let cut = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\nabc";
        assert_eq!(run(cut), vec![Outcome::Incomplete { in_body: true }]);
        let bad = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
        assert_eq!(run(bad), vec![Outcome::Rejected { status: 400, in_body: true }]);
        assert_eq!(run(b"\r\n\r\n"), vec![]);
    }

    #[test]
    fn encoding_reports_the_count_even_when_out_is_short() {
        let o = [Outcome::Accepted { end: 7, keep_alive: true }, Outcome::Rejected { status: 431, in_body: false }];
        let mut out = [0i32; 4];
        assert_eq!(encode(&o, &mut out), 2);
        assert_eq!(out, [ACCEPTED, 0, 7, KEEP_ALIVE]);
    }
}
