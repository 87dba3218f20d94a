//! File regions (lyger_send_file) over real sockets and real files: whole files and regions,
//! partial writes finished by the poller for a slow reader, the engine's descriptor closed after
//! every way a send ends, and files that are missing or shrink refused or cut, never padded.
mod common;

use common::*;
use std::fs;
use std::io::{BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A file of `size` pattern bytes in a directory of this test's own.
fn pattern_file(name: &str, size: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lyger-file-send-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, (0..size).map(pattern).collect::<Vec<u8>>()).unwrap();
    path
}

/// Descriptors of this process (the engine runs in it) open on `path`.
fn open_fds(path: &Path) -> usize {
    fs::read_dir("/proc/self/fd").unwrap().filter_map(|e| fs::read_link(e.ok()?.path()).ok()).filter(|t| t == path).count()
}

/// Waits (generously) until no descriptor of ours is open on `path`.
fn assert_closed_soon(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while open_fds(path) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(open_fds(path), 0, "the engine still holds {}", path.display());
}

fn get_file(c: &mut TcpStream, path: &Path, off: usize, len: usize, tag: &str, method: &str) {
    let target = format!("/file?path={}&off={off}&len={len}&tag={tag}", path.display());
    c.write_all(format!("{method} {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes()).unwrap();
}

fn assert_region(body: &[u8], off: usize, len: usize) {
    assert_eq!(body.len(), len);
    if let Some(i) = (0..len).find(|&i| body[i] != pattern(off + i)) {
        panic!("byte {i} of the region at {off} is {}, not {}", body[i], pattern(off + i));
    }
}

/// Larger than the socket buffers of both ends hold with a slow client.
const LARGE: usize = 16 << 20;

/// A LARGE file requested by a client that does not read: the send is pending and armed.
fn pending_large_file(tag: &str) -> (Server, PathBuf, TcpStream) {
    let s = Server::start(Opts::default());
    let path = pattern_file(tag, LARGE);
    let mut c = slow_client(&s);
    get_file(&mut c, &path, 0, LARGE, tag, "GET");
    assert_eq!(await_log(tag, "arm=", 10_000).as_deref(), Some("arm=1"), "{:?}", logged(tag));
    assert_eq!(logged(tag)[0], "send=1");
    (s, path, c)
}

#[test]
fn whole_file_and_region_on_one_connection() {
    let s = Server::start(Opts::default());
    let path = pattern_file("whole", 300_000);
    let mut c = s.connect();
    let mut r = BufReader::new(c.try_clone().unwrap());
    c.write_all(format!("GET /file?path={}&size=300000&len=300000&tag=whole HTTP/1.1\r\nHost: x\r\n\r\n", path.display()).as_bytes()).unwrap();
    let whole = read_response(&mut r, false).unwrap();
    assert_eq!(whole.header("content-length"), Some("300000"));
    assert_region(&whole.body, 0, 300_000);
    // a range, then a HEAD (the region is framed, never written): the connection stays usable
    get_file(&mut c, &path, 1000, 5000, "range", "GET");
    assert_region(&read_response(&mut r, false).unwrap().body, 1000, 5000);
    get_file(&mut c, &path, 0, 300_000, "head", "HEAD");
    let head = read_response(&mut r, true).unwrap();
    assert_eq!(head.header("content-length"), Some("300000"));
    assert!(head.body.is_empty());
    let plain = request(&mut c, "GET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(plain.text().starts_with("GET /plain"), "{}", plain.text());
    assert_closed_soon(&path);
}

#[test]
fn slow_reader_gets_a_large_file_through_partial_writes() {
    let (_s, path, c) = pending_large_file("large");
    // nothing completes while the client does not read, and the engine holds the file
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(await_log("large", "sent=", 0), None);
    assert_eq!(open_fds(&path), 1);
    let r = read_response(&mut BufReader::new(c.try_clone().unwrap()), false).unwrap();
    assert_region(&r.body, 0, LARGE);
    assert_eq!(await_log("large", "sent=", 20_000).as_deref(), Some("sent=0"));
    assert_closed_soon(&path);
}

#[test]
fn client_gone_mid_file_fails_the_send_and_closes_the_file() {
    let (_s, path, c) = pending_large_file("gone");
    drop(c);
    assert_eq!(await_log("gone", "sent=", 20_000).as_deref(), Some("sent=-1"));
    assert_closed_soon(&path);
}

#[test]
fn missing_file_or_region_past_its_end_is_refused_before_a_byte() {
    let s = Server::start(Opts::default());
    let path = pattern_file("short", 1000);
    let cases = [
        ("missing", path.with_file_name("nope"), 0, 10, ""),
        ("past", path.clone(), 500, 501, ""),
        ("dir", path.parent().unwrap().to_path_buf(), 0, 1, ""),
        // the file is no longer the one the response was framed for
        ("resized", path.clone(), 0, 10, "&size=999"),
    ];
    for (tag, p, off, len, size) in cases {
        let mut c = s.connect();
        let target = format!("/file?path={}&off={off}&len={len}&tag={tag}{size}", p.display());
        c.write_all(format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes()).unwrap();
        assert_eq!(await_log(tag, "send=", 10_000).as_deref(), Some("send=-6"), "{tag}");
        // no response at all: the connection just closes
        c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut got = Vec::new();
        let _ = c.read_to_end(&mut got);
        assert!(got.is_empty(), "{tag}: {}", String::from_utf8_lossy(&got));
    }
    assert_closed_soon(&path);
}

#[test]
fn file_shrinking_while_sent_cuts_the_connection() {
    let (_s, path, mut c) = pending_large_file("shrink");
    fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(1 << 20).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut got = Vec::new();
    let _ = c.read_to_end(&mut got);
    let body_at = got.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let body = &got[body_at..];
    // less than promised (the client sees the cut); the bytes still in the file are its own
    // (those past the new end that were in flight are whatever the kernel had: as with any
    // sendfile or mapping, a file changed while sent gives no promise for them)
    assert!(body.len() < LARGE, "{} bytes", body.len());
    let kept = body.len().min(1 << 20);
    assert_region(&body[..kept], 0, kept);
    assert_eq!(await_log("shrink", "sent=", 20_000).as_deref(), Some("sent=-1"));
    assert_closed_soon(&path);
}

#[test]
fn file_shrinking_to_a_later_end_cuts_the_connection_there() {
    // The writer stops at a short sendfile count (taken as a full socket); a count short because
    // the file ended is retried by the scan, which then cuts the connection at once, not after
    // the idle timeout (that would be sent=-2).
    let (_s, path, mut c) = pending_large_file("later");
    let end = 12 << 20;
    fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(end as u64).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut got = Vec::new();
    let _ = c.read_to_end(&mut got);
    let body_at = got.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_region(&got[body_at..], 0, end);
    assert_eq!(await_log("later", "sent=", 20_000).as_deref(), Some("sent=-1"));
    assert_closed_soon(&path);
}
