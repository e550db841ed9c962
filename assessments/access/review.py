"""Who may review, decide on, assign and trace assessments.

Reviewing pages are for central reviewers, lead reviewers and admins. An official of
another authority gets 404 (as everywhere); the authority's own officials may read the
activity trail but get 403 on the reviewing pages.
"""
from django.core.exceptions import PermissionDenied

from assessments.models import Assessment, User
from assessments.transitions import EDITOR

from .assessments import access_assessment
from .authorities import is_editor_of
from .roles import LEAD_ROLES, REVIEW_ROLES, has_role, require_role


def roles_on(*, user: User, assessment: Assessment) -> set[str]:
    """The roles the transition table knows that this user holds for this assessment."""
    roles = set()
    if user.is_authenticated and user.is_active:
        if user.central_role:
            roles.add(str(user.central_role))
        if is_editor_of(user=user, authority_id=assessment.authority_id):
            roles.add(EDITOR)
    return roles


def is_reviewer(user: User) -> bool:
    return has_role(user=user, roles=REVIEW_ROLES)


def require_reviewer(*, user: User) -> None:
    require_role(user=user, roles=REVIEW_ROLES, action="review assessments")


def require_lead(*, user: User) -> None:
    require_role(user=user, roles=LEAD_ROLES, action="assign assessments to reviewers")


def access_assessment_for_review(*, user: User, pk: int) -> Assessment:
    """The assessment for a reviewer; 404 for other authorities' officials, 403 for the authority's own."""
    assessment = access_assessment(user=user, pk=pk)
    if not is_reviewer(user):
        raise PermissionDenied("Only central reviewers can review assessments. You can see your answers and the activity.")
    return assessment


def access_assessment_activity(*, user: User, pk: int) -> Assessment:
    """Reviewers and the authority's own officials may read the trail; anyone else gets 404."""
    return access_assessment(user=user, pk=pk)
