#!/usr/bin/env bash
# testssl.sh (Debian's package) against the native TLS listener and, as the control, Jetty's TLS (issue 15): starts
# each HTTPS target as bench/run --https does, scans it, and writes bench/testssl/ (README.md, the logs, the JSON).
# Fails (exit 1) when the native TLS listener has a finding rated HIGH or CRITICAL. See bench/README.md.
#
#   bench/testssl.sh [--targets=lyger-native-tls,jetty-tls] [--tls-key=rsa|ec] [--out=DIR] [--jdk=/path/to/jdk]
#
# Needs bench built (bench/run builds it; or mvn -B -pl bench -am package -DskipTests). Several minutes per target.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
bash "$root/bench/install-tools.sh" --testssl
if [[ ! -d "$root/bench/target/classes/io/lyger/bench/server" || ! -d "$root/bench/target/server-lib" ]]; then
    echo "bench/testssl.sh: bench is not built: run bench/run --https --smoke, or mvn -B -pl bench -am package -DskipTests" >&2
    exit 2
fi
if [[ -n "${JAVA_HOME:-}" ]]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java)"; fi
exec "$java" -cp "$root/bench/target/classes" io.lyger.bench.TestSslMain --root="$root" "$@"
