//! TLS termination (rustls 0.20 over ring; README.md "TLS" says why): a layer between a
//! connection's socket and its HTTP logic, as Jetty's `SslConnection` sits under `HttpConnection`.
//! `config.rs` turns Java's configuration into a rustls `ServerConfig`, `sni.rs` picks the
//! certificate, `session.rs` is one connection's TLS state with socket-like read/write calls
//! (`connection/transport.rs` routes the connection's I/O through it), `info.rs` tells Java what
//! was negotiated, `names.rs` maps suite names to Java's spelling.

pub mod config;
pub mod info;
pub mod names;
pub mod session;
pub mod sni;
mod socket;

pub use config::TlsContext;
pub use session::TlsSession;
