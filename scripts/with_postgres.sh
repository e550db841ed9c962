#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster.
#
#   scripts/with_postgres.sh CMD [ARGS...]
#
# Creates a fresh cluster in a temporary directory (as the `postgres` user when run as
# root, since initdb refuses root; as the current user otherwise), listening only on
# 127.0.0.1 on a free port, trust authentication, fsync off. Exports
# DATABASE_URL=postgres://levelup@127.0.0.1:PORT/levelup, runs CMD, then always stops
# the cluster and removes the directory, and exits with CMD's exit code.
#
# PG_BIN overrides where the server binaries are (default /usr/lib/postgresql/15/bin,
# falling back to initdb/pg_ctl on PATH).
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

log() { echo "with_postgres: $*" >&2; }
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ]; then
    INITDB="$PG_BIN/initdb"
    PG_CTL="$PG_BIN/pg_ctl"
    CREATEDB="$PG_BIN/createdb"
    [ -x "$CREATEDB" ] || CREATEDB="$(command -v createdb || true)"
elif command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    INITDB="$(command -v initdb)"
    PG_CTL="$(command -v pg_ctl)"
    CREATEDB="$(command -v createdb || true)"
else
    log "PostgreSQL server binaries (initdb, pg_ctl) not found."
    log "On Debian: apt-get install -y postgresql-15 (or set PG_BIN)."
    exit 1
fi
if [ -z "$CREATEDB" ]; then
    log "createdb not found (Debian package postgresql-client-15)."
    exit 1
fi

PYTHON="$(command -v python3 || command -v python)"
DB_USER=levelup
DB_NAME=levelup

if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        log "running as root but there is no 'postgres' user to run the server as."
        exit 1
    fi
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

PGTMP="$(mktemp -d /tmp/levelup-pg.XXXXXX)"
DATA="$PGTMP/data"
PG_LOG="$PGTMP/server.log"
started=0

cleanup() {
    local rc=$?
    if [ "$started" -eq 1 ]; then
        local t=$EPOCHREALTIME
        if as_pg "$PG_CTL" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1; then
            log "stopped PostgreSQL in $(elapsed "$t")s, removed $PGTMP"
        else
            log "pg_ctl stop failed; server log follows"
            tail -n 20 "$PG_LOG" >&2 2>/dev/null || true
        fi
    fi
    rm -rf "$PGTMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PGTMP"
fi
chmod 700 "$PGTMP"

t0=$EPOCHREALTIME
if ! as_pg "$INITDB" -D "$DATA" -U "$DB_USER" -A trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$PGTMP/initdb.log" 2>&1; then
    log "initdb failed:"
    cat "$PGTMP/initdb.log" >&2
    exit 1
fi

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

# Tests trade durability for speed; PG_DURABLE=1 (load and fault runs) keeps PostgreSQL's
# defaults, so "acknowledged means stored" is tested against a real commit.
if [ "${PG_DURABLE:-0}" = "1" ]; then
    SPEED_OPTS=""
else
    SPEED_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
# Unix socket in the cluster's own directory, so nothing is shared with a system cluster.
SERVER_OPTS="-h 127.0.0.1 -p $PORT -k $PGTMP -c max_connections=200 $SPEED_OPTS"
if ! as_pg "$PG_CTL" -D "$DATA" -l "$PG_LOG" -w -t 60 -o "$SERVER_OPTS" start >/dev/null; then
    log "PostgreSQL failed to start; server log follows"
    cat "$PG_LOG" >&2 || true
    exit 1
fi
started=1

as_pg "$CREATEDB" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" "$DB_NAME"
log "PostgreSQL $("$PG_CTL" --version | awk '{print $3}') ready on 127.0.0.1:$PORT in $(elapsed "$t0")s (data in $PGTMP)"

export DATABASE_URL="postgres://$DB_USER@127.0.0.1:$PORT/$DB_NAME"
# For fault-injection runs: commands that stop and start this cluster as its owner.
export PG_DATA_DIR="$DATA" PG_CTL_BIN="$PG_CTL" PG_LOG_FILE="$PG_LOG" PG_SERVER_OPTS="$SERVER_OPTS"
if [ "$(id -u)" -eq 0 ]; then export PG_AS_OWNER="runuser -u postgres --"; else export PG_AS_OWNER=""; fi

set +e
"$@"
rc=$?
set -e
exit "$rc"
