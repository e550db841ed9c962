"""A message whose task was lost with a killed worker is not lost: admins see it and send it once."""
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outbox.models import EmailStatus, OutgoingEmail
from outbox.services import email_queue
from tests.outbox.helpers import LOCMEM_BACKEND, database_queue, run_worker

pytestmark = pytest.mark.django_db


def test_a_message_whose_worker_died_before_sending_it_is_listed_for_admins_and_sent_once_on_try_again(client, people):
    with database_queue(EMAIL_BACKEND=LOCMEM_BACKEND):
        lost = email_queue(kind="test", to_address="lost@example.gov.uk", subject="Your return", body="Hello")
        # A worker took its task and was killed before it claimed the message: the task stays
        # "running" for ever and the message waits, with nothing left to send it.
        DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now(), worker_ids=["killed"])
        email_queue(kind="test", to_address="fresh@example.gov.uk", subject="Just written", body="Hello")
        OutgoingEmail.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(minutes=20))
        client.force_login(people["admin"])

        page = client.get(reverse("manage-emails")).content.decode()
        assert "lost@example.gov.uk" in page and "Overdue" in page and "check that the task workers are running" in page
        assert "fresh@example.gov.uk" not in page  # a message still within its time is not a problem yet
        assert page.count("Try again<span") == 1

        assert client.post(reverse("manage-email-retry", args=[lost.pk])).status_code == 302
        run_worker()
        run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == ["fresh@example.gov.uk", "lost@example.gov.uk"]
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
    assert OutgoingEmail.objects.get(pk=lost.pk).retried_by == people["admin"]


def test_try_again_on_a_message_whose_first_task_is_still_queued_sends_it_once(client, people):
    with database_queue(EMAIL_BACKEND=LOCMEM_BACKEND):
        late = email_queue(kind="test", to_address="late@example.gov.uk", subject="Approved", body="Hello")
        # No worker ran for 20 minutes: the message is overdue, and its first task still waits.
        OutgoingEmail.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(minutes=20))
        client.force_login(people["admin"])
        assert client.post(reverse("manage-emails-retry-all")).status_code == 302
        assert DBTaskResult.objects.filter(status="READY").count() == 2  # two tasks for one message
        run_worker()
    assert [m.to for m in mail.outbox] == [["late@example.gov.uk"]]
    late.refresh_from_db()
    assert late.status == EmailStatus.SENT and late.attempts == 1
