"""People and what they may touch.

A user signs in by email. Central staff carry a ``central_role``; local officials get
rows in ``AuthorityAccess``, one per authority, as editor or viewer. The rules that
turn these facts into yes/no answers live in ``assessments.access``, nowhere else.
"""
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class CentralRole(models.TextChoices):
    NONE = "", "None (local official)"
    REVIEWER = "reviewer", "Reviewer"
    LEAD_REVIEWER = "lead_reviewer", "Lead reviewer"
    ADMIN = "admin", "Admin"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("Users need an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("central_role", CentralRole.ADMIN)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    central_role = models.CharField(max_length=20, choices=CentralRole.choices, blank=True, default="")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use the Django admin site.")
    date_joined = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(central_role__in=CentralRole.values), name="user_central_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_central(self) -> bool:
        return bool(self.central_role)


class AuthorityAccessLevel(models.TextChoices):
    EDITOR = "editor", "Editor"
    VIEWER = "viewer", "Viewer"


class AuthorityAccess(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="authority_access")
    # PROTECT: an authority with people attached is abolished, never deleted.
    authority = models.ForeignKey("assessments.Authority", on_delete=models.PROTECT, related_name="people")
    level = models.CharField(max_length=10, choices=AuthorityAccessLevel.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "authority access"
        constraints = [
            models.UniqueConstraint(fields=["user", "authority"], name="authority_access_one_per_user"),
            models.CheckConstraint(
                condition=models.Q(level__in=AuthorityAccessLevel.values), name="authority_access_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.authority} ({self.get_level_display()})"
