"""Personal API tokens: a secret shown once, stored as its SHA-256, owned by one person.

A token carries exactly its owner's permissions (every view goes through
``assessments.access`` with the owner as the user). It stops working when it is revoked,
when it expires, or when its owner is deactivated. When it was last used is not a column:
it is kept in the shared cache (``api.services.token_mark_used``), so API reads never write.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

TOKEN_NAME_MAX_LENGTH = 100


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Not revoked, not expired, and owned by an active person."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=TOKEN_NAME_MAX_LENGTH, help_text="What the token is for, in the owner's words.")
    # SHA-256 of the whole secret: the secret has 256 random bits, so a slow hash adds nothing.
    token_hash = models.CharField(max_length=64, unique=True)
    # The secret's first characters, not enough to use it: lets a person tell their tokens apart.
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="api_token_expires_after_creation"),
            models.CheckConstraint(condition=Q(token_hash__regex=r"^[0-9a-f]{64}$"), name="api_token_hash_is_sha256_hex"),
            models.CheckConstraint(condition=~Q(name=""), name="api_token_has_name"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=models.F("created_at")),
                name="api_token_revoked_after_creation",
            ),
            models.UniqueConstraint(
                fields=["user", "name"], condition=Q(revoked_at__isnull=True), name="api_token_name_unique_while_live"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired and self.user.is_active

    @property
    def status_label(self) -> str:
        if self.is_revoked:
            return "Revoked"
        if self.is_expired:
            return "Expired"
        return "Active"
