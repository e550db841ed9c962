"""Central review: moderated scores, comments, state transitions and reminders."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .framework import Criterion
from .rounds import MAX_SCORE, MIN_SCORE, Assessment, AssessmentState


class Moderation(models.Model):
    """A reviewer's score for one criterion. It never overwrites the authority's own answer."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="moderations")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="moderations")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    not_applicable = models.BooleanField(default=False)
    reason = models.TextField(max_length=2000)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    moderated_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="moderation_one_per_criterion"),
            models.CheckConstraint(
                condition=(Q(score__isnull=False, score__gte=MIN_SCORE, score__lte=MAX_SCORE, not_applicable=False))
                | Q(score__isnull=True, not_applicable=True),
                name="moderation_is_a_level_or_na",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="moderation_has_reason"),
        ]

    def __str__(self) -> str:
        return f"Moderation of {self.criterion.code} in {self.assessment}"


class ReviewComment(models.Model):
    """A reviewer's note on a criterion (or on the whole assessment when criterion is empty)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="review_comment_has_body")]


class AssessmentEvent(models.Model):
    """One state transition: who moved the assessment from what to what, when, and why."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_state = models.CharField(max_length=10, choices=AssessmentState.choices)
    to_state = models.CharField(max_length=10, choices=AssessmentState.choices)
    message = models.TextField(blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_state=models.F("to_state")), name="event_changes_state"),
        ]


class ReminderKind(models.TextChoices):
    WEEK_BEFORE = "7_days", "7 days before the deadline"
    DAY_BEFORE = "1_day", "1 day before the deadline"


class ReminderSent(models.Model):
    """Makes the daily reminder command idempotent: one reminder of each kind per assessment and deadline."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    deadline = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "kind", "deadline"], name="reminder_once_per_deadline"),
        ]


NOTE_MAX_LENGTH = 2000


class Submission(models.Model):
    """One sending of an assessment for review, with the authority's answers as they were sent.

    Numbered from 1 per assessment; the reviewer compares a resubmission with the one
    before it ("what changed since the last submission"), and the number makes the
    reference the submitter is given.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    note_to_reviewer = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    # criterion code -> {"level": "0"-"4" | "na", "justification": str, "evidence": str}
    answers = models.JSONField(default=dict)

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="submission_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="submission_number_positive"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"LU-{self.assessment_id:05d}-{self.number}"


class CommentReply(models.Model):
    """An official's reply to a reviewer's note, shown to both sides."""

    comment = models.ForeignKey(ReviewComment, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="comment_reply_has_body")]


class InternalNote(models.Model):
    """A reviewer's note for central staff only: never shown to the authority, on any page."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="internal_notes")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="internal_note_has_body")]
