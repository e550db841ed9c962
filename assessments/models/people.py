"""Invitations: how admins bring people into the service."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .users import AuthorityAccessLevel, CentralRole


class Invitation(models.Model):
    """A single-use, expiring invitation. Only a hash of the emailed token is stored."""

    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    central_role = models.CharField(max_length=20, choices=CentralRole.choices, blank=True, default="")
    authority = models.ForeignKey(
        "assessments.Authority", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    access_level = models.CharField(max_length=10, choices=AuthorityAccessLevel.choices, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Who sent, resent and cancelled it, for the audit trail (never the token's hash).
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Either a central role, or an authority with an access level: never both, never neither.
            models.CheckConstraint(
                condition=(~Q(central_role="") & Q(authority__isnull=True) & Q(access_level=""))
                | (Q(central_role="") & Q(authority__isnull=False) & ~Q(access_level="")),
                name="invitation_role_or_authority_access",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    @property
    def is_expired(self) -> bool:
        """Past its expiry time: the link no longer works (an admin can resend it)."""
        return self.expires_at <= timezone.now()
