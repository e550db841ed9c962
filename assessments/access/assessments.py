from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format

from assessments.models import Assessment, AssessmentState, ReviewComment, User
from assessments.models.rounds import EDITABLE_STATES, RoundState

from .authorities import can_view_authority, is_editor_of


def assessments_visible_to(*, user: User) -> QuerySet[Assessment]:
    queryset = Assessment.objects.select_related("round", "authority")
    if user.is_central:
        return queryset
    return queryset.filter(authority__people__user=user)


def access_assessment(*, user: User, pk: int) -> Assessment:
    """The assessment if the user may read it; 404 otherwise (never a hint that it exists)."""
    try:
        assessment = Assessment.objects.select_related("round__framework", "authority").get(pk=pk)
    except Assessment.DoesNotExist:
        raise Http404("No such assessment") from None
    if not can_view_authority(user=user, authority_id=assessment.authority_id):
        raise Http404("No such assessment")
    return assessment


def edit_refusal_reason(*, user: User, assessment: Assessment) -> str | None:
    """Why this user cannot change this assessment's answers now, or None if they can."""
    if not is_editor_of(user=user, authority_id=assessment.authority_id):
        return "You can read this assessment but only your authority's editors can change it."
    round_ = assessment.round
    today = timezone.localdate()
    if round_.state == RoundState.DRAFT:
        return f"The {round_.name} round is not open, so answers cannot be changed."
    if today < round_.opens_on:
        return f"The {round_.name} round is scheduled to open on {date_format(round_.opens_on)}. You can change answers from then."
    deadline = assessment.deadline
    if today > deadline:
        return f"The deadline was {date_format(deadline)}, so answers cannot be changed."
    if round_.state == RoundState.CLOSED and assessment.deadline_override is None:
        return f"The {round_.name} round is closed, so answers cannot be changed."
    if assessment.state not in EDITABLE_STATES:
        return f"This assessment is {assessment.get_state_display().lower()}, so answers cannot be changed."
    return None


def can_edit_assessment(*, user: User, assessment: Assessment) -> bool:
    return edit_refusal_reason(user=user, assessment=assessment) is None


def access_assessment_for_edit(*, user: User, pk: int) -> Assessment:
    """The assessment if the user may change its answers now; 404 or 403 with the reason otherwise."""
    assessment = access_assessment(user=user, pk=pk)
    reason = edit_refusal_reason(user=user, assessment=assessment)
    if reason:
        raise PermissionDenied(reason)
    return assessment


def access_comment_for_reply(*, user: User, pk: int, comment_pk: int) -> ReviewComment:
    """A reviewer's note the authority's editor may reply to: the assessment is back with them.

    404 for anyone who cannot see the assessment, and for notes of other assessments; 403
    with the reason when the user may read but not change the assessment now.
    """
    assessment = access_assessment_for_edit(user=user, pk=pk)
    if assessment.state != AssessmentState.RETURNED:
        raise PermissionDenied("You can reply to reviewers' notes while the assessment is returned to you.")
    try:
        return ReviewComment.objects.select_related("author", "criterion").get(pk=comment_pk, assessment=assessment)
    except ReviewComment.DoesNotExist:
        raise Http404("No such note") from None
