#!/usr/bin/env bash
# Stop the throwaway cluster started by with_postgres.sh, keep it down, start it again.
#   scripts/pg_fault.sh DOWN_SECONDS
set -euo pipefail
down="${1:-10}"
: "${PG_DATA_DIR:?run inside scripts/with_postgres.sh}"
echo "pg_fault: stopping PostgreSQL at $(date +%T)"
$PG_AS_OWNER "$PG_CTL_BIN" -D "$PG_DATA_DIR" -m fast -w -t 60 stop >/dev/null
sleep "$down"
$PG_AS_OWNER "$PG_CTL_BIN" -D "$PG_DATA_DIR" -l "$PG_LOG_FILE" -w -t 60 -o "$PG_SERVER_OPTS" start >/dev/null
echo "pg_fault: PostgreSQL back at $(date +%T) after ${down}s down"
