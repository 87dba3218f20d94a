#!/usr/bin/env bash
# schedsum.sh PORT : 1 s of sched_switch on CPU 0 during wrk on CPU 1; transitions summarized
port=$1
(taskset -c 1 wrk -t2 -c${2:-16} -d4s http://127.0.0.1:$port/plaintext > ${TMPDIR:-/tmp}/w.txt &) ; sleep 1.5
perf record -q -o ${TMPDIR:-/tmp}/sched.data -e sched:sched_switch,sched:sched_wakeup -C 0 -- sleep 1 >/dev/null 2>&1
sleep 2.5; grep Requests/sec ${TMPDIR:-/tmp}/w.txt
perf script -i ${TMPDIR:-/tmp}/sched.data 2>/dev/null | awk '
/sched_switch/ { match($0, /prev_comm=.* prev_pid/); p=substr($0, RSTART+10, RLENGTH-19); gsub(/[0-9]+$/, "N", p); gsub(/-[0-9]+$/,"-N",p);
  match($0, /prev_state=[A-Z+]+/); s=substr($0, RSTART+11, RLENGTH-11);
  match($0, /next_comm=.* next_pid/); n=substr($0, RSTART+10, RLENGTH-19); gsub(/-[0-9]+$/,"-N",n);
  sw[p " (" s ") -> " n]++; tot++ }
/sched_wakeup/ { w=$1; gsub(/-[0-9]+$/,"-N",w); match($0, /comm=.* pid=/); t=substr($0, RSTART+5, RLENGTH-10); gsub(/-[0-9]+$/,"-N",t); if (t !~ /wrk/) wk[w " wakes " t]++ }
END { for (k in sw) print sw[k], k; print "total switches", tot; for (k in wk) print wk[k], k }' | sort -rn | head -25
