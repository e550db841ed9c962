"""The readiness framework as data: versions, steps, criteria and level descriptors."""
from decimal import Decimal

from django.db import models
from simple_history.models import HistoricalRecords

LEVELS = range(0, 5)
STEP_NUMBERS = range(1, 9)  # the eight steps of the framework (the Step model allows 1 to 8)


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Framework(models.Model):
    name = models.CharField(max_length=100)
    version = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT)
    description = models.TextField(blank=True)
    source = models.TextField(blank=True)
    # A version made from another says which, what it is called and what changed, so
    # publishing it can show the differences and people can tell versions apart.
    version_name = models.CharField(max_length=100, blank=True)
    change_note = models.TextField(blank=True)
    copied_from = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="copies")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["description", "source"])

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="framework_name_version_unique"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="framework_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def is_frozen(self) -> bool:
        """A published version (or one any assessment has used) never changes: changes make a new version."""
        from .rounds import Assessment

        if self.status == FrameworkStatus.PUBLISHED:
            return True
        return Assessment.objects.filter(round__framework=self).exists()


SHORT_TITLE_LENGTH = 32


def short_title(title: str) -> str:
    head = title.split(":", 1)[0].strip()
    if len(head) <= SHORT_TITLE_LENGTH:
        return head
    words, kept = head.split(), []
    for word in words:
        if len(" ".join([*kept, word])) > SHORT_TITLE_LENGTH - 1:
            break
        kept.append(word)
    return " ".join(kept or [head[: SHORT_TITLE_LENGTH - 1]]).rstrip(",;") + "…"


class Step(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    # The version's own short title where space is tight ("short_title" in the framework file);
    # blank means one is derived from the title.
    given_short_title = models.CharField(max_length=SHORT_TITLE_LENGTH + 8, blank=True)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("1"))

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="step_number_unique_in_framework"),
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=8), name="step_number_1_to_8"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="step_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"Step {self.number}: {self.title}"

    @property
    def short_title(self) -> str:
        """A column heading's worth of the title: the version's own short title, else up to a colon,
        else its first words ("Commit to strong local…")."""
        return self.given_short_title or short_title(self.title)


# Step number, a dot and a position ("4.2"); ASCII digits only. A database constraint too.
CRITERION_CODE_PATTERN = r"[1-8]\.[0-9]+"


class Criterion(models.Model):
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(max_length=10, help_text='Step number and position, like "4.2".')
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("1"))
    allows_not_applicable = models.BooleanField(default=False)
    not_applicable_guidance = models.TextField(blank=True)
    # The report's steps are addressed to central government: these criteria measure what the
    # centre does for the area (a single front door, stable funding, co-design), shown apart
    # from the area's own readiness as "what the centre owes each area".
    measures_centre = models.BooleanField(default=False)
    # The government already records the answer (tier, settlement, mayoral status): the
    # record is shown beside the question, so a self-score that contradicts it stands out.
    shows_government_record = models.BooleanField(default=False)
    level_0 = models.TextField()
    level_1 = models.TextField()
    level_2 = models.TextField()
    level_3 = models.TextField()
    level_4 = models.TextField()

    class Meta:
        ordering = ["step__number", "position"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["step", "code"], name="criterion_code_unique_in_step"),
            models.UniqueConstraint(fields=["step", "position"], name="criterion_position_unique_in_step"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_positive"),
            models.CheckConstraint(condition=models.Q(code__regex=rf"^{CRITERION_CODE_PATTERN}$"), name="criterion_code_format"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def descriptor(self, level: int) -> str:
        return getattr(self, f"level_{level}")

    @property
    def descriptors(self) -> list[tuple[int, str]]:
        return [(level, self.descriptor(level)) for level in LEVELS]

    @property
    def slug(self) -> str:
        """HTML-safe form of the code for field names and anchors ("4.2" -> "c4-2")."""
        return "c" + self.code.replace(".", "-")
