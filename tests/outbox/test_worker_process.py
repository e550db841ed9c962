"""The real thing: ``manage.py db_worker`` in its own process delivers what a committed action queued."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from assessments.services.submission import assessment_submit
from outbox.models import EmailStatus, OutgoingEmail
from tests.factories import AssessmentFactory, AuthorityFactory, ReviewerFactory, UserFactory, answer_every_criterion
from tests.outbox.helpers import database_queue

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


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

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "levelup.settings",
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "worker-process-test",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path),
    }
    env.pop("DEBUG", None)
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
