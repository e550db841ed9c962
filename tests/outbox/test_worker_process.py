"""The real thing: ``manage.py db_worker`` in its own process delivers what a committed action queued."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from assessments.services.submission import assessment_submit
from outbox.models import EmailStatus, OutgoingEmail
from outbox.services import email_queue
from tests.factories import AssessmentFactory, AuthorityFactory, ReviewerFactory, UserFactory, answer_every_criterion
from tests.outbox.helpers import database_queue

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def worker_env(tmp_path, email_backend="django.core.mail.backends.filebased.EmailBackend") -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "levelup.settings",
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "worker-process-test",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": email_backend,
        "EMAIL_FILE_PATH": str(tmp_path),
    }
    env.pop("DEBUG", None)
    return env


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_delivers_each_committed_message_once(tmp_path):
    authority = AuthorityFactory()
    editor = UserFactory(editor_of=authority)
    reviewer = ReviewerFactory()
    assessment = AssessmentFactory(authority=authority)
    answer_every_criterion(assessment)
    with database_queue():
        assessment_submit(assessment=assessment, user=editor)  # commits: this test runs outside a transaction
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.PENDING}

    env = worker_env(tmp_path)
    for _ in range(2):  # a second worker finds nothing left to send
        subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
            cwd=ROOT, env=env, check=True, timeout=120, capture_output=True,
        )

    emails = list(OutgoingEmail.objects.order_by("to_address"))  # the reviewer's notice and the editor's confirmation
    assert sorted(e.to_address for e in emails) == sorted([reviewer.email, editor.email])
    assert all(e.status == EmailStatus.SENT and e.attempts == 1 for e in emails)
    sent = "".join(f.read_text() for f in tmp_path.iterdir())
    for email in emails:
        assert sent.count(f"Message-ID: <{email.idempotency_key}@localhost>") == 1
    assert f"To: {reviewer.email}" in sent


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_share_the_queue_and_send_each_message_once(tmp_path):
    """As with workers on several machines: both take tasks from PostgreSQL, none runs twice."""
    with database_queue():
        emails = [
            email_queue(kind="test", to_address=f"person{n}@example.gov.uk", subject=f"Message {n}", body="Hello")
            for n in range(24)
        ]
    env = worker_env(tmp_path, email_backend="tests.outbox.mail_backends.SlowFileBackend")  # 0.25 s a message
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", name],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for name in ("machine-a", "machine-b")
    ]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0]

    tasks = list(DBTaskResult.objects.all())
    assert len(tasks) == 24 and {t.status for t in tasks} == {"SUCCESSFUL"}
    assert all(len(t.worker_ids) == 1 for t in tasks)  # each task was taken by one worker, once
    assert {t.worker_ids[0] for t in tasks} == {"machine-a", "machine-b"}  # and both workers took some
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(EmailStatus.SENT, 1)}
    sent = "".join(f.read_text() for f in tmp_path.iterdir())
    for email in emails:
        assert sent.count(f"Message-ID: <{email.idempotency_key}@localhost>") == 1
