"""Moving an assessment between states: the one path every transition takes.

The caller holds the assessment row locked (``select_for_update``) inside its transaction
and has re-read the state under that lock. ``assessment_move`` then checks the move
against the table in ``assessments.transitions``, writes the new state with a guarded
UPDATE (``WHERE state = <the state we checked>``, so even without row locks only one of
two racing writers can change the row) and records an ``AssessmentEvent``.
"""
from django.db import transaction
from django.utils import timezone

from assessments.access.review import roles_on
from assessments.dates import govuk_datetime
from assessments.models import Assessment, AssessmentEvent, User
from assessments.transitions import TRANSITIONS, transition_refusal

from .errors import ActionRefused
from .scores import assessment_score_refresh


def assessment_lock(*, pk: int) -> Assessment:
    """The assessment row, locked until the transaction ends (a no-op lock on SQLite)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("assessment_lock must be called inside a transaction")
    return Assessment.objects.select_for_update().select_related("round__framework", "authority").get(pk=pk)


def already_done_message(*, assessment: Assessment, to_state: str) -> str | None:
    """'This assessment was already approved by X on ...' when a racing colleague got there first."""
    if assessment.state != to_state:
        return None
    event = (
        AssessmentEvent.objects.filter(assessment=assessment, to_state=to_state)
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )
    past = next((rule.past for (_, to), rule in TRANSITIONS.items() if to == to_state), to_state)
    if event is None:
        return f"This assessment was already {past}."
    when = govuk_datetime(event.created_at)
    return f"This assessment was already {past} by {event.actor} on {when}."


def assessment_move(*, locked: Assessment, user: User, to_state: str, message: str = "", **fields) -> AssessmentEvent:
    """Check the move against the table, change the state, and record the event. Refuses with a reason."""
    from_state = locked.state
    refusal = transition_refusal(
        from_state=from_state, to_state=to_state, roles=roles_on(user=user, assessment=locked), message=message
    )
    if refusal:
        raise ActionRefused(already_done_message(assessment=locked, to_state=to_state) or refusal)
    now = timezone.now()
    changed = Assessment.objects.filter(pk=locked.pk, state=from_state).update(state=to_state, updated_at=now, **fields)
    if changed != 1:  # someone else moved it between our read and our write
        raise ActionRefused("Someone else changed this assessment at the same time. Reload the page and try again.")
    locked.state = to_state
    for name, value in fields.items():
        setattr(locked, name, value)
    _record_history(locked, user)
    # Scores do not depend on the state, but every transition re-stores them so a row
    # that drifted (a change made outside the services) is put right at the next step.
    assessment_score_refresh(assessment=locked)
    return AssessmentEvent.objects.create(
        assessment=locked, actor=user, from_state=from_state, to_state=to_state, message=message.strip()
    )


def _record_history(assessment: Assessment, user: User) -> None:
    # The guarded UPDATE bypasses save(), so write the simple-history row ourselves.
    fresh = Assessment.objects.get(pk=assessment.pk)
    Assessment.history.model.objects.create(
        **{field.attname: getattr(fresh, field.attname) for field in Assessment.history.model.tracked_fields},
        history_date=timezone.now(),
        history_type="~",
        history_user=user,
    )

