#!/usr/bin/env bash
# Coverage-guided fuzzing of the engine's head parser and chunked decoder with libFuzzer (README.md).
#   run.sh [LIMIT]   LIMIT: Ns for N seconds (600s), or N for N executions (100000000); default 60s
# Installs clang and libFuzzer (Debian packages) when missing, builds the instrumented target
# (build-native.sh fuzz-lib, target.rs), and fuzzes on one core (nice, one job) from the committed
# seeds (corpus/) plus what earlier runs found (target/fuzz/work/). A crash or hang (an input
# over 10 s) stops it with a non-zero exit and leaves the input in target/fuzz/artifacts/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NC="$(dirname "$HERE")"
LLVM=19
PKGS=(clang-$LLVM libfuzzer-$LLVM-dev)

limit="${1:-60s}"
case "$limit" in
  *s) LIMIT=(-max_total_time="${limit%s}") ;;
  *[!0-9]* | "") echo "run.sh: LIMIT is Ns (seconds) or N (executions), not '$limit'" >&2; exit 2 ;;
  *) LIMIT=(-runs="$limit") ;;
esac

bash "$NC/apt-ensure.sh" "${PKGS[@]}"
bash "$NC/build-native.sh" fuzz-lib
host="$(rustc -vV | sed -n 's/^host: //p')"
OUT="$NC/target/fuzz"
# libFuzzer.a brings main(); harness.c is the C entry point it calls.
clang-$LLVM -O1 "$HERE/harness.c" "$OUT/$host/release/liblyger_fuzz.a" "/usr/lib/llvm-$LLVM/lib/libFuzzer.a" \
  -lstdc++ -lpthread -ldl -lm -lgcc_s -o "$OUT/lyger-fuzz"
mkdir -p "$OUT/work" "$OUT/artifacts"

set -x
exec nice -n 10 "$OUT/lyger-fuzz" -max_len=4096 -timeout=10 -rss_limit_mb=1024 -dict="$HERE/http.dict" \
  -print_final_stats=1 -artifact_prefix="$OUT/artifacts/" "${LIMIT[@]}" "$OUT/work" "$HERE/corpus"
