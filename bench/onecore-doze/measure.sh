#!/usr/bin/env bash
# Measurement helper of bench/README.md "On one core (issue 17, fifth session)": per server, req/s, CPU µs, p99,
# voluntary and involuntary switches per request (/proc/PID/task/*/status) and, with PERF=1, perf stat syscall counts
# (per request x 0.91: the perf window is scaled by 1.1 for a 5 s run). PIN=1: servers on CPU 0, wrk on CPU 1.
# usage: measure.sh OUTDIR ROUNDS SECONDS CONNS PATH name=ENVSPEC:KIND ...
# KIND: native | jetty | bare | barewar | nativemin ; ENVSPEC: comma-separated VAR=VAL or -
set -uo pipefail
out=$1 rounds=$2 secs=$3 conns=$4 path=$5; shift 5
root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$out"
CPU0=${CPU0:-0} CPU1=${CPU1:-1}
names=() pids=() ports=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
for spec in "$@"; do
  name=${spec%%=*}; rest=${spec#*=}; envs=${rest%%:*}; kind=${rest##*:}
  port=$(( ${BASEPORT:-31100} + ${#names[@]} ))
  envarr=(); [[ $envs != - ]] && IFS=, read -ra envarr <<<"$envs"
  case $kind in
    native|jetty) args=(-cp "$root/bench/target/server-lib/*" io.lyger.launcher.Main serve "$root/bench/target/war/lyger-sample.war" --connector=$kind) ;;
    nativemin|jettymin) args=(-cp "$root/bench/target/server-lib/*" io.lyger.launcher.Main serve "$root/bench/target/war/minimal" --connector=${kind%min}) ;;
    bare) args=(-cp "$root/bench/peers/target/classes:$root/bench/peers/target/lib/jetty/*" io.lyger.bench.peers.BareJettyPeer) ;;
    barewar) args=(-cp "$root/bench/peers/target/classes:$root/bench/peers/target/lib/jetty/*" io.lyger.bench.peers.BareJettyPeer --war="$root/bench/target/war/minimal") ;;
  esac
  env --default-signal=INT "${envarr[@]}" ${PIN:+taskset -c $CPU0} java --enable-native-access=ALL-UNNAMED -Xmx1g -XX:+UseG1GC "${args[@]}" --port=$port >"$out/$name.log" 2>&1 &
  names+=("$name") pids+=($!) ports+=($port)
done
for i in "${!names[@]}"; do
  for _ in $(seq 240); do curl -sf "http://127.0.0.1:${ports[$i]}$path" >/dev/null 2>&1 && break; sleep 1; done
done
W=(); [[ -n ${PIN:-} ]] && W=(taskset -c $CPU1)
for _ in 1 2; do for i in "${!names[@]}"; do "${W[@]}" wrk -t2 -c$conns -d${WARM:-8}s "http://127.0.0.1:${ports[$i]}$path" >/dev/null; done; done
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ev=task-clock,context-switches,cpu-migrations,raw_syscalls:sys_enter,syscalls:sys_enter_futex,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_pwait,syscalls:sys_enter_read,syscalls:sys_enter_write,syscalls:sys_enter_sendmsg,syscalls:sys_enter_recvfrom,syscalls:sys_enter_pread64,syscalls:sys_enter_timerfd_settime,syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_writev,syscalls:sys_enter_sched_yield,syscalls:sys_enter_poll,syscalls:sys_enter_sendto
: >"$out/runs.tsv"
for r in $(seq $rounds); do
  for i in "${!names[@]}"; do
    pid=${pids[$i]}
    vs0=$(cat /proc/$pid/task/*/status | awk '/^voluntary_ctxt/ {v+=$2} /^nonvoluntary_ctxt/ {n+=$2} END {print v, n}')
    t0=$(ticks $pid)
    if [[ -n ${PERF:-} ]]; then
      perf stat -x, -e $ev -p $pid -o "$out/perf-$r-${names[$i]}.csv" -- sleep $((secs+1)) &
      pp=$!; sleep 0.5
    fi
    o=$("${W[@]}" wrk -t2 -c$conns -d${secs}s --latency "http://127.0.0.1:${ports[$i]}$path")
    t1=$(ticks $pid)
    vs1=$(cat /proc/$pid/task/*/status | awk '/^voluntary_ctxt/ {v+=$2} /^nonvoluntary_ctxt/ {n+=$2} END {print v, n}')
    [[ -n ${PERF:-} ]] && wait $pp
    reqs=$(awk '/requests in/ {print $1}' <<<"$o"); rps=$(awk '/Requests\/sec/ {print $2}' <<<"$o")
    p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms/, "", v); else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}' <<<"$o")
    cpu=$(awk -v t=$((t1-t0)) -v hz=$hz -v n=$reqs 'BEGIN {printf "%.2f", t/hz*1e6/n}')
    sw=$(awk -v a="$vs0" -v b="$vs1" -v n=$reqs 'BEGIN {split(a,x," "); split(b,y," "); printf "%.3f\t%.3f", (y[1]-x[1])/n, (y[2]-x[2])/n}')
    extra=""
    if [[ -n ${PERF:-} ]]; then
      # per request, perf window is secs+1 vs wrk secs: scale by rps*(secs+1)... approximate with reqs*(secs+1)/secs
      extra=$(awk -F, -v n=$reqs -v s=$secs 'NF>3 && $1 ~ /^[0-9.]+$/ {e=$3; sub(/.*:sys_enter_?/, "", e); printf "%s=%.3f ", e, $1/(n*(s+0.5)/s)}' "$out/perf-$r-${names[$i]}.csv")
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' $r ${names[$i]} $rps $cpu $p99 "$sw" "$extra" | tee -a "$out/runs.tsv"
  done
done
echo "load: $(cat /proc/loadavg)" | tee -a "$out/runs.tsv"
