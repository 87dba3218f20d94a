# Settings shared by examples/cluster's scripts (sourced, not run). Each may be set in the environment.
# shellcheck shell=bash
cluster_home="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lyger_root="$(cd "$cluster_home/../.." && pwd)"

CLUSTER_DIR="${CLUSTER_DIR:-$cluster_home/target}"          # data, logs, pid files, generated haproxy.cfg
CLUSTER_PORT="${CLUSTER_PORT:-8080}"                          # HAProxy's front end, the one address clients use
CLUSTER_INSTANCES="${CLUSTER_INSTANCES:-3}"                   # Lyger instances, on the ports after CLUSTER_INSTANCE_PORT
CLUSTER_INSTANCE_PORT="${CLUSTER_INSTANCE_PORT:-8081}"        # instance i (1..N) listens on CLUSTER_INSTANCE_PORT + i - 1
CLUSTER_PG_PORT="${CLUSTER_PG_PORT:-5433}"                    # the throwaway PostgreSQL cluster
CLUSTER_WAR="${CLUSTER_WAR:-$lyger_root/war-sample/target/lyger-sample.war}"
CLUSTER_CONNECTOR="${CLUSTER_CONNECTOR:-native}"              # native or jetty (serve --connector); a list (native,jetty) goes round the instances
# 1: HAProxy passes the client's address with the PROXY protocol (send-proxy-v2) and the instances read it
# (lyger serve --proxy-protocol); 0: HAProxy's own address is what the applications see.
LYGER_PROXY_PROTOCOL="${LYGER_PROXY_PROTOCOL:-1}"

pg_db="lyger"
pg_url="jdbc:postgresql://127.0.0.1:$CLUSTER_PG_PORT/$pg_db?user=postgres"
haproxy_socket="$CLUSTER_DIR/haproxy.sock"

instance_port() { echo $((CLUSTER_INSTANCE_PORT + $1 - 1)); }

say() { echo "cluster: $*" >&2; }
die() { echo "cluster: $*" >&2; exit 1; }

# haproxy_cmd CMD: one command on HAProxy's runtime API (its stats socket)
haproxy_cmd() { echo "$1" | socat stdio "unix-connect:$haproxy_socket"; }

# wait_ready PORT SECONDS: until the instance's readiness probe answers 200
wait_ready() {
    local deadline=$((SECONDS + $2))
    until curl -fsS -o /dev/null "http://127.0.0.1:$1/_lyger/health/ready" 2>/dev/null; do
        (( SECONDS < deadline )) || return 1
        sleep 0.2
    done
}

# server_status NAME: HAProxy's view of a server of backend lyger (UP, DOWN, MAINT, DRAIN...)
server_status() {
    haproxy_cmd "show stat" | awk -F, -v s="$1" '$1 == "lyger" && $2 == s { print $18 }'
}

# server_sessions NAME: connections HAProxy has open to that server now
server_sessions() {
    haproxy_cmd "show stat" | awk -F, -v s="$1" '$1 == "lyger" && $2 == s { print $5 }'
}

# start_instance I: starts Lyger instance I in the background (pid in CLUSTER_DIR/lyger-I.pid, log in lyger-I.log)
start_instance() {
    local i="$1" port connectors
    port="$(instance_port "$i")"
    IFS=, read -ra connectors <<<"$CLUSTER_CONNECTOR"
    local args=(serve "$CLUSTER_WAR" --host 127.0.0.1 --port "$port" --connector "${connectors[$(( (i - 1) % ${#connectors[@]} ))]}"
                --open-when-ready --stop-timeout 20 --sessions "$pg_url")
    if [[ "$LYGER_PROXY_PROTOCOL" == 1 ]]; then args+=(--proxy-protocol); fi
    # setsid: its own process group, so that a Ctrl+C in the shell that started the cluster does not stop it;
    # SIGINT restored (a background job may have it ignored) so that a stop by signal stays graceful.
    LYGER_SAMPLE_JDBC_URL="jdbc:postgresql://127.0.0.1:$CLUSTER_PG_PORT/$pg_db" LYGER_SAMPLE_JDBC_USER=postgres \
        setsid env --default-signal=INT "$lyger_root/bin/lyger" "${args[@]}" \
        </dev/null >>"$CLUSTER_DIR/lyger-$i.log" 2>&1 &
    echo $! >"$CLUSTER_DIR/lyger-$i.pid"
}

# stop_pid FILE SECONDS: SIGTERM the process in FILE, wait for it to end (SIGKILL after SECONDS)
stop_pid() {
    local file="$1" pid
    [[ -f "$file" ]] || return 0
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        local deadline=$((SECONDS + $2))
        while kill -0 "$pid" 2>/dev/null; do
            if (( SECONDS >= deadline )); then kill -KILL "$pid" 2>/dev/null || true; fi
            sleep 0.1
        done
    fi
    rm -f "$file"
}
