"""Checks on central roles, for pages that are not about one authority."""
from django.core.exceptions import PermissionDenied

from assessments.models import CentralRole, User

REVIEW_ROLES = frozenset({CentralRole.REVIEWER, CentralRole.LEAD_REVIEWER, CentralRole.ADMIN})
LEAD_ROLES = frozenset({CentralRole.LEAD_REVIEWER, CentralRole.ADMIN})
ADMIN_ROLES = frozenset({CentralRole.ADMIN})


def has_role(*, user: User, roles: frozenset) -> bool:
    return bool(user.is_authenticated and user.is_active and user.central_role in roles)


def require_role(*, user: User, roles: frozenset, action: str = "do this") -> None:
    """PermissionDenied unless the user holds one of the roles. Authorities are not involved here."""
    if not has_role(user=user, roles=roles):
        raise PermissionDenied(f"Only central staff with the right role can {action}.")
