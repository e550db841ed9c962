"""Reads of the outbox for the admins' page."""
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .models import EmailStatus, OutgoingEmail
from .services import retryable


def undelivered_emails():
    """Messages that need a person: given up on, stuck with a dead worker, or overdue with none taking them. Newest first."""
    return OutgoingEmail.objects.filter(retryable()).order_by("-failed_at", "-claimed_at", "-pk")


def retrying_emails():
    """Messages that failed at least once and are waiting for their next try (not yet overdue)."""
    return (
        OutgoingEmail.objects.filter(status=EmailStatus.PENDING, attempts__gt=0)
        .exclude(retryable())
        .order_by("next_attempt_at", "pk")
    )


def outbox_summary(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    return OutgoingEmail.objects.aggregate(
        sent_last_day=Count("pk", filter=Q(status=EmailStatus.SENT, sent_at__gte=now - timedelta(days=1))),
        waiting=Count("pk", filter=Q(status__in=[EmailStatus.PENDING, EmailStatus.SENDING])),
        undelivered=Count("pk", filter=Q(status=EmailStatus.FAILED)),
    )
