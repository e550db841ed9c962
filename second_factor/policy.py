"""Who must use a second factor: central staff, Django admin users, and officials who opted in."""
from django_otp import user_has_device

from assessments.access.roles import REVIEW_ROLES, has_role
from assessments.models import User


def second_factor_required(*, user: User) -> bool:
    """Reviewers, lead reviewers and admins must (as must anyone who can open the Django admin)."""
    return has_role(user=user, roles=REVIEW_ROLES) or bool(user.is_authenticated and user.is_staff)


def second_factor_in_use(*, user: User) -> bool:
    """Whether signing in asks this person for a code: required, or set up by choice."""
    return second_factor_required(user=user) or (user.is_authenticated and user_has_device(user, confirmed=True))
