//! The fuzz target: one input through the engine's parsing as a connection runs it
//! (parse_probe::probe: request_head.rs and body.rs, pipelined), with the default limits and
//! with tight ones (so that the 413/414/431 paths are reached), and through the chunked decoder
//! alone, fed whole and then one byte at a time, which must agree (body.rs promises that any
//! split of the input works). The same input is also read as the start of a connection by the
//! PROXY protocol parser (proxy_protocol.rs), whose verdict must not depend on how the header
//! arrives either: every cut of a whole header is "need more". Any panic (overflow checks and debug assertions are on) aborts:
//! libFuzzer reports it as a crash.

use lyger::body::{BodyError, Chunked};
use lyger::config::Config;
use lyger::parse_probe::{probe, Outcome};
use lyger::proxy_protocol::{self, Parsed, V1_MAX, V2_FIXED, V2_MAX_DEFAULT};
use std::sync::OnceLock;

fn configs() -> &'static [Config; 2] {
    static CFG: OnceLock<[Config; 2]> = OnceLock::new();
    CFG.get_or_init(|| [Config::new(8192, 8192, -1, 0, 0), Config::new(48, 160, 64, 0, 0)])
}

/// # Safety: `data` points to `size` readable bytes (libFuzzer's input).
#[no_mangle]
pub unsafe extern "C" fn lyger_fuzz_one(data: *const u8, size: usize) -> i32 {
    let input = if size == 0 { &[][..] } else { std::slice::from_raw_parts(data, size) };
    for cfg in configs() {
        check_outcomes(input, &probe(input, cfg));
    }
    let whole = decode(input, input.len().max(1), 4096);
    let bytewise = decode(input, 1, 3);
    assert_eq!(whole, bytewise, "chunked decoding depends on how the input is split");
    check_proxy_header(input);
    0
}

/// A PROXY header found is within its bounds, and every shorter prefix of it asks for more bytes
/// (so a header split over several reads is read the same), asking for no more than it holds.
fn check_proxy_header(input: &[u8]) {
    if let Parsed::Header { len, .. } = proxy_protocol::parse(input, V2_MAX_DEFAULT) {
        assert!(len <= input.len() && len <= V1_MAX.max(V2_FIXED + V2_MAX_DEFAULT), "header of {len} bytes");
        for cut in 0..len {
            match proxy_protocol::parse(&input[..cut], V2_MAX_DEFAULT) {
                Parsed::NeedMore { need } => assert!(need > cut && need <= len, "cut {cut} of {len}: need {need}"),
                other => panic!("cut {cut} of a {len}-byte header: {other:?}"),
            }
        }
    }
}

/// Accepted messages end in order, inside the input; only the last outcome ends parsing.
fn check_outcomes(input: &[u8], outcomes: &[Outcome]) {
    let mut prev = 0;
    for (i, o) in outcomes.iter().enumerate() {
        match *o {
            Outcome::Accepted { end, keep_alive } => {
                assert!(end > prev && end <= input.len(), "message end {end} after {prev} of {}", input.len());
                assert!(keep_alive || i + 1 == outcomes.len(), "parsing went on after a closing message");
                prev = end;
            }
            _ => assert_eq!(i + 1, outcomes.len(), "parsing went on after a refused or cut message"),
        }
    }
}

/// The chunked decoder over `input` fed in pieces of `piece` bytes into an output of `ocap`:
/// the bytes of input used and the body, or the error (what came before it depends on the split).
fn decode(input: &[u8], piece: usize, ocap: usize) -> Result<(usize, Vec<u8>), BodyError> {
    let mut dec = Chunked::new();
    let mut body = Vec::new();
    let mut out = vec![0u8; ocap];
    let mut used = 0;
    while used < input.len() && !dec.is_done() {
        let end = (used + piece).min(input.len());
        let (c, p) = dec.decode(&input[used..end], &mut out, 1 << 20)?;
        assert!(c > 0 || p > 0, "the chunked decoder made no progress");
        used += c;
        body.extend_from_slice(&out[..p]);
    }
    Ok((used, body))
}
