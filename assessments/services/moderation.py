"""Moderated scores: a reviewer's own level (or N/A) for a criterion, never touching the answer.

Moderating is allowed while the assessment is submitted or in review, and the first
moderation of a submitted assessment takes it into review. Removing a moderation needs
a reason too; both are kept in the moderation's history for the activity trail.
"""
from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment, Criterion, Moderation, User
from assessments.models.rounds import MAX_SCORE, MIN_SCORE

from .errors import ActionRefused
from .review import require_reviewable, start_review_if_submitted
from .scores import assessment_score_refresh
from .state import assessment_lock

REASON_MAX_LENGTH = 2000
# A removal's reason is kept as the history row's change reason, a 100-character column.
REMOVAL_REASON_MAX_LENGTH = 100


def _check_reason(reason: str, *, limit: int = REASON_MAX_LENGTH, what: str = "the moderated score") -> str:
    reason = reason.strip()
    if not reason:
        raise ActionRefused(f"Enter the reason for {what}.")
    if len(reason) > limit:
        raise ActionRefused(f"The reason must be {limit:,} characters or fewer.")
    return reason


def _lock_for_moderation(*, assessment: Assessment, criterion: Criterion, user: User, action: str) -> Assessment:
    locked = assessment_lock(pk=assessment.pk)
    require_reviewable(locked=locked, user=user, action=action)
    if criterion.step.framework_id != locked.round.framework_id:
        raise ActionRefused("That criterion is not part of this assessment's framework.")
    return locked


@transaction.atomic
def moderation_set(
    *,
    assessment: Assessment,
    criterion: Criterion,
    user: User,
    reason: str,
    score: int | None = None,
    not_applicable: bool = False,
) -> Moderation:
    """Set (or change) the reviewer's score for one criterion: a level 0-4, or N/A where allowed."""
    reason = _check_reason(reason)
    if not_applicable and score is not None:
        raise ActionRefused(f"Choose a level or not applicable for {criterion.code}, not both.")
    if not not_applicable and (score is None or not MIN_SCORE <= score <= MAX_SCORE):
        raise ActionRefused(f"Choose a level from {MIN_SCORE} to {MAX_SCORE} for {criterion.code}.")
    if not_applicable and not criterion.allows_not_applicable:
        raise ActionRefused(f"Not applicable is not allowed for {criterion.code}.")
    locked = _lock_for_moderation(assessment=assessment, criterion=criterion, user=user, action="moderate scores")
    start_review_if_submitted(locked=locked, user=user)
    moderation = Moderation.objects.filter(assessment=locked, criterion=criterion).first() or Moderation(
        assessment=locked, criterion=criterion
    )
    moderation.score = score
    moderation.not_applicable = not_applicable
    moderation.reason = reason
    moderation.moderated_by = user
    moderation.moderated_at = timezone.now()
    moderation._history_user = user
    moderation.save()
    assessment_score_refresh(assessment=locked)
    return moderation


@transaction.atomic
def moderation_remove(*, assessment: Assessment, criterion: Criterion, user: User, reason: str) -> None:
    """Go back to the authority's own score for this criterion; the reason stays in the history."""
    reason = _check_reason(reason, limit=REMOVAL_REASON_MAX_LENGTH, what="removing the moderated score")
    locked = _lock_for_moderation(assessment=assessment, criterion=criterion, user=user, action="remove moderated scores")
    moderation = Moderation.objects.filter(assessment=locked, criterion=criterion).first()
    if moderation is None:
        raise ActionRefused(f"{criterion.code} has no moderated score to remove.")
    moderation._history_user = user
    moderation._change_reason = reason
    moderation.delete()
    assessment_score_refresh(assessment=locked)


@transaction.atomic
def moderation_confirm(*, assessment: Assessment, criterion: Criterion, user: User) -> Moderation:
    """Keep a moderated score after the authority changed its answer: it now postdates the answer."""
    locked = _lock_for_moderation(assessment=assessment, criterion=criterion, user=user, action="confirm moderated scores")
    moderation = Moderation.objects.filter(assessment=locked, criterion=criterion).first()
    if moderation is None:
        raise ActionRefused(f"{criterion.code} has no moderated score to confirm.")
    moderation.moderated_by = user
    moderation.moderated_at = timezone.now()
    moderation._history_user = user
    moderation._change_reason = "Confirmed after the authority changed its answer"
    moderation.save()
    return moderation
