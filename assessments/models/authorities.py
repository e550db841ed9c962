"""English combined authorities, combined county authorities and LEPs, and their councils."""
from django.db import models
from simple_history.models import HistoricalRecords


class AuthorityKind(models.TextChoices):
    MCA = "mca", "Mayoral combined authority"
    CA = "ca", "Combined authority"
    CCA = "cca", "Combined county authority"
    LEP = "lep", "Local enterprise partnership"


class Landscape(models.TextChoices):
    """Which published geography a membership row belongs to."""

    NOV_2020 = "2020", "November 2020"
    CURRENT = "current", "Current"


class LocalAuthority(models.Model):
    """A local authority district (council) with its ONS code."""

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=200)
    region = models.CharField(max_length=100, blank=True)
    type = models.CharField(max_length=100, blank=True)
    current = models.BooleanField(default=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Authority(models.Model):
    # A few bodies set up in 2026 have no GSS code yet, so the code is nullable and
    # unique only where present; they are identified by short name until then.
    code = models.CharField(max_length=9, null=True, blank=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=3, choices=AuthorityKind.choices)
    has_mayor = models.BooleanField(default=False)
    established = models.CharField(
        max_length=10, blank=True, help_text="ISO date, or just the year where the sources give no day."
    )
    abolished = models.DateField(null=True, blank=True)
    status_nov_2020 = models.CharField(max_length=20, blank=True)
    notes = models.TextField(blank=True)
    source = models.TextField(blank=True)
    local_authorities = models.ManyToManyField(LocalAuthority, through="Constituent", related_name="authorities")
    history = HistoricalRecords(excluded_fields=["source", "notes"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(code__isnull=False), name="authority_code_unique_when_present"
            ),
            models.CheckConstraint(condition=models.Q(kind__in=AuthorityKind.values), name="authority_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(code__isnull=True) | models.Q(code__regex=r"^E[0-9]{8}$"),
                name="authority_code_is_gss",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.abolished is None


class Constituent(models.Model):
    """A council's membership of an authority in one landscape."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="constituents")
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="memberships")
    landscape = models.CharField(max_length=10, choices=Landscape.choices)
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["local_authority__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "local_authority", "landscape"], name="constituent_unique_per_landscape"
            ),
            models.CheckConstraint(condition=models.Q(landscape__in=Landscape.values), name="constituent_landscape_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.local_authority.name} in {self.authority.short_name} ({self.landscape})"
