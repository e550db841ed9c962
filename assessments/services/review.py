"""A reviewer's decisions on one assessment: start reviewing, return for changes, approve, comment."""
from django.db import transaction

from assessments.access.review import is_reviewer
from assessments.models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentState,
    Criterion,
    InternalNote,
    Moderation,
    ReviewComment,
    User,
)
from assessments.transitions import REVIEWABLE_STATES

from .errors import ActionRefused
from .notifications import notify_approved, notify_returned
from .state import assessment_lock, assessment_move

COMMENT_MAX_LENGTH = 2000
MESSAGE_MAX_LENGTH = 5000


def require_reviewable(*, locked: Assessment, user: User, action: str) -> None:
    """Reviewers act only on submitted or in-review assessments; refuse with the reason otherwise."""
    if not is_reviewer(user):
        raise ActionRefused(f"Only central reviewers can {action}.")
    if locked.state not in REVIEWABLE_STATES:
        state = locked.get_state_display().lower()
        raise ActionRefused(f"You cannot {action} because this assessment is {state}.")


def _claim_if_unassigned(locked: Assessment, user: User) -> dict:
    """Whoever starts reviewing an unassigned submission becomes its reviewer."""
    return {"assigned_reviewer": user} if locked.assigned_reviewer_id is None else {}


def start_review_if_submitted(*, locked: Assessment, user: User) -> AssessmentEvent | None:
    """Submitted -> in review, the first time a reviewer acts on it."""
    if locked.state == AssessmentState.SUBMITTED:
        return assessment_move(
            locked=locked, user=user, to_state=AssessmentState.IN_REVIEW, **_claim_if_unassigned(locked, user)
        )
    return None


@transaction.atomic
def assessment_start_review(*, assessment: Assessment, user: User) -> Assessment:
    locked = assessment_lock(pk=assessment.pk)
    assessment_move(locked=locked, user=user, to_state=AssessmentState.IN_REVIEW, **_claim_if_unassigned(locked, user))
    return locked


@transaction.atomic
def assessment_return(*, assessment: Assessment, user: User, message: str) -> Assessment:
    """Reopen the assessment for the authority's editors, with the reviewer's message."""
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ActionRefused(f"The message must be {MESSAGE_MAX_LENGTH:,} characters or fewer.")
    locked = assessment_lock(pk=assessment.pk)
    assessment_move(locked=locked, user=user, to_state=AssessmentState.RETURNED, message=message)
    notify_returned(assessment=locked, by=user, message=message.strip())
    return locked


def stale_moderations(*, assessment: Assessment) -> list[Moderation]:
    """Moderations made before the authority last changed that answer (``selectors.review`` shows the same)."""
    changed_at = {
        a.criterion_id: a.answered_at for a in Answer.objects.filter(assessment=assessment, answered_at__isnull=False)
    }
    return [
        m
        for m in Moderation.objects.filter(assessment=assessment).select_related("criterion").order_by(
            "criterion__step__number", "criterion__position"
        )
        if m.criterion_id in changed_at and changed_at[m.criterion_id] > m.moderated_at
    ]


@transaction.atomic
def assessment_approve(*, assessment: Assessment, user: User, message: str = "") -> Assessment:
    """Lock the assessment for good; its effective scores now use the moderated values."""
    locked = assessment_lock(pk=assessment.pk)
    stale = stale_moderations(assessment=locked)
    if stale:
        raise ActionRefused(
            "You cannot approve while a moderated score predates the authority's latest answer. "
            "Confirm or remove each one first.",
            details=[f"{m.criterion.code}: the authority changed its answer after this moderation" for m in stale],
        )
    assessment_move(locked=locked, user=user, to_state=AssessmentState.APPROVED, message=message)
    notify_approved(assessment=locked, by=user)
    return locked


@transaction.atomic
def review_comment_add(*, assessment: Assessment, user: User, body: str, criterion: Criterion | None = None) -> ReviewComment:
    """A note for the authority (on one criterion, or on the whole assessment)."""
    body = body.strip()
    if not body:
        raise ActionRefused("Enter a comment.")
    if len(body) > COMMENT_MAX_LENGTH:
        raise ActionRefused(f"The comment must be {COMMENT_MAX_LENGTH:,} characters or fewer.")
    locked = assessment_lock(pk=assessment.pk)
    require_reviewable(locked=locked, user=user, action="comment on this assessment")
    if criterion is not None and criterion.step.framework_id != locked.round.framework_id:
        raise ActionRefused("That criterion is not part of this assessment's framework.")
    start_review_if_submitted(locked=locked, user=user)
    return ReviewComment.objects.create(assessment=locked, criterion=criterion, author=user, body=body)



@transaction.atomic
def internal_note_add(*, assessment: Assessment, user: User, body: str, criterion: Criterion | None = None) -> InternalNote:
    """A note for central staff only (on one criterion, or on the whole assessment), at any state."""
    body = body.strip()
    if not body:
        raise ActionRefused("Enter a note.")
    if len(body) > COMMENT_MAX_LENGTH:
        raise ActionRefused(f"The note must be {COMMENT_MAX_LENGTH:,} characters or fewer.")
    if not is_reviewer(user):
        raise ActionRefused("Only central reviewers can add internal notes.")
    locked = assessment_lock(pk=assessment.pk)
    if criterion is not None and criterion.step.framework_id != locked.round.framework_id:
        raise ActionRefused("That criterion is not part of this assessment's framework.")
    return InternalNote.objects.create(assessment=locked, criterion=criterion, author=user, body=body)
