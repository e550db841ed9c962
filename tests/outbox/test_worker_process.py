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
    assert OutgoingEmail.objects.get().status == EmailStatus.PENDING

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

    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.SENT and email.attempts == 1 and email.to_address == reviewer.email
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    sent = files[0].read_text()
    assert f"To: {reviewer.email}" in sent and f"Message-ID: <{email.idempotency_key}@localhost>" in sent
