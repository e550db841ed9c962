"""A reviewer's decisions on one assessment: start reviewing, return for changes, approve, comment."""
from django.db import transaction

from assessments.access.review import is_reviewer
from assessments.models import (
    Assessment,
    AssessmentEvent,
    AssessmentState,
    Criterion,
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


def start_review_if_submitted(*, locked: Assessment, user: User) -> AssessmentEvent | None:
    """Submitted -> in review, the first time a reviewer acts on it."""
    if locked.state == AssessmentState.SUBMITTED:
        return assessment_move(locked=locked, user=user, to_state=AssessmentState.IN_REVIEW)
    return None


@transaction.atomic
def assessment_start_review(*, assessment: Assessment, user: User) -> Assessment:
    locked = assessment_lock(pk=assessment.pk)
    assessment_move(locked=locked, user=user, to_state=AssessmentState.IN_REVIEW)
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


@transaction.atomic
def assessment_approve(*, assessment: Assessment, user: User, message: str = "") -> Assessment:
    """Lock the assessment for good; its effective scores now use the moderated values."""
    locked = assessment_lock(pk=assessment.pk)
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

