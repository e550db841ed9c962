"""A file prepared in the background for one person, kept for a limited time."""
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class PreparedStatus(models.TextChoices):
    PREPARING = "preparing", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be prepared"
    EXPIRED = "expired", "Expired"


class PreparedExport(models.Model):
    # Random, so an address reveals nothing about how many files there are; access is checked anyway.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey("assessments.Round", on_delete=models.CASCADE, related_name="+")
    # The dashboard's filters the file was asked for with (OverviewFilters.as_query()), so the
    # prepared file is the one the direct download would have given for them.
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=PreparedStatus.choices, default=PreparedStatus.PREPARING)
    file = models.FileField(upload_to="prepared-exports/%Y/%m/%d/", blank=True, max_length=300)
    filename = models.CharField(max_length=200, blank=True, help_text="The name the download is offered under")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "round", "status"], name="downloads_requester_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PreparedStatus.values), name="downloads_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=PreparedStatus.READY)
                | (~Q(file="") & ~Q(filename="") & Q(ready_at__isnull=False, expires_at__isnull=False)),
                name="downloads_ready_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} export for {self.requested_by} ({self.get_status_display().lower()})"
