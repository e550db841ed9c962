"""Feedback writes: storing what someone sent (rate-limited per sender) and deleting old feedback."""
import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from assessments.services.errors import ActionRefused

from .models import PAGE_MAX_LENGTH, Feedback, Satisfaction

RATE_LIMITED = "You have sent a lot of feedback in a short time. Try again in an hour."


def sender_key_for(*, address: str) -> str:
    """A keyed hash of a network address: the same sender gives the same key, the address is not kept."""
    return salted_hmac("feedback.sender", address or "unknown", algorithm="sha256").hexdigest()


def safe_page(path: str) -> str:
    """The path someone came from, if it is a plain path on this site; otherwise nothing."""
    path = (path or "").strip()
    if not path.startswith("/") or path.startswith("//") or "\\" in path or len(path) > PAGE_MAX_LENGTH:
        return ""
    return path


def feedback_submit(
    *, satisfaction: Satisfaction, comments: str, page: str, reply_email: str, sender_key: str
) -> Feedback:
    """Store one piece of feedback, unless its sender has reached the limit for the last hour.

    Senders are serialised (lock, then count), so requests racing each other cannot all pass.
    """
    with transaction.atomic():
        _lock_sender(sender_key)
        since = timezone.now() - timedelta(seconds=settings.FEEDBACK_RATE_WINDOW_SECONDS)
        if Feedback.objects.filter(sender_key=sender_key, created_at__gte=since).count() >= settings.FEEDBACK_RATE_LIMIT:
            raise ActionRefused(RATE_LIMITED)
        return Feedback.objects.create(
            satisfaction=satisfaction, comments=comments, page=safe_page(page),
            reply_email=reply_email, sender_key=sender_key,
        )


def feedback_delete_expired(*, now=None) -> int:
    """Delete feedback older than FEEDBACK_RETENTION_DAYS (as the privacy notice says); returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    deleted, _ = Feedback.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _lock_sender(sender_key: str) -> None:
    # PostgreSQL: a transaction-scoped advisory lock per sender. SQLite serialises writers itself.
    if connection.vendor == "postgresql":
        lock_id = int.from_bytes(hashlib.sha256(sender_key.encode()).digest()[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id])
