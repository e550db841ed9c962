"""A mail outage never fails a person's action or loses a message; rolled back actions email no one."""
from collections import Counter

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assessments.models import AssessmentState
from assessments.services.submission import assessment_submit
from outbox.models import EmailStatus, OutgoingEmail
from tests.outbox.helpers import (
    LOCMEM_BACKEND,
    OUTAGE_BACKEND,
    database_queue,
    let_retry_delays_pass,
    run_worker,
)

pytestmark = pytest.mark.django_db


def test_submit_return_and_approve_succeed_during_a_mail_outage_and_each_message_arrives_once_after(
    client, complete, people
):
    editor, reviewer = people["editor"], people["reviewer"]
    with database_queue(EMAIL_BACKEND=OUTAGE_BACKEND):
        client.force_login(editor)
        assert client.post(reverse("assessment-submit", args=[complete.pk]), {"confirm": "on"}).status_code == 302
        client.force_login(reviewer)
        response = client.post(reverse("review-return", args=[complete.pk]), {"message": "Please evidence 1.2."})
        assert response.status_code == 302
        client.force_login(editor)
        assert client.post(reverse("assessment-submit", args=[complete.pk]), {"confirm": "on"}).status_code == 302
        client.force_login(reviewer)
        assert client.post(reverse("review-approve", args=[complete.pk]), {"confirm": "on"}).status_code == 302
        complete.refresh_from_db()
        assert complete.state == AssessmentState.APPROVED

        # Each submission: the 2 reviewers and the submitter's confirmation; the editor for the return and the approval.
        assert OutgoingEmail.objects.count() == 8 and mail.outbox == []
        run_worker()  # the mail server is still down: every message fails once and waits
        assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(EmailStatus.PENDING, 1)}
        assert all("Connection refused" in e.last_error and e.next_attempt_at for e in OutgoingEmail.objects.all())
        run_worker()  # nothing is due before the backoff delay
        assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}

    with database_queue(EMAIL_BACKEND=LOCMEM_BACKEND):  # the mail server is back
        let_retry_delays_pass()
        run_worker()
        run_worker()
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(EmailStatus.SENT, 2)}
    # Exactly once each: eight deliveries, eight different messages (the Message-ID is the idempotency key).
    message_ids = Counter(m.extra_headers["Message-ID"] for m in mail.outbox)
    assert len(mail.outbox) == 8 and set(message_ids.values()) == {1}
    keys = {f"<{key}@localhost>" for key in OutgoingEmail.objects.values_list("idempotency_key", flat=True)}
    assert set(message_ids) == keys
    assert sorted(m.to[0] for m in mail.outbox).count(editor.email) == 4  # 2 confirmations, returned, approved
    assert any("Please evidence 1.2." in m.body for m in mail.outbox if m.to == [editor.email])


def test_a_duplicate_delivery_task_sends_nothing_twice(complete, people):
    with database_queue(EMAIL_BACKEND=LOCMEM_BACKEND):
        assessment_submit(assessment=complete, user=people["editor"])
        email = OutgoingEmail.objects.first()
        from outbox.tasks import deliver_email

        deliver_email.enqueue(email.pk)  # as if a task were enqueued twice
        run_worker()
    assert len(mail.outbox) == OutgoingEmail.objects.count() == 3  # 2 reviewers and the submitter
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}


def test_a_rolled_back_action_enqueues_nothing_and_a_committed_one_enqueues_each_message(complete, people):
    with database_queue():
        with pytest.raises(RuntimeError), transaction.atomic():
            assessment_submit(assessment=complete, user=people["editor"])
            assert OutgoingEmail.objects.count() == 3 and DBTaskResult.objects.count() == 3  # inside, all exist
            raise RuntimeError("the request failed after the submission")
        assert OutgoingEmail.objects.count() == 0 and DBTaskResult.objects.count() == 0
        complete.refresh_from_db()
        assert complete.state == AssessmentState.DRAFT

        assessment_submit(assessment=complete, user=people["editor"])
        assert OutgoingEmail.objects.count() == 3
        tasks = DBTaskResult.objects.all()
        assert sorted(t.args_kwargs["args"][0] for t in tasks) == sorted(OutgoingEmail.objects.values_list("pk", flat=True))
    assert mail.outbox == []  # nothing is sent in the request itself


@override_settings(EMAIL_MAX_ATTEMPTS=3, EMAIL_RETRY_BASE_SECONDS=60)
def test_retries_back_off_then_stop_and_admins_can_try_again(client, complete, people):
    with database_queue(EMAIL_BACKEND=OUTAGE_BACKEND):
        assessment_submit(assessment=complete, user=people["editor"])
        waits = []
        for _ in range(3):
            run_worker()
            waits.append({
                round((e.next_attempt_at - timezone.now()).total_seconds(), -1) if e.next_attempt_at else None
                for e in OutgoingEmail.objects.all()
            })
            let_retry_delays_pass()
        assert waits == [{60}, {120}, {None}]  # doubling waits, then no more tries
        assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(EmailStatus.FAILED, 3)}
        assert DBTaskResult.objects.filter(status="READY").count() == 0  # bounded: nothing more is scheduled

        client.force_login(people["admin"])
        page = client.get(reverse("manage-emails")).content.decode()
        assert "ConnectionRefusedError: [Errno 111] Connection refused" in page
        assert page.count("Try again<span") == 3 and people["reviewer"].email in page

    with database_queue(EMAIL_BACKEND=LOCMEM_BACKEND):
        failed = OutgoingEmail.objects.get(to_address=people["reviewer"].email)
        assert client.post(reverse("manage-email-retry", args=[failed.pk])).status_code == 302
        assert client.post(reverse("manage-email-retry", args=[failed.pk])).status_code == 302  # a double click
        run_worker()
        assert [m.to for m in mail.outbox] == [[people["reviewer"].email]]
        client.post(reverse("manage-emails-retry-all"))
        run_worker()
        run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["reviewer"].email, people["lead_reviewer"].email, people["editor"].email]
    )
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
    assert OutgoingEmail.objects.get(pk=failed.pk).retried_by == people["admin"]
