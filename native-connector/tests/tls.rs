//! HTTPS through the engine with a rustls client: keep-alive, pipelining, chunked bodies, large
//! non-blocking responses, close_notify, and hostile input (garbage, plain HTTP, a handshake that
//! never ends). The certificate is made by the openssl CLI for each run.
mod common;

use common::*;
use rustls::{Certificate, ClientConfig, ClientConnection, RootCertStore, ServerName, StreamOwned};
use std::io::{BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Pki {
    cert: Vec<u8>,
    key: Vec<u8>,
}

/// A self-signed P-256 certificate for `localhost` (DER) and its PKCS#8 key (DER).
fn pki(name: &str) -> Pki {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("lyger-tls-test-{}-{n}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = |f: &str| -> PathBuf { dir.join(f) };
    let run = |args: &[&str]| {
        let st = Command::new("openssl").args(args).status().expect("openssl CLI");
        assert!(st.success(), "openssl {args:?}");
    };
    run(&["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", &format!("/CN={name}"),
        "-addext", &format!("subjectAltName=DNS:{name}"), "-addext", "basicConstraints=critical,CA:FALSE", "-keyout", p("key.pem").to_str().unwrap(), "-out", p("cert.pem").to_str().unwrap()]);
    run(&["x509", "-in", p("cert.pem").to_str().unwrap(), "-outform", "DER", "-out", p("cert.der").to_str().unwrap()]);
    run(&["pkcs8", "-topk8", "-nocrypt", "-in", p("key.pem").to_str().unwrap(), "-outform", "DER", "-out", p("key.der").to_str().unwrap()]);
    let r = Pki { cert: std::fs::read(p("cert.der")).unwrap(), key: std::fs::read(p("key.der")).unwrap() };
    let _ = std::fs::remove_dir_all(&dir);
    r
}

/// The configuration blob of ABI.md "TLS": both protocols, default suites, ALPN http/1.1,
/// tickets on, one certificate.
fn blob(p: &Pki, name: &str, max_handshakes: u32) -> Vec<u8> {
    let mut b = vec![1u8, 0, 3, 1];
    b.extend_from_slice(&max_handshakes.to_le_bytes());
    b.extend_from_slice(&0u32.to_le_bytes());
    b.extend_from_slice(&0u16.to_le_bytes()); // suites: defaults
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&8u16.to_le_bytes());
    b.extend_from_slice(b"http/1.1");
    b.extend_from_slice(&1u16.to_le_bytes()); // one certificate
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&(name.len() as u16).to_le_bytes());
    b.extend_from_slice(name.as_bytes());
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&(p.cert.len() as u32).to_le_bytes());
    b.extend_from_slice(&p.cert);
    b.extend_from_slice(&(p.key.len() as u32).to_le_bytes());
    b.extend_from_slice(&p.key);
    b.extend_from_slice(&0u16.to_le_bytes()); // no trusted CAs
    b
}

type Tls = BufReader<StreamOwned<ClientConnection, TcpStream>>;

fn client(s: &Server, p: &Pki, tls12: bool) -> Tls {
    let mut roots = RootCertStore::empty();
    roots.add(&Certificate(p.cert.clone())).unwrap();
    let builder = ClientConfig::builder().with_safe_default_cipher_suites().with_safe_default_kx_groups();
    let versions: &[&rustls::SupportedProtocolVersion] = if tls12 { &[&rustls::version::TLS12] } else { &[&rustls::version::TLS13] };
    let mut cfg = builder.with_protocol_versions(versions).unwrap().with_root_certificates(roots).with_no_client_auth();
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    let conn = ClientConnection::new(Arc::new(cfg), ServerName::try_from("localhost").unwrap()).unwrap();
    BufReader::new(StreamOwned::new(conn, s.connect()))
}

fn send(c: &mut Tls, raw: &[u8]) {
    c.get_mut().write_all(raw).unwrap();
    c.get_mut().flush().unwrap();
}

