"""Checks on central roles, for pages that are not about one authority."""
from django.core.exceptions import PermissionDenied

from assessments.models import User
from assessments.roles import ADMIN_ROLES, LEAD_ROLES, REVIEW_ROLES

__all__ = ["ADMIN_ROLES", "LEAD_ROLES", "REVIEW_ROLES", "has_role", "require_role"]  # the sets live in assessments.roles


def has_role(*, user: User, roles: frozenset) -> bool:
    return bool(user.is_authenticated and user.is_active and user.central_role in roles)


def require_role(*, user: User, roles: frozenset, action: str = "do this") -> None:
    """PermissionDenied unless the user holds one of the roles. Authorities are not involved here."""
    if not has_role(user=user, roles=roles):
        raise PermissionDenied(f"Only central staff with the right role can {action}.")
