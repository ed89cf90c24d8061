#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests of landed-store's
# PostgreSQL backend, with no manual steps on a fresh Debian machine.
#
#   scripts/pg-test-server.sh run -- COMMAND [ARGS...]
#       starts a server, runs COMMAND with LANDED_TEST_PG_URL set to it,
#       stops the server (also when COMMAND fails or is interrupted) and
#       exits with COMMAND's status;
#   eval "$(scripts/pg-test-server.sh start)"
#       starts a server and prints `export` lines for LANDED_TEST_PG_URL
#       and LANDED_PG_TEST_DIR (the cluster's folder);
#   scripts/pg-test-server.sh stop [DIR]
#       stops the server in DIR (default: $LANDED_PG_TEST_DIR) and
#       deletes its folder.
#
# The server binaries are looked for on PATH and in
# /usr/lib/postgresql/*/bin; if there are none, the Debian package
# `postgresql` is installed (apt-get, as root or through sudo). The cluster
# is created in a new temporary folder, owned by the `postgres` user when
# this runs as root (the server refuses to run as root), listens on
# 127.0.0.1 only, on the first free port from 55432 (or $LANDED_PG_PORT),
# with trust authentication and fsync off: it is for tests, never for
# data. The tests connect as role `landed` to database `landed_test` and
# each test makes its own schema in it.
set -euo pipefail

log() { echo "pg-test-server: $*" >&2; }
die() { log "$*"; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

# The folder of initdb, pg_ctl and psql.
find_bin() {
    local found
    found=$(command -v initdb 2>/dev/null || true)
    if [ -n "$found" ]; then
        found=$(readlink -f "$found")
        if [ -x "$(dirname "$found")/pg_ctl" ]; then
            dirname "$found"
            return 0
        fi
    fi
    # The newest version the Debian packages installed.
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$found" ] && [ -x "$found/initdb" ] && [ -x "$found/pg_ctl" ]; then
        echo "$found"
        return 0
    fi
    return 1
}

install_postgres() {
    command -v apt-get >/dev/null 2>&1 ||
        die "PostgreSQL is not installed and there is no apt-get to install it"
    log "PostgreSQL not found: installing the Debian package (apt-get)"
    local started=$SECONDS apt_log
    apt_log=$(mktemp "${TMPDIR:-/tmp}/landed-pg-apt.XXXXXX")
    local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
        --no-install-recommends postgresql)
    # Quiet: apt's and the packages' scripts' output goes to a log, shown
    # only if the install fails.
    if ! as_root "${install[@]}" >"$apt_log" 2>&1; then
        log "install failed: apt-get update, then again"
        if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
            as_root "${install[@]}"; } >>"$apt_log" 2>&1; then
            cat "$apt_log" >&2
            rm -f "$apt_log"
            die "could not install PostgreSQL"
        fi
    fi
    rm -f "$apt_log"
    log "installed in $((SECONDS - started)) s"
}

port_free() {
    # A connection refused means nobody listens there.
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Runs a command as the cluster's owner.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

start() {
    local bin dir port
    bin=$(find_bin) || { install_postgres; bin=$(find_bin) || die "no initdb after installing"; }
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/landed-pg.XXXXXX")
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    port=${LANDED_PG_PORT:-55432}
    while ! port_free "$port"; do
        port=$((port + 1))
        [ "$port" -lt 55532 ] || die "no free port from ${LANDED_PG_PORT:-55432}"
    done
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C \
        --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
        start >/dev/null; then
        cat "$dir/server.log" >&2 || true
        die "the server did not start"
    fi
    as_owner "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE landed LOGIN PASSWORD 'landed'" \
        -c "CREATE DATABASE landed_test OWNER landed" >/dev/null
    echo "$bin" >"$dir/bin"
    log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster $dir)"
    echo "export LANDED_TEST_PG_URL='postgres://landed:landed@127.0.0.1:$port/landed_test'"
    echo "export LANDED_PG_TEST_DIR='$dir'"
}

stop() {
    local dir=${1:-${LANDED_PG_TEST_DIR:-}}
    [ -n "$dir" ] && [ -d "$dir/data" ] || { log "no cluster to stop (${dir:-none})"; return 0; }
    local bin
    bin=$(cat "$dir/bin" 2>/dev/null || find_bin || true)
    if [ -n "$bin" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    log "stopped"
}

case "${1:-}" in
    start)
        start
        ;;
    stop)
        stop "${2:-}"
        ;;
    run)
        shift
        [ "${1:-}" = "--" ] && shift
        [ $# -gt 0 ] || die "usage: $0 run -- COMMAND [ARGS...]"
        started=$SECONDS
        eval "$(start)"
        log "ready in $((SECONDS - started)) s"
        trap 'stop "$LANDED_PG_TEST_DIR"' EXIT
        trap 'exit 130' INT TERM
        status=0
        "$@" || status=$?
        exit "$status"
        ;;
    *)
        die "usage: $0 start | stop [DIR] | run -- COMMAND [ARGS...]"
        ;;
esac
