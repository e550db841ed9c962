#!/usr/bin/env bash
# make loadtest: the app under gunicorn on a durable throwaway PostgreSQL with benchmark
# data; 50 users for 2 minutes (normal run), then a run during which PostgreSQL is
# stopped for 10 s (fault run), then a run during which the mail server is down for 30 s
# (mail run). A task worker (manage.py db_worker) runs beside gunicorn throughout and
# sends the emails to an SMTP sink on loopback. Checks that every acknowledged save is
# stored and every email those actions caused was delivered exactly once.
# Sizes: LOAD_AUTHORITIES (1000), LOAD_ROUNDS (20), LOAD_USERS (50), LOAD_TIME (120s),
# FAULT_TIME (60s), MAIL_TIME (60s), MAIL_OUTAGE (30 s), LOAD_WAIT (think time between a user's requests, "3,10" seconds),
# LOAD_SPAWN_RATE (5 users/s). Only loopback addresses are used.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DATABASE_URL:-}" ]; then
    PG_DURABLE=1 exec scripts/with_postgres.sh "$0" "$@"
fi

PY=.venv/bin/python
LOCUST=.venv-load/bin/locust
PORT="$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
HOST="http://127.0.0.1:$PORT"
mkdir -p bench/data

export DJANGO_SETTINGS_MODULE=levelup.settings
export SECRET_KEY="load-test-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_COOKIES=false
export STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage
# Email goes over SMTP to a sink on loopback (Python 3.11's smtpd), retried quickly so the
# mail outage run can show recovery within minutes.
SMTP_PORT="$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
export EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend EMAIL_HOST=127.0.0.1 EMAIL_PORT="$SMTP_PORT"
export EMAIL_RETRY_BASE_SECONDS=5 EMAIL_RETRY_MAX_SECONDS=20 EMAIL_MAX_ATTEMPTS=20

$PY manage.py migrate --noinput -v0
$PY manage.py load_authorities >/dev/null
$PY manage.py load_framework >/dev/null
DEBUG=true $PY manage.py seed_bench --authorities "${LOAD_AUTHORITIES:-1000}" --rounds "${LOAD_ROUNDS:-20}"
# One account per simulated person (50 users; up to 21 reviewers in the mail run): an
# authenticator code is accepted once, so shared accounts would refuse each other's codes.
$PY bench/load_setup.py --officials 60 --reviewers 30 --staff 20
$PY manage.py collectstatic --noinput -v0

.venv/bin/gunicorn -c gunicorn.conf.py --bind "127.0.0.1:$PORT" --workers 3 --threads 4 \
    --access-logfile /dev/null levelup.wsgi > bench/data/gunicorn.log 2>&1 &
GUNICORN=$!
: > bench/data/smtp-sink.log
start_sink() {
    $PY -u -W ignore -m smtpd -n -c DebuggingServer "127.0.0.1:$SMTP_PORT" >> bench/data/smtp-sink.log 2>&1 &
    echo $! > bench/data/smtp-sink.pid
}
start_sink
# The worker exits when the database goes away (fault run); as under systemd's
# Restart=always, it is started again.
( while true; do
    $PY manage.py db_worker --no-reload --interval 0.5 --no-startup-delay >> bench/data/worker.log 2>&1 \
        || echo "loadtest: db_worker exited ($?) at $(date +%T); restarting" >> bench/data/worker.log
    sleep 1
done ) &
WORKER=$!
stop_all() {
    kill $GUNICORN 2>/dev/null || true
    kill $WORKER 2>/dev/null || true
    pkill -P $WORKER 2>/dev/null || true
    kill "$(cat bench/data/smtp-sink.pid)" 2>/dev/null || true
    wait $GUNICORN 2>/dev/null || true
}
trap stop_all EXIT
for _ in $(seq 50); do curl -fs "$HOST/healthz" >/dev/null && break; sleep 0.2; done

run_locust() {  # name, duration
    LOAD_RUN="$1" $LOCUST -f bench/locustfile.py --headless --host "$HOST" \
        -u "${LOAD_USERS:-50}" -r "${LOAD_SPAWN_RATE:-5}" -t "$2" --csv "bench/data/load-$1" --only-summary \
        --exit-code-on-error 0 2>&1 | tail -n 25
}

echo "== normal run: ${LOAD_USERS:-50} users for ${LOAD_TIME:-120s}"
run_locust load "${LOAD_TIME:-120s}"

echo "== fault run: PostgreSQL stopped for 10 s, 20 s into ${FAULT_TIME:-60s}"
( sleep 20; scripts/pg_fault.sh 10 ) &
FAULT=$!
run_locust fault "${FAULT_TIME:-60s}"
wait $FAULT
curl -fs "$HOST/healthz" && echo "  <- healthz after the fault run"

echo "== mail run: the SMTP server is down for the first ${MAIL_OUTAGE:-30} s of ${MAIL_TIME:-60s}"
kill "$(cat bench/data/smtp-sink.pid)"; wait "$(cat bench/data/smtp-sink.pid)" 2>/dev/null || true
( sleep "${MAIL_OUTAGE:-30}"; start_sink; echo "  SMTP server back" ) &
MAIL_BACK=$!
run_locust mail "${MAIL_TIME:-60s}"
wait $MAIL_BACK
echo "== waiting for the task queue to drain (at most 180 s)"
$PY - <<'DRAIN'
import time
import django
django.setup()
from outbox.models import EmailStatus, OutgoingEmail
started = time.monotonic()
while True:
    waiting = OutgoingEmail.objects.filter(status__in=[EmailStatus.PENDING, EmailStatus.SENDING]).count()
    if not waiting or time.monotonic() - started > 180:
        break
    time.sleep(1)
print(f"  emails still waiting after {time.monotonic() - started:.0f} s: {waiting}")
DRAIN

status=0
$PY bench/load_verify.py load fault mail || status=$?

echo "== backup and restore of the benchmark data"
scripts/backup_restore_check.sh | tee bench/data/restore.txt
exit $status
