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


# Whether a signed-in official chose a second factor, worked out once per sign-in and kept
# in the session, so their pages cost no extra queries.
OPTED_IN_SESSION_KEY = "second_factor_opted_in"


def second_factor_needed(*, request) -> bool:
    """Whether this request's person must have given a code in this session."""
    user = request.user
    if second_factor_required(user=user):
        return True
    opted_in = request.session.get(OPTED_IN_SESSION_KEY)
    if opted_in is None:
        opted_in = request.session[OPTED_IN_SESSION_KEY] = user_has_device(user, confirmed=True)
    return opted_in


def remember_opted_in(*, request, opted_in: bool) -> None:
    request.session[OPTED_IN_SESSION_KEY] = opted_in


def remember_opted_in_at_sign_in(sender, request, user, **kwargs) -> None:
    """``user_logged_in`` receiver: work it out once per sign-in (central staff always need it)."""
    if request is not None and hasattr(request, "session") and not second_factor_required(user=user):
        request.session[OPTED_IN_SESSION_KEY] = user_has_device(user, confirmed=True)
