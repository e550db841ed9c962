#!/usr/bin/env bash
# Back up the database at $DATABASE_URL with pg_dump and the evidence documents (EVIDENCE_ROOT)
# with tar, restore both into a fresh database and folder, and check that every table has the
# same number of rows and every document is present with its recorded SHA-256. A database with
# no document gets one small probe document first, so the check always covers one. Prints timings.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL (or run inside scripts/with_postgres.sh)}"
python="${PYTHON:-.venv/bin/python}"
export EVIDENCE_ROOT="${EVIDENCE_ROOT:-$(pwd)/var/evidence}"
dump="$(mktemp /tmp/levelup-backup.XXXXXX.dump)"
documents="$(mktemp /tmp/levelup-evidence.XXXXXX.tar)"
restored_root="$(mktemp -d /tmp/levelup-evidence-restored.XXXXXX)"
trap 'rm -rf "$dump" "$documents" "$restored_root"' EXIT
restored_url="${DATABASE_URL%/*}/levelup_restored"

"$python" manage.py evidence_check_files --add-probe >/dev/null
t0=$(date +%s.%N)
pg_dump --format=custom --no-owner --file="$dump" "$DATABASE_URL"
tar -C "$EVIDENCE_ROOT" -cf "$documents" .
t1=$(date +%s.%N)
createdb --maintenance-db="$DATABASE_URL" levelup_restored
pg_restore --no-owner --exit-on-error --dbname="$restored_url" "$dump"
tar -C "$restored_root" -xf "$documents"
t2=$(date +%s.%N)
# The restored database must find every document in the restored folder, unchanged.
DATABASE_URL="$restored_url" EVIDENCE_ROOT="$restored_root" "$python" manage.py evidence_check_files

count_rows() {
    psql "$1" -tA -c "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1" |
        while read -r table; do
            echo "$table $(psql "$1" -tA -c "SELECT count(*) FROM \"$table\"")"
        done
}
if diff <(count_rows "$DATABASE_URL") <(count_rows "$restored_url") >/dev/null; then
    answers=$(psql "$restored_url" -tA -c "SELECT count(*) FROM assessments_answer")
    printf 'backup: %s in %.1fs; restore in %.1fs; all %s tables match (%s answers)\n' \
        "$(du -h "$dump" | cut -f1)" "$(awk "BEGIN{print $t1 - $t0}")" "$(awk "BEGIN{print $t2 - $t1}")" \
        "$(count_rows "$restored_url" | wc -l)" "$answers"
else
    echo "backup: restored row counts differ:" >&2
    diff <(count_rows "$DATABASE_URL") <(count_rows "$restored_url") >&2 || true
    exit 1
fi
