"""Reads for reviewing one assessment, and for showing the reviewer's notes to the authority."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from assessments.levels import NOT_APPLICABLE, level_label
from assessments.models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentState,
    CommentReply,
    Criterion,
    InternalNote,
    Moderation,
    ReviewComment,
    Step,
    Submission,
    User,
)
from assessments.models.framework import CRITERION_CODE_PATTERN
from assessments.roles import REVIEW_ROLES

from .assessments import AssessmentView, CriterionRow, assessment_view

# The authority sees the reviewers' notes once a decision has been made.
NOTES_VISIBLE_STATES = frozenset({AssessmentState.RETURNED, AssessmentState.APPROVED})


@dataclass(frozen=True)
class ReviewNotes:
    """Reviewers' comments and the last decision's message, keyed for the templates."""

    comments: dict[int | None, list[ReviewComment]] = field(default_factory=dict)  # criterion id (None: general)
    decision: AssessmentEvent | None = None

    def for_criterion(self, criterion_id: int) -> list[ReviewComment]:
        return self.comments.get(criterion_id, [])

    def replied_since(self, *, criterion_id: int, since) -> bool:
        """Whether an official replied to a note on this criterion after ``since``."""
        return any(
            reply.created_at > since for comment in self.for_criterion(criterion_id) for reply in comment.replies.all()
        )

    @property
    def general(self) -> list[ReviewComment]:
        return self.comments.get(None, [])


def review_notes(*, assessment: Assessment) -> ReviewNotes:
    comments: dict[int | None, list[ReviewComment]] = defaultdict(list)
    comments_with_replies = (
        ReviewComment.objects.filter(assessment=assessment)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=CommentReply.objects.select_related("author")))
        .order_by("created_at", "pk")
    )
    for comment in comments_with_replies:
        comments[comment.criterion_id].append(comment)
    decision = (
        AssessmentEvent.objects.filter(
            assessment=assessment, to_state__in=[AssessmentState.RETURNED, AssessmentState.APPROVED]
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )
    return ReviewNotes(comments=dict(comments), decision=decision)


def with_comments(rows: list[CriterionRow], notes: ReviewNotes | None) -> list[tuple[CriterionRow, list[ReviewComment]]]:
    """Each criterion row with the reviewers' comments on it that ``notes`` shows (none without notes)."""
    return [(row, notes.for_criterion(row.criterion.pk) if notes else []) for row in rows]


def review_notes_for_authority(*, assessment: Assessment) -> ReviewNotes | None:
    """What the authority's officials may see of the review: nothing until it is returned or approved."""
    if assessment.state not in NOTES_VISIBLE_STATES:
        return None
    return review_notes(assessment=assessment)


@dataclass(frozen=True)
class AnswerChange:
    """One criterion whose answer differs between the last two submissions."""

    criterion: Criterion
    old: dict  # {"level", "justification", "evidence"}; empty when it was not answered
    new: dict

    @property
    def changed_fields(self) -> list[str]:
        return [name for name in ("level", "justification", "evidence") if self.old.get(name, "") != self.new.get(name, "")]

    def _evidence(self, side: dict) -> dict[int, dict]:
        # Snapshots hold the cited versions as a list; an unanswered side holds none.
        return {entry["item"]: entry for entry in side.get("evidence") or [] if isinstance(entry, dict)}

    @property
    def evidence_added(self) -> list[dict]:
        old = self._evidence(self.old)
        return [entry for item, entry in self._evidence(self.new).items() if item not in old]

    @property
    def evidence_removed(self) -> list[dict]:
        new = self._evidence(self.new)
        return [entry for item, entry in self._evidence(self.old).items() if item not in new]

    @property
    def evidence_updated(self) -> list[dict]:
        """Items cited both times, in a newer version now."""
        old = self._evidence(self.old)
        return [
            entry for item, entry in self._evidence(self.new).items()
            if item in old and old[item]["version"] != entry["version"]
        ]
    @property
    def rows(self) -> list[tuple[str, tuple[list[str], list[str]]]]:
        """(what, (before, now)) for each changed field, each side as the lines of words the page shows."""
        return [(CHANGE_FIELD_LABELS[name], self._shown(name)) for name in self.changed_fields]

    def _shown(self, name: str) -> tuple[list[str], list[str]]:
        if name != "evidence":
            return [_shown_value(self.old, name)], [_shown_value(self.new, name)]
        before = [f"{entry['title']} (version {entry['number']})" for entry in self._evidence(self.old).values()]
        now = (
            [f"Added: {entry['title']} (version {entry['number']})" for entry in self.evidence_added]
            + [f"Removed: {entry['title']}" for entry in self.evidence_removed]
            + [f"New version: {entry['title']} (version {entry['number']})" for entry in self.evidence_updated]
        )
        if not now:  # the same items, cited in another order
            now = [f"{entry['title']} (version {entry['number']})" for entry in self._evidence(self.new).values()]
        return before or ["None"], now or ["None"]


