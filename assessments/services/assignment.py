"""Lead reviewers give assessments to reviewers (one or many at once)."""
from collections.abc import Sequence

from django.db import transaction

from assessments.access.review import is_reviewer
from assessments.access.roles import has_role
from assessments.models import Assessment, User
from assessments.roles import LEAD_ROLES

from .errors import ActionRefused
from .notifications import notify_assigned


@transaction.atomic
def assessments_assign(*, assessment_ids: Sequence[int], reviewer: User | None, user: User) -> list[Assessment]:
    """Assign (or, with no reviewer, unassign) the assessments. Returns those that changed.

    The assignee gets one email listing what is newly theirs. Each change is saved through
    the model so its history (and so the activity trail) records who assigned whom.
    """
    if not has_role(user=user, roles=LEAD_ROLES):
        raise ActionRefused("Only lead reviewers and admins can assign assessments.")
    if not assessment_ids:
        raise ActionRefused("Select at least one assessment to assign.")
    if reviewer is not None and not (is_reviewer(reviewer)):
        raise ActionRefused(f"{reviewer} is not an active reviewer, so cannot be assigned assessments.")
    locked = list(
        Assessment.objects.select_for_update()
        .filter(pk__in=set(assessment_ids))
        .select_related("round", "authority")
        .order_by("authority__name")
    )
    if len(locked) != len(set(assessment_ids)):
        raise ActionRefused("Some of the selected assessments no longer exist. Reload the page and try again.")
    reviewer_id = reviewer.pk if reviewer else None
    changed = [assessment for assessment in locked if assessment.assigned_reviewer_id != reviewer_id]
    for assessment in changed:
        assessment.assigned_reviewer = reviewer
        assessment._history_user = user
        assessment.save(update_fields=["assigned_reviewer", "updated_at"])
    if reviewer is not None and changed:
        notify_assigned(assessments=changed, reviewer=reviewer, by=user)
    return changed


@transaction.atomic
def assessment_assign_self(*, assessment: Assessment, user: User) -> Assessment:
    """A reviewer takes an unassigned assessment; taking one from a colleague is a lead reviewer's call."""
    if not is_reviewer(user):
        raise ActionRefused("Only central reviewers can assign themselves to assessments.")
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.assigned_reviewer_id == user.pk:
        raise ActionRefused("This assessment is already assigned to you.")
    if locked.assigned_reviewer_id is not None:
        raise ActionRefused(
            f"This assessment is assigned to {locked.assigned_reviewer}. A lead reviewer can reassign it."
        )
    locked.assigned_reviewer = user
    locked._history_user = user
    locked.save(update_fields=["assigned_reviewer", "updated_at"])
    return locked
