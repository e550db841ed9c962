"""Assessment rounds, one assessment per authority per round, one answer per criterion."""
from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .authorities import Authority, Landscape
from .framework import Criterion, Framework

MIN_SCORE = 0
MAX_SCORE = 4
# Levels at and above this need at least one evidence item (evidence/) as well as a justification.
EVIDENCE_REQUIRED_FROM = 3
JUSTIFICATION_MAX_LENGTH = 2000
EVIDENCE_URL_MAX_LENGTH = 500
# What counts as an evidence link: a real https web address (the step form and copying use it).
evidence_url_validator = URLValidator(schemes=["https"])


class RoundState(models.TextChoices):
    DRAFT = "draft", "Not yet open"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Round(models.Model):
    name = models.CharField(max_length=100, unique=True)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rounds")
    landscape = models.CharField(max_length=10, choices=Landscape.choices, default=Landscape.CURRENT)
    opens_on = models.DateField()
    closes_on = models.DateField()
    state = models.CharField(max_length=10, choices=RoundState.choices, default=RoundState.DRAFT)
    # Authority kinds (AuthorityKind values) the round covers; opening it creates their assessments.
    covers_kinds = models.JSONField(default=list, blank=True)
    # Set when an admin publishes the round's approved results on the public page.
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_opening"),
            models.CheckConstraint(condition=Q(state__in=RoundState.values), name="round_state_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_scheduled(self) -> bool:
        """Opened by an admin, but its opening date is still ahead: editors cannot start yet."""
        return self.state == RoundState.OPEN and timezone.localdate() < self.opens_on

    @property
    def status_label(self) -> str:
        """The one label for the round's state on every page: "Scheduled" before its opening date."""
        return SCHEDULED_LABEL if self.is_scheduled else self.get_state_display()


SCHEDULED_LABEL = "Scheduled"


class AssessmentState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"


# States in which the authority's editors may change answers (while the round is open).
EDITABLE_STATES = frozenset({AssessmentState.DRAFT, AssessmentState.RETURNED})


class Assessment(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="assessments")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="assessments")
    state = models.CharField(max_length=10, choices=AssessmentState.choices, default=AssessmentState.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="assigned_assessments"
    )
    # Per-authority extension (or an admin's reopening after the round closed).
    deadline_override = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["round", "authority__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "authority"], name="assessment_one_per_authority_per_round"),
            models.CheckConstraint(condition=Q(state__in=AssessmentState.values), name="assessment_state_valid"),
            models.CheckConstraint(
                condition=Q(state=AssessmentState.DRAFT) | Q(submitted_at__isnull=False, submitted_by__isnull=False),
                name="assessment_submitted_has_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority.short_name} – {self.round.name}"

    @property
    def deadline(self):
        """The authority's extension where it has one, else the round's closing date (``deadline_expression`` in a query)."""
        return self.deadline_override or self.round.closes_on


def deadline_expression() -> Coalesce:
    """``Assessment.deadline`` in a query on assessments: the extension, else the round's closing date."""
    return Coalesce(F("deadline_override"), F("round__closes_on"), output_field=models.DateField())


def answered_q(prefix: str = "") -> Q:
    """The one definition of "answered" in a query: a level or not applicable (an answer saved
    half-finished has neither). ``prefix`` reaches answers through a relation, e.g. "answers__".
    ``Answer.is_answered`` is the same rule for one row.
    """
    return Q(**{f"{prefix}score__isnull": False}) | Q(**{f"{prefix}not_applicable": True})


class Answer(models.Model):
    """The authority's own answer to one criterion. Unanswered is a NULL score, never 0."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    # PROTECT: criteria of a used framework version are frozen and never deleted.
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    not_applicable = models.BooleanField(default=False)
    justification = models.TextField(blank=True, max_length=JUSTIFICATION_MAX_LENGTH)
    # How many evidence items (evidence.AnswerEvidence) the answer carries, kept by the one
    # service that attaches them, so "levels 3 and 4 need evidence" is a check constraint.
    evidence_count = models.PositiveSmallIntegerField(default=0)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # True when carried over from the authority's previous approved answer and not yet re-confirmed.
    copied_from_previous = models.BooleanField(default=False)
    # True while the values are still those copied from the previous round (confirmed or not),
    # so reviewers can see which answers were carried over unchanged.
    copied_unchanged = models.BooleanField(default=False)
    # "Save and come back later" keeps half-finished answers (a level without a justification,
    # a justification without a level). Their level waits in ``pending_*``: ``score`` and
    # ``not_applicable`` stay empty, so no score, roll-up, export or public page can count them.
    in_progress = models.BooleanField(default=False)
    pending_score = models.PositiveSmallIntegerField(null=True, blank=True)
    pending_not_applicable = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__step__number", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="answer_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE),
                name="answer_score_0_to_4",
            ),
            models.CheckConstraint(
                condition=~Q(not_applicable=True, score__isnull=False), name="answer_not_both_score_and_na"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True, not_applicable=False) | ~Q(justification=""),
                name="answer_given_has_justification",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lt=EVIDENCE_REQUIRED_FROM) | Q(evidence_count__gte=1),
                name="answer_high_level_has_evidence",
            ),
            models.CheckConstraint(
                condition=Q(in_progress=True) | ~Q(score__isnull=True, not_applicable=False)
                | Q(justification="", evidence_count=0),
                name="answer_without_level_is_in_progress",
            ),
            # An answer is either complete (it obeys every rule above) or in progress, never counted.
            models.CheckConstraint(
                condition=Q(in_progress=False) | Q(score__isnull=True, not_applicable=False),
                name="answer_in_progress_is_not_counted",
            ),
            models.CheckConstraint(
                condition=Q(in_progress=True) | Q(pending_score__isnull=True, pending_not_applicable=False),
                name="answer_pending_level_only_in_progress",
            ),
            models.CheckConstraint(
                condition=Q(pending_score__isnull=True) | Q(pending_score__gte=MIN_SCORE, pending_score__lte=MAX_SCORE),
                name="answer_pending_score_0_to_4",
            ),
            models.CheckConstraint(
                condition=~Q(pending_not_applicable=True, pending_score__isnull=False),
                name="answer_pending_not_both_score_and_na",
            ),
            models.CheckConstraint(
                condition=Q(copied_from_previous=False) | Q(copied_unchanged=True),
                name="answer_unconfirmed_copy_is_unchanged",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.criterion.code}"

    @property
    def is_answered(self) -> bool:
        """A level or not applicable (``answered_q`` is the same rule in a query)."""
        return self.score is not None or self.not_applicable

    @property
    def shown_level(self) -> str:
        """The level as the step form holds it: "0"-"4", "na", or "" (pending ones included)."""
        if self.not_applicable or self.pending_not_applicable:
            return "na"
        level = self.score if self.score is not None else self.pending_score
        return "" if level is None else str(level)