CHANGE_FIELD_LABELS = {"level": "Level", "justification": "Justification", "evidence": "Evidence"}


def _shown_value(values: dict, name: str) -> str:
    value = values.get(name)
    if name != "level":  # evidence is shown by AnswerChange._shown
        return value or "None"
    if value == NOT_APPLICABLE:
        return level_label(None, not_applicable=True)
    return level_label(int(value) if value else None)


@dataclass(frozen=True)
class ReviewRow:
    """One criterion on the review page: the authority's answer, the moderation, the comments on it."""

    criterion: Criterion
    answer: Answer | None
    moderation: Moderation | None
    comments: list[ReviewComment]
    stale: bool  # moderated before the authority last changed its answer


@dataclass(frozen=True)
class ReviewPage:
    view: AssessmentView
    notes: ReviewNotes
    events: list[AssessmentEvent]
    internal_notes: dict[int | None, list[InternalNote]] = field(default_factory=dict)
    submission: Submission | None = None
    previous_submission: Submission | None = None
    changes: list[AnswerChange] = field(default_factory=list)
    # Moderations made before the authority last changed that answer: confirm or remove before approving.
    stale: frozenset[int] = frozenset()

    def internal_for(self, criterion_id: int | None) -> list[InternalNote]:
        return self.internal_notes.get(criterion_id, [])

    @property
    def general_internal_notes(self) -> list[InternalNote]:
        """Internal notes on the whole assessment (not on one criterion)."""
        return self.internal_for(None)

    @property
    def step_rows(self) -> list[tuple[Step, list[ReviewRow]]]:
        """Each step with its criteria as the review page lists them (no queries)."""
        return [
            (step, [
                ReviewRow(
                    criterion=row.criterion, answer=row.answer, moderation=row.moderation,
                    comments=self.notes.for_criterion(row.criterion.pk), stale=row.criterion.pk in self.stale,
                )
                for row in self.view.criterion_rows(step)
            ])
            for step in self.view.steps
        ]


def stale_moderation_ids(*, view: AssessmentView) -> frozenset[int]:
    """Criterion ids whose moderation predates the authority's latest change to that answer."""
    return frozenset(
        criterion_id
        for criterion_id, moderation in view.moderations.items()
        if (answer := view.answers.get(criterion_id)) is not None
        and answer.answered_at is not None
        and answer.answered_at > moderation.moderated_at
    )


def submission_changes(*, view: AssessmentView, old: Submission, new: Submission) -> list[AnswerChange]:
    """What the authority changed between two submissions, criterion by criterion, in framework order."""
    changes = []
    for step in view.steps:
        for criterion in step.criteria.all():
            before, after = old.answers.get(criterion.code, {}), new.answers.get(criterion.code, {})
            if before != after:
                changes.append(AnswerChange(criterion=criterion, old=before, new=after))
    return changes


def internal_notes(*, assessment: Assessment) -> dict[int | None, list[InternalNote]]:
    """Central staff's own notes, keyed by criterion id (None: the whole assessment). Review pages only."""
    notes: dict[int | None, list[InternalNote]] = defaultdict(list)
    for note in InternalNote.objects.filter(assessment=assessment).select_related("author"):
        notes[note.criterion_id].append(note)
    return dict(notes)


def review_page(*, assessment: Assessment) -> ReviewPage:
    events = list(AssessmentEvent.objects.filter(assessment=assessment).select_related("actor").order_by("created_at", "pk"))
    view = assessment_view(assessment=assessment)
    submissions = list(
        Submission.objects.filter(assessment=assessment).select_related("submitted_by").order_by("-number")[:2]
    )
    latest = submissions[0] if submissions else None
    previous = submissions[1] if len(submissions) > 1 else None
    return ReviewPage(
        view=view,
        notes=review_notes(assessment=assessment),
        events=events,
        internal_notes=internal_notes(assessment=assessment),
        submission=latest,
        previous_submission=previous,
        changes=submission_changes(view=view, old=previous, new=latest) if previous else [],
        stale=stale_moderation_ids(view=view),
    )


def framework_criterion(*, assessment: Assessment, code: str) -> Criterion | None:
    if not re.fullmatch(CRITERION_CODE_PATTERN, code):
        return None  # not a code at all (PostgreSQL cannot even compare text holding NUL)
    return (
        Criterion.objects.filter(step__framework_id=assessment.round.framework_id, code=code)
        .select_related("step")
        .first()
    )


def assignable_reviewers() -> list[User]:
    return list(User.objects.filter(is_active=True, central_role__in=REVIEW_ROLES).order_by("full_name", "email"))


def latest_submission(*, assessment: Assessment) -> Submission | None:
    return Submission.objects.filter(assessment=assessment).select_related("submitted_by").order_by("-number").first()
