#!/usr/bin/env bash
# Builds / tests the Rust engine. Called by pom.xml:
#   build-native.sh build <outdir>   cargo build --release, copy liblyger.so to <outdir>
#   build-native.sh test             cargo test
#   build-native.sh fuzz-lib         fuzz/'s staticlib with sanitizer-coverage (fuzz/run.sh)
# When crates.io is unreachable, the crates come from Debian's librust-*-dev packages
# (installed here if missing) through source replacement given on the command line.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

if ! command -v cargo >/dev/null 2>&1; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "build-native.sh: cargo not found (looked on PATH and in \$HOME/.cargo/bin)" >&2
  exit 1
fi

# Inside Maven's output so `mvn clean` removes it.
export CARGO_TARGET_DIR="$HERE/target/cargo"

DEB_PKGS=(librust-httparse-dev librust-mio-dev librust-libc-dev librust-httpdate-dev librust-rustls-dev)
CARGO_SRC=()

if curl -sS -m 5 -o /dev/null https://index.crates.io/config.json 2>/dev/null; then
  echo "build-native.sh: crates.io reachable, using it"
else
  echo "build-native.sh: crates.io unreachable, using Debian's packaged crates"
  bash "$HERE/apt-ensure.sh" "${DEB_PKGS[@]}"
  CARGO_SRC=(--config 'source.crates-io.replace-with="debian"'
             --config 'source.debian.directory="/usr/share/cargo/registry"'
             --offline)
fi

cmd="${1:-build}"
case "$cmd" in
  build)
    outdir="${2:?usage: build-native.sh build <outdir>}"
    cargo build --release "${CARGO_SRC[@]}"
    mkdir -p "$outdir"
    cp "$CARGO_TARGET_DIR/release/liblyger.so" "$outdir/liblyger.so"
    echo "build-native.sh: $outdir/liblyger.so"
    ;;
  test)
    # Release: the integration tests exercise real sockets and timing; an optimised build
    # shares the artifacts with `build` and keeps the suite fast.
    cargo test --release "${CARGO_SRC[@]}"
    ;;
  fuzz-lib)
    # libFuzzer's instrumentation emitted by rustc itself (edges, 8-bit counters, PC table,
    # comparisons), with the fuzz profile's overflow checks; linked by fuzz/run.sh.
    # An explicit --target keeps RUSTFLAGS off the build scripts (they are not linked with libFuzzer).
    export CARGO_TARGET_DIR="$HERE/target/fuzz"
    host="$(rustc -vV | sed -n 's/^host: //p')"
    RUSTFLAGS="-C passes=sancov-module -C llvm-args=-sanitizer-coverage-level=3 \
-C llvm-args=-sanitizer-coverage-inline-8bit-counters -C llvm-args=-sanitizer-coverage-pc-table \
-C llvm-args=-sanitizer-coverage-trace-compares -C force-frame-pointers=yes --cfg fuzzing" \
      cargo build --release --target "$host" --manifest-path fuzz/Cargo.toml "${CARGO_SRC[@]}"
    echo "build-native.sh: $CARGO_TARGET_DIR/$host/release/liblyger_fuzz.a"
    ;;
  *)
    echo "usage: build-native.sh build <outdir> | test | fuzz-lib" >&2
    exit 2
    ;;
esac
