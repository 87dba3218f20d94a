#!/usr/bin/env bash
# Connection rate with and without a PROXY v2 header (README.md): starts three `lyger serve` of the sample WAR on
# loopback (native --proxy-protocol, native without, Jetty's ServerConnector --proxy-protocol), runs ProxyConnBench
# against them in alternating rounds, stops them.   run.sh [ROUNDS] [CONNECTIONS]   (default 7 x 1500)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WAR="$ROOT/war-sample/target/lyger-sample.war"
LOGS="$(mktemp -d)"
pids=()
stop() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait || true; }
trap stop EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
targets=()
start() { # NAME CONNECTOR [OPTION]
  local port; port="$(free_port)"
  env --default-signal=INT "$ROOT/bin/lyger" serve "$WAR" --host=127.0.0.1 --port="$port" --connector="$2" ${3:-} --no-warmup \
    > "$LOGS/$1.log" 2>&1 &
  pids+=($!)
  targets+=("$1:$port")
}
start native-proxy-v2 native --proxy-protocol
start native-no-header native
start jetty-proxy-v2 jetty --proxy-protocol
for t in "${targets[@]}"; do
  for _ in $(seq 1 240); do grep -q "ready on" "$LOGS/${t%%:*}.log" && break; sleep 0.5; done
  grep -q "ready on" "$LOGS/${t%%:*}.log" || { echo "run.sh: ${t%%:*} did not start: $(tail -n 3 "$LOGS/${t%%:*}.log")" >&2; exit 1; }
done
java "$ROOT/bench/proxy-protocol/ProxyConnBench.java" "${1:-7}" "${2:-1500}" "${targets[0]}:true" "${targets[1]}:false" "${targets[2]}:true"
