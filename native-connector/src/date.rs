//! Cached `Date` header value: formatted at most once per second per thread.

use std::cell::RefCell;
use std::time::{SystemTime, UNIX_EPOCH};

thread_local! {
    // (unix second, "Sun, 06 Nov 1994 08:49:37 GMT")
    static CACHE: RefCell<(u64, [u8; 29])> = const { RefCell::new((u64::MAX, [0u8; 29])) };
}

/// Appends the current IMF-fixdate (29 bytes) to `out`.
pub fn append_date(out: &mut Vec<u8>) {
    let now = SystemTime::now();
    let secs = now.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.0 != secs {
            let s = httpdate::fmt_http_date(now);
            let b = s.as_bytes();
            if b.len() == 29 {
                c.1.copy_from_slice(b);
                c.0 = secs;
            } else {
                out.extend_from_slice(b);
                return;
            }
        }
        out.extend_from_slice(&c.1);
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_imf_fixdate() {
        let mut v = Vec::new();
        super::append_date(&mut v);
        assert_eq!(v.len(), 29);
        assert!(v.ends_with(b" GMT"));
        let s = std::str::from_utf8(&v).unwrap();
        assert!(httpdate::parse_http_date(s).is_ok());
    }
}
