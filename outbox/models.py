"""One row per email message: its content, its delivery state and its history of tries."""
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class EmailStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Not delivered"


class OutgoingEmail(models.Model):
    # Also the message's Message-ID, so a mail server that sees a message twice can tell.
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=50, help_text="The template the message was made from")
    to_address = models.EmailField(max_length=254)
    subject = models.CharField(max_length=998)
    body = models.TextField()
    contains_link = models.BooleanField(
        default=False, help_text="The body holds a one-time sign-in link, so it is erased once delivered",
    )
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The admin who last asked for another try",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status_created_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=EmailStatus.values), name="outbox_status_valid"),
            models.CheckConstraint(
                condition=Q(status=EmailStatus.SENT, sent_at__isnull=False) | (~Q(status=EmailStatus.SENT) & Q(sent_at__isnull=True)),
                name="outbox_sent_iff_sent_at",
            ),
            models.CheckConstraint(
                condition=Q(status=EmailStatus.FAILED, failed_at__isnull=False) | (~Q(status=EmailStatus.FAILED) & Q(failed_at__isnull=True)),
                name="outbox_failed_iff_failed_at",
            ),
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.SENDING) | Q(claimed_at__isnull=False), name="outbox_sending_is_claimed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to_address} ({self.get_status_display().lower()})"
