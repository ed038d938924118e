#!/usr/bin/env bash
# Start and stop a throw-away Neo4j 5.26 Community server for the tests.
#
#   neo4j-test-server.sh build              build target/ (only when needed)
#   neo4j-test-server.sh start STATE_DIR    start; prints the bolt URI on stdout
#   neo4j-test-server.sh env STATE_DIR      prints export NEO4J_URI=... lines
#   neo4j-test-server.sh status STATE_DIR   exit 0 when running, 3 when not
#   neo4j-test-server.sh stop STATE_DIR     stop (never fails when already stopped)
#
# STATE_DIR gets: pid, uri, env (export lines), server.log, tmp/ (the database).
#
# Environment (all optional):
#   NEO4J_PASSWORD         password set for the user neo4j (default orgmodel-test;
#                          Neo4j wants at least 8 characters)
#   NEO4J_TEST_NO_AUTH=1   disable auth instead
#   NEO4J_TEST_PORT        Bolt port on 127.0.0.1 (default 0: a free port chosen
#                          by the operating system when the server binds)
#   NEO4J_TEST_JAVA_OPTS   JVM options (default -Xms256m -Xmx1g -XX:+UseSerialGC
#                          -XX:TieredStopAtLevel=1)
#   NEO4J_TEST_MAX_SECONDS the server stops by itself after this many seconds
#                          (default 0: never)
#   NEO4J_START_TIMEOUT    seconds start waits for the server (default 120)
#   NEO4J_STOP_TIMEOUT     seconds stop waits after SIGTERM before SIGKILL (default 30)
#   MAVEN_ARGS             extra arguments for mvn, e.g. -Dmaven.repo.local=/tmp/m2
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$HERE/target"
STAMP="$TARGET/.build-complete"
MAIN_CLASS=orgmodel.TestServer
DEFAULT_PASSWORD=orgmodel-test

log() { echo "neo4j-test-server: $*" >&2; }
die() { log "$*"; exit 1; }

