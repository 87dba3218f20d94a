#!/usr/bin/env bash
# A long differential fuzzing run (README.md): connector's DifferentialFuzzTest with a seed and a count of inputs.
#   differential.sh [SEED] [COUNT]   defaults: a seed from the clock, 1000000 inputs (about 5 minutes)
# Builds the engine and the connector through the reactor (never installs), runs that one test, and prints its
# summary line; a disagreement not in KnownDifferences fails with the inputs printed escaped.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
seed="${1:-$(date +%s)}"
count="${2:-1000000}"
case "$seed$count" in
  *[!0-9-]*) echo "differential.sh: SEED and COUNT are integers, not '$seed' '$count'" >&2; exit 2 ;;
esac

cd "$ROOT"
echo "differential.sh: seed $seed, $count inputs"
# Only DifferentialFuzzTest runs in connector (native-connector's cargo tests run too: its test phase)
exec mvn -B -q -pl native-connector,connector test -Dtest=DifferentialFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dlyger.fuzz.seed="$seed" -Dlyger.fuzz.count="$count"
