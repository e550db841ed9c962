"""ONS local indicators: a dataset (one CSV + JSON pair), its indicators and their observations.

Only the geographies the service shows are stored (England, its regions, combined
authorities and the GLA, councils); the importer reports what it skipped and why.
"""
import uuid

from django.conf import settings
from django.db import models


class Mission(models.IntegerChoices):
    """The Levelling Up White Paper (2022) mission an indicator measures; 0 is context only."""

    CONTEXT = 0, "Net zero (context, not a mission)"
    LIVING_STANDARDS = 1, "Mission 1: Living standards"
    TRANSPORT = 3, "Mission 3: Transport infrastructure"
    DIGITAL = 4, "Mission 4: Digital connectivity"
    EDUCATION = 5, "Mission 5: Education"
    SKILLS = 6, "Mission 6: Skills"
    HEALTH = 7, "Mission 7: Health"
    WELLBEING = 8, "Mission 8: Well-being"
    PRIDE_IN_PLACE = 9, "Mission 9: Pride in place"
    HOUSING = 10, "Mission 10: Housing"
    CRIME = 11, "Mission 11: Crime"


class AreaType(models.TextChoices):
    ENGLAND = "england", "England"
    REGION = "region", "English region"
    COMBINED = "combined", "Combined authority or the GLA"
    COUNCIL = "council", "Council"


class Dataset(models.Model):
    """One published CSV + JSON pair (an ONS folder), as last imported."""

    slug = models.SlugField(max_length=100, unique=True)
    source_org = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500)
    release_date = models.DateField()
    note = models.CharField(max_length=300, blank=True, help_text="ONS's own note, such as when the file was last modified.")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the CSV and JSON as imported: the same files import as no change.")
    row_count = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["slug"]
        constraints = [models.CheckConstraint(condition=models.Q(digest__regex=r"^[0-9a-f]{64}$"), name="dataset_digest_is_sha256")]

    def __str__(self) -> str:
        return self.slug


class Indicator(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=200, unique=True, help_text="As in the CSV's indicator column.")
    slug = models.SlugField(max_length=200, unique=True)
    label = models.CharField(max_length=300)
    subtitle = models.TextField(blank=True)
    description = models.TextField(blank=True)
    caveats = models.TextField(blank=True)
    measure = models.CharField(max_length=200, blank=True)
    unit = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=10, blank=True)
    suffix = models.CharField(max_length=10, blank=True)
    sub_text = models.CharField(max_length=100, blank=True)
    decimal_places = models.PositiveSmallIntegerField()
    mission = models.PositiveSmallIntegerField(choices=Mission.choices)
    higher_is_better = models.BooleanField()
    polarity_reason = models.TextField(help_text="Why higher (or lower) is better for this indicator.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within its mission.")

    class Meta:
        ordering = ["mission", "position", "label"]
        constraints = [
            models.CheckConstraint(condition=models.Q(decimal_places__lte=6), name="indicator_decimal_places_at_most_6"),
            models.CheckConstraint(condition=models.Q(mission__in=Mission.values), name="indicator_mission_valid"),
            models.CheckConstraint(condition=~models.Q(polarity_reason=""), name="indicator_polarity_has_reason"),
        ]

    def __str__(self) -> str:
        return self.label


class Observation(models.Model):
    """One area's value of an indicator in one period (empty where ONS publishes none, with its status)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area_code = models.CharField(max_length=9)
    area_name = models.CharField(max_length=200)
    area_type = models.CharField(max_length=10, choices=AreaType.choices)
    period = models.CharField(max_length=40, help_text="As published: 2023-01-01/P1Y, 2011-01-01/P3Y or a bare date.")
    period_start = models.DateField()
    period_months = models.PositiveSmallIntegerField(help_text="0 for a snapshot on one date.")
    value = models.FloatField(null=True, blank=True)
    lower = models.FloatField(null=True, blank=True, help_text="Lower 95% confidence bound, where published.")
    upper = models.FloatField(null=True, blank=True, help_text="Upper 95% confidence bound, where published.")
    status = models.CharField(max_length=20, blank=True)
    notes = models.TextField(blank=True)
    latest = models.BooleanField(default=False, help_text="The area's newest period with a value for this indicator.")

    class Meta:
        ordering = ["indicator", "area_code", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area_code", "period_start", "period_months"], name="observation_unique_per_period"),
            models.UniqueConstraint(
                fields=["indicator", "area_code"], condition=models.Q(latest=True), name="observation_one_latest_per_area"
            ),
            models.CheckConstraint(condition=models.Q(latest=False) | models.Q(value__isnull=False), name="observation_latest_has_value"),
            models.CheckConstraint(
                condition=models.Q(lower__isnull=True) | models.Q(upper__isnull=True) | models.Q(lower__lte=models.F("upper")),
                name="observation_bounds_ordered",
            ),
            models.CheckConstraint(condition=models.Q(area_type__in=AreaType.values), name="observation_area_type_valid"),
        ]
        indexes = [
            models.Index(fields=["area_code", "indicator"], name="observation_area_indicator"),
            models.Index(fields=["indicator", "area_type", "period_start"], name="observation_indicator_type"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.area_code} {self.period}"


class PendingUpload(models.Model):
    """An admin's uploaded CSV + JSON between preview and confirm; nothing else reads it."""

    dataset_slug = models.SlugField(max_length=100)
    csv_text = models.TextField()
    json_text = models.TextField()
    digest = models.CharField(max_length=64)
    base_digest = models.CharField(max_length=64, blank=True, help_text="The dataset's digest when previewed: a newer import makes this preview stale.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(digest__regex=r"^[0-9a-f]{64}$"), name="pending_upload_digest_is_sha256")]


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    CHECKING = "checking", "Checking the files"
    WRITING = "writing", "Replacing the figures"
    DONE = "done", "Imported"
    FAILED = "failed", "Not imported"


FINISHED_IMPORT_STATES = (ImportStatus.DONE, ImportStatus.FAILED)


class ImportRun(models.Model):
    """A confirmed upload being imported by a task, for its progress page; the files are cleared once it finishes."""

    # Random, so an address reveals nothing about how many imports there have been; access is checked anyway.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dataset_slug = models.SlugField(max_length=100)
    csv_text = models.TextField(blank=True)
    json_text = models.TextField(blank=True)
    digest = models.CharField(max_length=64)
    base_digest = models.CharField(max_length=64, blank=True, help_text="The dataset's digest when previewed.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    rows = models.PositiveIntegerField(default=0, help_text="Rows to write, once the files are checked.")
    summary = models.TextField(blank=True, help_text="What changed, once imported.")
    error = models.TextField(blank=True, help_text="Why it was not imported.")
    problems = models.JSONField(
        default=list, blank=True, help_text="A refused file's problems, row by row: [{row, column, message}].",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ImportStatus.values), name="import_run_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status__in=FINISHED_IMPORT_STATES, finished_at__isnull=False)
                | (~models.Q(status__in=FINISHED_IMPORT_STATES) & models.Q(finished_at__isnull=True)),
                name="import_run_finished_when_done_or_failed",
            ),
            models.CheckConstraint(condition=~models.Q(status=ImportStatus.FAILED) | ~models.Q(error=""), name="import_run_failure_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset_slug} import ({self.get_status_display().lower()})"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_IMPORT_STATES