usage() {
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# --- build -------------------------------------------------------------------

is_built() {
    [ -f "$STAMP" ] && [ -f "$TARGET/classes/orgmodel/TestServer.class" ] || return 1
    # Rebuild when the pom or a source file changed since the last build.
    [ -z "$(find "$HERE/pom.xml" "$HERE/src" -newer "$STAMP" -print -quit)" ]
}

cmd_build() {
    command -v java >/dev/null || die "java (17 or newer) is not installed"
    if is_built; then
        return 0
    fi
    command -v mvn >/dev/null || die "mvn (Maven 3.8 or newer) is not installed"
    mkdir -p "$TARGET"
    # One build at a time, even when two test runs start together.
    exec 8>"$TARGET/.build.lock"
    flock 8
    if ! is_built; then
        log "building with Maven (the first build downloads about 190 MB into the Maven repository)"
        rm -f "$STAMP"
        # copy-dependencies never removes a jar: clear lib/ so that a changed
        # version in pom.xml cannot leave two versions on the classpath.
        rm -rf "${TARGET:?}/lib" "${TARGET:?}/classes"
        # Output goes to target/build.log (Maven 3.8 prints stray colour codes
        # even with -q) and is shown only when the build fails.
        # shellcheck disable=SC2086
        if ! mvn -q -B -Dstyle.color=never ${MAVEN_ARGS:-} -f "$HERE/pom.xml" package \
            >"$TARGET/build.log" 2>&1; then
            tail -n 60 "$TARGET/build.log" >&2
            die "mvn package failed (full output: $TARGET/build.log)"
        fi
        touch "$STAMP"
    fi
    flock -u 8
    exec 8>&-
}

# --- state helpers ---------------------------------------------------------------

# The absolute path of STATE_DIR; only start creates it.
state_dir() {
    if [ $# -lt 1 ] || [ -z "$1" ]; then
        usage
    fi
    if [ "${2:-}" = create ]; then
        mkdir -p "$1"
    fi
    if [ -d "$1" ]; then
        (cd "$1" && pwd)
    else
        echo "$1"
    fi
}

# The pid in STATE_DIR/pid, when that process is alive and is our server.
running_pid() {
    local dir="$1" pid
    [ -f "$dir/pid" ] || return 1
    pid="$(cat "$dir/pid" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    alive "$pid" || return 1
    # Guard against a recycled pid: the process must be our Java main class.
    if [ -r "/proc/$pid/cmdline" ]; then
        tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$MAIN_CLASS" || return 1
    fi
    echo "$pid"
}

# True when the process exists and is not a zombie (a dead child not yet reaped
# still answers kill -0).
alive() {
    kill -0 "$1" 2>/dev/null || return 1
    local state=""
    if [ -r "/proc/$1/stat" ]; then
        state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1 || true)"
    fi
    [ "$state" != Z ] && [ "$state" != X ]
}

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

uri_port() {
    local uri="$1"
    echo "${uri##*:}"
}

write_env() {
    local dir="$1" uri="$2" user="$3" password="$4"
    {
        printf 'export NEO4J_URI=%q\n' "$uri"
        printf 'export NEO4J_USER=%q\n' "$user"
        printf 'export NEO4J_PASSWORD=%q\n' "$password"
    } >"$dir/env.tmp"
    mv "$dir/env.tmp" "$dir/env"
}

log_tail() {
    local dir="$1"
    if [ -f "$dir/server.log" ]; then
        log "last lines of $dir/server.log:"
        tail -n 40 "$dir/server.log" >&2
    fi
    # Neo4j's own log of the server, inside its temporary home.
    local neo4jlog
    neo4jlog="$(find "$dir/tmp" -name neo4j.log -path '*logs*' 2>/dev/null | head -n 1 || true)"
    if [ -n "$neo4jlog" ]; then
        log "last lines of $neo4jlog:"
        tail -n 40 "$neo4jlog" >&2
    fi
}

# --- start / stop / status ---------------------------------------------------------

cmd_start() {
    local dir
    dir="$(state_dir "${1:-}" create)"
    local pid
    if pid="$(running_pid "$dir")" && [ -f "$dir/uri" ]; then
        log "already running (pid $pid)"
        cat "$dir/uri"
        return 0
    fi
    cmd_stop "$dir" >/dev/null 2>&1 || true # clear any stale state

    cmd_build

    local user=neo4j password="${NEO4J_PASSWORD:-$DEFAULT_PASSWORD}" auth_args
    if [ "${NEO4J_TEST_NO_AUTH:-0}" = 1 ]; then
        user="" password=""
        auth_args=(--no-auth)
    else
        [ "${#password}" -ge 8 ] || die "NEO4J_PASSWORD must have at least 8 characters"
        auth_args=(--password "$password")
    fi
    local port="${NEO4J_TEST_PORT:-0}"
    local timeout="${NEO4J_START_TIMEOUT:-120}"
    # shellcheck disable=SC2206
    # Serial GC and C1 only: on 2 cores they measured ~1.5 s faster to start
    # and ~150 MB less RSS than the JVM's defaults, for a short-lived server.
    local java_opts=(${NEO4J_TEST_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1})

    mkdir -p "$dir/tmp"
    rm -f "$dir/uri" "$dir/uri.tmp" "$dir/env"
    local t0=$SECONDS
    # The database lives in STATE_DIR/tmp (java.io.tmpdir), so that stop can
    # remove it even when the JVM had to be killed.
    # Without --add-opens java.nio the page cache logs that it falls back to a
    # slower mode; java.io and sun.nio.ch let Neo4j reach native file descriptors.
    nohup java "${java_opts[@]}" \
        --add-opens=java.base/java.nio=ALL-UNNAMED \
        --add-opens=java.base/java.io=ALL-UNNAMED \
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
        -XX:+ExitOnOutOfMemoryError -Dlog4j2.disable.jmx=true \
        -Djava.io.tmpdir="$dir/tmp" \
        -cp "$TARGET/classes:$TARGET/lib/*" "$MAIN_CLASS" \
        --uri-file "$dir/uri" --port "$port" "${auth_args[@]}" \
        --max-seconds "${NEO4J_TEST_MAX_SECONDS:-0}" \
        </dev/null >"$dir/server.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/pid"

    local uri=""
    while :; do
        if ! alive "$pid"; then
            log "the server exited during start-up"
            log_tail "$dir"
            rm -rf "$dir/pid" "$dir/tmp"
            exit 1
        fi
        if [ -f "$dir/uri" ]; then
            uri="$(cat "$dir/uri")"
            if [ -n "$uri" ] && port_open "$(uri_port "$uri")"; then
                break
            fi
        fi
        if [ $((SECONDS - t0)) -ge "$timeout" ]; then
            log "the server did not answer within $timeout s"
            log_tail "$dir"
            cmd_stop "$dir" >/dev/null 2>&1 || true
            exit 1
        fi
        sleep 0.25
    done
    write_env "$dir" "$uri" "$user" "$password"
    log "Neo4j at $uri (pid $pid) after $((SECONDS - t0)) s; state in $dir"
    echo "$uri"
}

cmd_env() {
    local dir
    dir="$(state_dir "${1:-}")"
    [ -f "$dir/env" ] || die "no server started in $dir"
    cat "$dir/env"
}

cmd_status() {
    local dir pid
    dir="$(state_dir "${1:-}")"
    if pid="$(running_pid "$dir")"; then
        echo "running pid=$pid uri=$(cat "$dir/uri" 2>/dev/null || echo '?')"
        return 0
    fi
    echo "stopped"
    return 3
}

cmd_stop() {
    local dir pid
    dir="$(state_dir "${1:-}")"
    if pid="$(running_pid "$dir")"; then
        kill -TERM "$pid" 2>/dev/null || true
        local deadline=$((SECONDS + ${NEO4J_STOP_TIMEOUT:-30}))
        while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do
            sleep 0.2
        done
        if alive "$pid"; then
            log "pid $pid did not stop after SIGTERM; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            while alive "$pid"; do sleep 0.1; done
        fi
        log "stopped pid $pid"
    fi
    if [ -d "$dir" ]; then
        rm -rf "$dir/pid" "$dir/uri" "$dir/uri.tmp" "$dir/env" "$dir/env.tmp" "$dir/tmp"
    fi
    return 0
}

[ $# -ge 1 ] || usage
command="$1"
shift
case "$command" in
    build) cmd_build ;;
    start) cmd_start "$@" ;;
    env) cmd_env "$@" ;;
    status) cmd_status "$@" ;;
    stop) cmd_stop "$@" ;;
    *) usage ;;
esac
