"""English combined authorities, combined county authorities, the GLA and LEPs, and their councils.

Beside each body's kind: its strategic-authority tier as dated periods (a body's tier can
change, and a round shows the tier on its landscape's date), its devolution facts (mayoral
in law, first mayoral election, Integrated Settlement, Devolution Priority Programme) and
its lineage (which bodies it came from).
"""
from django.db import models
from simple_history.models import HistoricalRecords


class AuthorityKind(models.TextChoices):
    MCA = "mca", "Mayoral combined authority"
    CA = "ca", "Combined authority"
    CCA = "cca", "Combined county authority"
    LEP = "lep", "Local enterprise partnership"
    # Only the Greater London Authority: a strategic authority that is not a CA or CCA (the 2026
    # Act, s.1(5)(c)). The label reads in lists and medians ("other strategic authorities").
    SA = "sa", "Other strategic authority"


class StrategicTier(models.TextChoices):
    """The tiers of the English Devolution and Community Empowerment Act 2026, s.1."""

    FOUNDATION = "foundation", "Foundation strategic authority"
    MAYORAL = "mayoral", "Mayoral strategic authority"
    ESTABLISHED_MAYORAL = "established_mayoral", "Established mayoral strategic authority"


# What a body without a tier on a date shows (every body before December 2024, and LEPs).
NO_TIER = "none"
NO_TIER_LABEL = "No strategic-authority tier"


class LinkKind(models.TextChoices):
    """How a body came from another (the ``kind_of_change`` of lineage.csv)."""

    MERGER = "merger", "Merger"
    SPLIT = "split", "Split"
    BOUNDARY_CHANGE_AND_RECODE = "boundary_change_and_recode", "Boundary change and new code"
    RENAME = "rename", "Renamed"
    RECODE = "recode", "New ONS code"
    ONS_NAME_CHANGE = "ons_name_change", "ONS name change"


# Kinds of change where the body stays the same row (same code): a link to itself.
SAME_BODY_LINKS = (LinkKind.RENAME, LinkKind.ONS_NAME_CHANGE)


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
    # Devolution facts (strategic_authorities.csv). ``mayoral`` is the position in law (the
    # body's order provides for a mayor), unlike ``has_mayor`` (a mayor in office today);
    # null where unverified.
    mayoral = models.BooleanField(null=True, blank=True)
    first_mayoral_election = models.CharField(
        max_length=10, blank=True, help_text="ISO date of the first polling day, or the year where only that is known."
    )
    integrated_settlement_from = models.CharField(
        max_length=7, blank=True, help_text="First financial year of an Integrated Settlement, like 2025-26."
    )
    devolution_priority_programme = models.BooleanField(default=False)
    devolution_source = models.TextField(blank=True)
    devolution_notes = models.TextField(blank=True)
    local_authorities = models.ManyToManyField(LocalAuthority, through="Constituent", related_name="authorities")
    history = HistoricalRecords(excluded_fields=["source", "notes", "devolution_source", "devolution_notes"])

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
            models.CheckConstraint(
                condition=models.Q(integrated_settlement_from="")
                | models.Q(integrated_settlement_from__regex=r"^[0-9]{4}-[0-9]{2}$"),
                name="authority_settlement_year_format",
            ),
            models.CheckConstraint(
                condition=models.Q(first_mayoral_election="")
                | models.Q(first_mayoral_election__regex=r"^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$"),
                name="authority_first_election_format",
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


class TierPeriod(models.Model):
    """An authority's strategic-authority tier from ``starts_on`` until its next period starts.

    A period has no end date of its own: it ends where the authority's next one begins (or
    at abolition), so periods can never overlap or leave gaps. One start per authority is
    the database rule that keeps them apart.
    """

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="tier_periods")
    tier = models.CharField(max_length=20, choices=StrategicTier.choices)
    starts_on = models.DateField()
    # As the source gives it: an ISO date, or a month ("2026-02") or year where the day is unverified;
    # ``starts_on`` is then its first day.
    since = models.CharField(max_length=10)
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["authority", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "starts_on"], name="tier_period_one_start_per_day"),
            models.CheckConstraint(condition=models.Q(tier__in=StrategicTier.values), name="tier_period_tier_valid"),
            models.CheckConstraint(
                condition=models.Q(since__regex=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"), name="tier_period_since_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority.short_name}: {self.get_tier_display()} from {self.since}"


class AuthorityLink(models.Model):
    """A lineage link: ``successor`` came from ``predecessor`` on ``on``.

    A rename keeps the same body (and code), so it links a body to itself and keeps the
    earlier name in ``predecessor_name``.
    """

    predecessor = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="predecessor_links")
    on = models.DateField()
    kind = models.CharField(max_length=30, choices=LinkKind.choices)
    predecessor_name = models.CharField(max_length=200, blank=True)
    successor_name = models.CharField(max_length=200, blank=True)
    source = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor", "on"], name="authority_link_unique"),
            models.CheckConstraint(condition=models.Q(kind__in=LinkKind.values), name="authority_link_kind_valid"),
            models.CheckConstraint(
                condition=(models.Q(kind__in=SAME_BODY_LINKS) & models.Q(predecessor=models.F("successor")))
                | (~models.Q(kind__in=SAME_BODY_LINKS) & ~models.Q(predecessor=models.F("successor"))),
                name="authority_link_rename_is_same_body",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_name or self.predecessor.name} → {self.successor.name} ({self.on})"

    @property
    def is_rename(self) -> bool:
        return self.kind in SAME_BODY_LINKS