#[test]
fn keep_alive_pipelining_and_bodies_over_tls_1_2_and_1_3() {
    let p = pki("localhost");
    let s = Server::start_tls(Opts::default(), &blob(&p, "localhost", 0));
    for tls12 in [false, true] {
        let mut c = client(&s, &p, tls12);
        send(&mut c, b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        let r = read_response(&mut c, false).unwrap();
        assert_eq!(r.text(), "GET /a v1 flags=1 len=0 body=");
        let version = c.get_ref().conn.protocol_version();
        assert_eq!(version, Some(if tls12 { rustls::ProtocolVersion::TLSv1_2 } else { rustls::ProtocolVersion::TLSv1_3 }));
        assert_eq!(c.get_ref().conn.alpn_protocol(), Some(&b"http/1.1"[..]));
        // 50 pipelined requests in one write
        let mut all = Vec::new();
        for i in 0..50 {
            all.extend_from_slice(format!("GET /p{i} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes());
        }
        send(&mut c, &all);
        for i in 0..50 {
            assert_eq!(read_response(&mut c, false).unwrap().text(), format!("GET /p{i} v1 flags=1 len=0 body="));
        }
        send(&mut c, b"POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        assert_eq!(read_response(&mut c, false).unwrap().text(), "POST /c v1 flags=13 len=11 body=hello world");
        // a large non-blocking response, read slowly enough to fill the socket
        send(&mut c, b"GET /async?size=3000000&tag=tls HTTP/1.1\r\nHost: x\r\n\r\n");
        let r = read_response(&mut c, false).unwrap();
        assert_eq!(r.body.len(), 3_000_000);
        assert!(r.body.iter().enumerate().all(|(i, b)| *b == pattern(i)));
        send(&mut c, b"GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert_eq!(read_response(&mut c, false).unwrap().header("connection"), Some("close"));
        // the server's close_notify ends the stream cleanly
        let mut rest = Vec::new();
        assert!(c.read_to_end(&mut rest).is_ok(), "clean close_notify");
        assert!(rest.is_empty());
    }
}

fn served_after(s: &Server, p: &Pki) {
    let mut c = client(s, p, false);
    send(&mut c, b"GET /still HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(read_response(&mut c, false).unwrap().text(), "GET /still v1 flags=1 len=0 body=");
}

fn closed(raw: &mut TcpStream) -> bool {
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        match raw.read(&mut buf) {
            Ok(0) | Err(_) => return true,
            Ok(_) => {} // an alert
        }
    }
    false
}

#[test]
fn garbage_and_plain_http_are_closed_and_others_still_served() {
    let p = pki("localhost");
    let s = Server::start_tls(Opts::default(), &blob(&p, "localhost", 0));
    let mut raw = s.connect();
    raw.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert!(closed(&mut raw));
    let mut raw = s.connect();
    raw.write_all(&[0x16, 0x03, 0x01, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9]).unwrap();
    raw.write_all(&vec![0xAB; 70_000]).unwrap_or(());
    assert!(closed(&mut raw));
    served_after(&s, &p);
}

#[test]
fn a_handshake_that_never_ends_times_out_and_handshakes_are_bounded() {
    let p = pki("localhost");
    let o = Opts { header_ms: 500, ..Opts::default() };
    let s = Server::start_tls(o, &blob(&p, "localhost", 2));
    // silent and half-sent handshakes: both closed at the handshake (header) timeout
    let mut silent = s.connect();
    let mut half = s.connect();
    half.write_all(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x01]).unwrap();
    let mut third = s.connect();
    third.write_all(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x01]).unwrap();
    let t0 = Instant::now();
    assert!(closed(&mut half));
    assert!(closed(&mut silent));
    assert!(closed(&mut third));
    assert!(t0.elapsed() < Duration::from_secs(9));
    let handshakes = || unsafe { lyger::lyger_engine_tls_handshakes(s.engine) };
    let deadline = Instant::now() + Duration::from_secs(5);
    while handshakes() != 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(handshakes(), 0);
    served_after(&s, &p);
}

#[test]
fn an_unusable_configuration_is_refused_with_one_line() {
    let p = pki("localhost");
    let mut b = blob(&p, "localhost", 0);
    b[2] = 0; // no protocol
    let mut err = [0u8; 256];
    let host = std::ffi::CString::new("127.0.0.1").unwrap();
    let e = unsafe { lyger::lyger_engine_start_tls(host.as_ptr(), 0, 16, 0, 0, -1, 0, 0, b.as_ptr(), b.len() as i32, err.as_mut_ptr(), 256) };
    assert_eq!(e, 0);
    let msg = String::from_utf8_lossy(&err[..err.iter().position(|&x| x == 0).unwrap()]).to_string();
    assert!(msg.contains("TLSv1.2 and TLSv1.3"), "{msg}");
}
