# Sourced by bin/lyger (the distribution's and the checkout's): training profiles in ONE JVM. A JVM takes AOT data
# (-XX:AOTCache on JDK 25+, -XX:SharedArchiveFile on JDK 17-24) only as it launches, so the script, not the launcher,
# finds the profile of the WAR given to 'serve' (WAR.lyger-profile/ beside it, or in --cache-dir), reads the file
# 'lyger train' wrote for it (launch.conf: key=value lines, read here, never executed) and, while the JDK, its
# release, the class path and every file on it (sizes and times: conf/, lib/) are as they were at training, starts
# the one java with the profile's class path and options. The launcher checks the rest (the WARs) and says in one
# line when it ignores the profile; a JVM that refuses the data (it checks it itself) starts without it.
# Sets lyger_cp (the class path) and lyger_jvm (the JVM options to add) from: class path, java, the command's args.

# Every file on a class path with its size and time, as one checksum: cheap (one find), and changes with any of them.
lyger_stamp() {
    local entry
    local -a paths=()
    local IFS=:
    for entry in $1; do
        [[ -n "$entry" ]] && paths+=("${entry%/\*}")
    done
    IFS=$' \t\n'
    { find -L "${paths[@]}" -printf '%p %s %T@\n' 2>/dev/null || true; } | cksum | tr -d ' '
}

lyger_profile() {
    local cp="$1" java="$2"
    shift 2
    lyger_cp="$cp"
    lyger_jvm=("-Dlyger.script.classpath=$cp")
    case "${1:-}" in
        train) lyger_jvm+=("-Dlyger.script.stamp=$(lyger_stamp "$cp")"); return 0 ;;
        serve) shift ;;
        *) return 0 ;;
    esac
    local arg prev="" cache_dir="" profile="" war
    for arg in "$@"; do
        case "$arg" in
            --no-profile|--no-profile=true) return 0 ;;
            --cache-dir=*) cache_dir="${arg#--cache-dir=}" ;;
        esac
        [[ "$prev" == --cache-dir ]] && cache_dir="$arg"
        prev="$arg"
    done
    # the first argument that is a WAR with a profile (an option's value is no WAR with a profile beside it); the
    # launcher checks that it is the profile of this start's first WAR
    for arg in "$@"; do
        [[ "$arg" == -* || ! -e "$arg" ]] && continue
        war="${arg%/}"
        if [[ -n "$cache_dir" ]]; then
            profile="$cache_dir/${war##*/}.lyger-profile"
        else
            profile="$war.lyger-profile"
        fi
        [[ -f "$profile/profile.properties" ]] && break
        profile=""
    done
    [[ -n "$profile" ]] || return 0
    profile="$(cd "$profile" && pwd)"
    local reason="" line key value
    local trained_java="" release="" trained_cp="" stamp="" use_cp="" aot_file="" aot_size=""
    local -a options=()
    if [[ ! -f "$profile/launch.conf" ]]; then
        reason="it has no launch.conf for bin/lyger (train it again with bin/lyger)"
    else
        while IFS= read -r line || [[ -n "$line" ]]; do
            key="${line%%=*}"
            value="${line#*=}"
            case "$key" in
                java) trained_java="$value" ;;
                java.release) release="$value" ;;
                script.classpath) trained_cp="$value" ;;
                script.stamp) stamp="$value" ;;
                classpath) use_cp="$value" ;;
                aot.file) aot_file="$value" ;;
                aot.size) aot_size="$value" ;;
                option) options+=("$value") ;;
            esac
        done <"$profile/launch.conf" || true
        local java_release="" java_home="${trained_java%/bin/java}"
        if [[ -f "$java_home/release" ]]; then
            while IFS= read -r line; do
                [[ "$line" == JAVA_RUNTIME_VERSION=* ]] && { java_release="${line#JAVA_RUNTIME_VERSION=\"}"; java_release="${java_release%\"}"; }
            done <"$java_home/release" || true
        fi
        if [[ -z "$trained_java" || -z "$use_cp" || -z "$stamp" || ${#options[@]} -eq 0 ]]; then
            reason="its launch.conf is incomplete or corrupt"
        elif [[ "$(readlink -f "$java")" != "$trained_java" ]]; then
            reason="it was trained with another JDK installation ($trained_java)"
        elif [[ "$java_release" != "$release" ]]; then
            reason="the JDK was updated since the training run ($release, now ${java_release:-unknown})"
        elif [[ "$trained_cp" != "$cp" ]]; then
            reason="the class path differs from the training run's (LYGER_CLASSPATH, LYGER_CONF or the installation's place)"
        elif [[ "$(lyger_stamp "$cp")" != "$stamp" ]]; then
            reason="a jar or conf/ file on the class path changed since the training run"
        elif [[ ! -f "$aot_file" || "$(stat -c %s "$aot_file" 2>/dev/null)" != "$aot_size" ]]; then
            reason="its AOT data ${aot_file##*/} is missing or damaged"
        fi
    fi
    if [[ -n "$reason" ]]; then
        lyger_jvm+=("-Dlyger.profile.skipped=$reason")
        return 0
    fi
    lyger_cp="$use_cp"
    lyger_jvm+=("${options[@]}" "-Dlyger.profile.dir=$profile")
}
