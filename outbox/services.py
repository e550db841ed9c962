"""Writes of the outbox: queue a message, deliver it (at most once), retry it.

Delivery claims the row with a conditional UPDATE (pending -> sending), so however many
workers run and however often a delivery task is enqueued, one message is handed to the
mail server once. The SMTP conversation happens outside any transaction: a slow mail
server holds no database locks.
"""
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from assessments.services.errors import ActionRefused

from .models import EmailStatus, OutgoingEmail
from .scheduling import enqueue_at
from .tasks import deliver_email

logger = logging.getLogger(__name__)

# A message "being sent" for longer than this belongs to a worker that died mid-send.
STUCK_AFTER = timedelta(minutes=15)


def retry_delay(*, attempts: int) -> timedelta:
    """Wait before the next try after ``attempts`` failed tries: doubling from the base, capped."""
    seconds = settings.EMAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.EMAIL_RETRY_MAX_SECONDS))


LINK_ERASED = "(Erased once delivered: it held a one-time link.)"


def email_queue(*, kind: str, to_address: str, subject: str, body: str, contains_link: bool = False) -> OutgoingEmail:
    """Write the message and its delivery task in the caller's transaction: both commit or neither.

    ``contains_link``: the body holds a one-time link (invitation, password reset). Such a
    body is erased once delivered, so the database keeps no usable link for longer than needed.
    """
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            kind=kind, to_address=to_address, subject=subject, body=body, contains_link=contains_link
        )
        deliver_email.enqueue(email.pk)
    return email


def _message(email: OutgoingEmail) -> EmailMessage:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    return EmailMessage(
        email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to_address],
        headers={"Message-ID": f"<{email.idempotency_key}@{domain}>"},
    )


def email_deliver(*, email_id: int) -> str:
    """Send the message if it is waiting; say what happened. Never raises for a mail failure."""
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.PENDING).update(
        status=EmailStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return "nothing to send"  # already sent, given up, or another worker has it
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        _message(email).send()
    except Exception as error:  # any failure of the mail backend is retried, whatever its type
        return _after_failure(email=email, error=error)
    sent = {"status": EmailStatus.SENT, "sent_at": timezone.now(), "claimed_at": None, "next_attempt_at": None}
    if email.contains_link:
        sent["body"] = LINK_ERASED
    OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.SENDING).update(**sent)
    return "sent"


def _after_failure(*, email: OutgoingEmail, error: Exception) -> str:
    now = timezone.now()
    reason = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.FAILED, failed_at=now, claimed_at=None, next_attempt_at=None, last_error=reason
        )
        logger.error("Email %s to %s not delivered after %s tries: %s", email.pk, email.to_address, email.attempts, reason)
        return "not delivered"
    when = now + retry_delay(attempts=email.attempts)
    with transaction.atomic():
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.PENDING, claimed_at=None, next_attempt_at=when, last_error=reason
        )
        enqueue_at(deliver_email, when, email.pk)
    logger.warning("Email %s to %s failed (try %s), next try at %s: %s", email.pk, email.to_address, email.attempts, when, reason)
    return "retry scheduled"


def retryable() -> Q:
    """Messages an admin may send again: given up on, stuck with a worker that died, or overdue.

    Overdue: waiting more than ``STUCK_AFTER`` past its time (its next try, or when it was
    written) with no worker taking it, as when no worker runs or its task was lost with a
    worker killed mid-task. Sending again is safe even if the first task is still queued:
    a message is claimed before it is sent, so it goes once.
    """
    stale = timezone.now() - STUCK_AFTER
    return (
        Q(status=EmailStatus.FAILED)
        | Q(status=EmailStatus.SENDING, claimed_at__lt=stale)
        | Q(status=EmailStatus.PENDING, next_attempt_at__lt=stale)
        | Q(status=EmailStatus.PENDING, next_attempt_at__isnull=True, created_at__lt=stale)
    )


@transaction.atomic
def email_retry(*, email_id: int, by) -> OutgoingEmail:
    """An admin's "try again": a fresh round of tries, starting now."""
    email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
    if email is None:
        raise ActionRefused("That message no longer exists.")
    if not OutgoingEmail.objects.filter(retryable(), pk=email.pk).exists():
        raise ActionRefused(f"The message to {email.to_address} is {email.get_status_display().lower()}: there is nothing to try again.")
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.PENDING, attempts=0, failed_at=None, claimed_at=None, next_attempt_at=None, retried_by=by
    )
    deliver_email.enqueue(email.pk)
    email.refresh_from_db()
    return email


def email_retry_all(*, by) -> int:
    """"Try again" for every retryable message; how many were queued."""
    ids = list(OutgoingEmail.objects.filter(retryable()).values_list("pk", flat=True))
    for email_id in ids:
        try:
            email_retry(email_id=email_id, by=by)
        except ActionRefused:
            continue  # another admin or worker got there first
    return len(ids)
