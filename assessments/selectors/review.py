"""Reads for reviewing one assessment, and for showing the reviewer's notes to the authority."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from assessments.models import (
    Assessment,
    AssessmentEvent,
    AssessmentState,
    Criterion,
    ReviewComment,
    User,
)
from assessments.models.framework import CRITERION_CODE_PATTERN
from assessments.models.users import CentralRole

from .assessments import AssessmentView, assessment_view

# The authority sees the reviewers' notes once a decision has been made.
NOTES_VISIBLE_STATES = frozenset({AssessmentState.RETURNED, AssessmentState.APPROVED})


@dataclass(frozen=True)
class ReviewNotes:
    """Reviewers' comments and the last decision's message, keyed for the templates."""

    comments: dict[int | None, list[ReviewComment]] = field(default_factory=dict)  # criterion id (None: general)
    decision: AssessmentEvent | None = None

    def for_criterion(self, criterion_id: int) -> list[ReviewComment]:
        return self.comments.get(criterion_id, [])

    @property
    def general(self) -> list[ReviewComment]:
        return self.comments.get(None, [])


def review_notes(*, assessment: Assessment) -> ReviewNotes:
    comments: dict[int | None, list[ReviewComment]] = defaultdict(list)
    for comment in ReviewComment.objects.filter(assessment=assessment).select_related("author").order_by("created_at", "pk"):
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


def review_notes_for_authority(*, assessment: Assessment) -> ReviewNotes | None:
    """What the authority's officials may see of the review: nothing until it is returned or approved."""
    if assessment.state not in NOTES_VISIBLE_STATES:
        return None
    return review_notes(assessment=assessment)


@dataclass(frozen=True)
class ReviewPage:
    view: AssessmentView
    notes: ReviewNotes
    events: list[AssessmentEvent]


def review_page(*, assessment: Assessment) -> ReviewPage:
    events = list(AssessmentEvent.objects.filter(assessment=assessment).select_related("actor").order_by("created_at", "pk"))
    return ReviewPage(view=assessment_view(assessment=assessment), notes=review_notes(assessment=assessment), events=events)


def framework_criterion(*, assessment: Assessment, code: str) -> Criterion | None:
    if not re.fullmatch(CRITERION_CODE_PATTERN, code):
        return None  # not a code at all (PostgreSQL cannot even compare text holding NUL)
    return (
        Criterion.objects.filter(step__framework_id=assessment.round.framework_id, code=code)
        .select_related("step")
        .first()
    )


def assignable_reviewers() -> list[User]:
    roles = [CentralRole.REVIEWER, CentralRole.LEAD_REVIEWER, CentralRole.ADMIN]
    return list(User.objects.filter(is_active=True, central_role__in=roles).order_by("full_name", "email"))
