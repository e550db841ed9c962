#!/usr/bin/env bash
# Back up the database at $DATABASE_URL with pg_dump and the evidence documents (EVIDENCE_ROOT)
# with tar, restore both into a fresh database and folder, and check that every table has the
# same number of rows and every document is present with its recorded SHA-256. Prints timings.
#
# Nothing is ever written to the source database or folder. When the source holds no document,
# the check runs on a scratch copy of it instead (copied with pg_dump and cp, dropped at the end)
# with one small probe document added to the copy, so the check always covers a document.
# Documents in an S3 bucket (EVIDENCE_S3_BUCKET) are not covered: see docs/deploy.md.
# RESTORED_DB names the restored database (default levelup_restored; it is kept for a look);
# the scratch copy is "$RESTORED_DB"_scratch.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL (or run inside scripts/with_postgres.sh)}"
if [ -n "${EVIDENCE_S3_BUCKET:-}" ]; then
    echo "backup: EVIDENCE_S3_BUCKET is set; this check covers documents in a folder only (see docs/deploy.md)." >&2
    exit 2
fi
python="${PYTHON:-.venv/bin/python}"
export EVIDENCE_ROOT="${EVIDENCE_ROOT:-$(pwd)/var/evidence}"
dump="$(mktemp /tmp/levelup-backup.XXXXXX.dump)"
documents="$(mktemp /tmp/levelup-evidence.XXXXXX.tar)"
restored_root="$(mktemp -d /tmp/levelup-evidence-restored.XXXXXX)"
scratch_root="$(mktemp -d /tmp/levelup-evidence-scratch.XXXXXX)"
restored_db="${RESTORED_DB:-levelup_restored}"
scratch_db="${restored_db}_scratch"
restored_url="${DATABASE_URL%/*}/$restored_db"
scratch_url="${DATABASE_URL%/*}/$scratch_db"
scratch_made=""
cleanup() {
    rm -rf "$dump" "$documents" "$restored_root" "$scratch_root"
    if [ -n "$scratch_made" ]; then
        dropdb --maintenance-db="$DATABASE_URL" --if-exists "$scratch_db" || true
    fi
}
trap cleanup EXIT

# What to back up: the source itself, or a scratch copy of it with a probe document.
source_url="$DATABASE_URL"
source_root="$EVIDENCE_ROOT"
stored=$(psql "$DATABASE_URL" -tA -c "SELECT count(*) FROM evidence_evidenceversion WHERE file <> ''")
if [ "$stored" -eq 0 ]; then
    createdb --maintenance-db="$DATABASE_URL" "$scratch_db"
    scratch_made=1
    pg_dump --format=custom --no-owner "$DATABASE_URL" | pg_restore --no-owner --exit-on-error --dbname="$scratch_url"
    if [ -d "$EVIDENCE_ROOT" ]; then
        cp -a "$EVIDENCE_ROOT/." "$scratch_root/"
    fi
    DATABASE_URL="$scratch_url" EVIDENCE_ROOT="$scratch_root" "$python" manage.py evidence_check_files --add-probe >/dev/null
    source_url="$scratch_url"
    source_root="$scratch_root"
    echo "backup: the source holds no document; checking a scratch copy with a probe document added to it" >&2
fi
t0=$(date +%s.%N)
pg_dump --format=custom --no-owner --file="$dump" "$source_url"
tar -C "$source_root" -cf "$documents" .
t1=$(date +%s.%N)
createdb --maintenance-db="$DATABASE_URL" "$restored_db"
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
if diff <(count_rows "$source_url") <(count_rows "$restored_url") >/dev/null; then
    answers=$(psql "$restored_url" -tA -c "SELECT count(*) FROM assessments_answer")
    printf 'backup: %s in %.1fs; restore in %.1fs; all %s tables match (%s answers)\n' \
        "$(du -h "$dump" | cut -f1)" "$(awk "BEGIN{print $t1 - $t0}")" "$(awk "BEGIN{print $t2 - $t1}")" \
        "$(count_rows "$restored_url" | wc -l)" "$answers"
else
    echo "backup: restored row counts differ:" >&2
    diff <(count_rows "$source_url") <(count_rows "$restored_url") >&2 || true
    exit 1
fi
