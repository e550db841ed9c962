"""The daily reminders command only queues: one task per email, once per deadline, sent by the worker."""
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from outbox.models import EmailStatus, OutgoingEmail
from tests.factories import UserFactory
from tests.outbox.helpers import LOCMEM_BACKEND, database_queue, run_worker

pytestmark = pytest.mark.django_db


def test_reminders_are_queued_once_and_delivered_by_the_worker(assessment, people, authority):
    second_editor = UserFactory(editor_of=authority)
    week_before = (assessment.deadline - timedelta(days=7)).isoformat()
    with database_queue(EMAIL_BACKEND=LOCMEM_BACKEND):
        for _ in range(2):  # cron ran twice
            call_command("send_deadline_reminders", "--today", week_before, stdout=StringIO())
        assert mail.outbox == []  # the command itself sends nothing
        assert OutgoingEmail.objects.count() == 2
        assert DBTaskResult.objects.filter(task_path="outbox.tasks.deliver_email").count() == 2
        run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["editor"].email, second_editor.email])
    assert all("due in 7 days" in m.subject for m in mail.outbox)
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
