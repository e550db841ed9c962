"""The one definition of "late", used by every page and export that says an assessment is late.

An assessment is late when its authority still owes a submission (a draft, or returned for
changes) and its deadline has passed or its round has closed without an extension for it;
or when it was (last) submitted after its deadline. The deadline is the authority's own
extension where one was given, else the round's closing date, in the service's time zone.
"""
from __future__ import annotations

import datetime

from django.utils import timezone

from assessments.models.rounds import EDITABLE_STATES, Assessment, RoundState

LATE_RULE = (
    "Late: not submitted (or returned and not resubmitted) when the deadline passed or the round closed "
    "without an extension, or submitted after the deadline (the authority's extension where it has one)."
)


def is_late(
    *,
    state: str,
    submitted_at: datetime.datetime | None,
    deadline: datetime.date,
    round_closed: bool,
    has_extension: bool,
    today: datetime.date | None = None,
) -> bool:
    today = today or timezone.localdate()
    if state in EDITABLE_STATES:
        return today > deadline or (round_closed and not has_extension)
    return submitted_at is not None and timezone.localtime(submitted_at).date() > deadline


def assessment_is_late(assessment: Assessment, *, today: datetime.date | None = None) -> bool:
    """``is_late`` for a model instance (reads ``assessment.round``)."""
    return is_late(
        state=assessment.state,
        submitted_at=assessment.submitted_at,
        deadline=assessment.deadline,
        round_closed=assessment.round.state == RoundState.CLOSED,
        has_extension=assessment.deadline_override is not None,
        today=today,
    )
