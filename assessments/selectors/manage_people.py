"""Reads for the people administration pages."""
from django.db.models import Prefetch, Q, QuerySet

from assessments.models import AuthorityAccess, Invitation, User


def people_list(*, query: str = "", role: str = "", active: str = "") -> QuerySet[User]:
    """People matching the filters, with their authority access prefetched (two queries a page)."""
    people = User.objects.order_by("email").prefetch_related(
        Prefetch("authority_access", queryset=AuthorityAccess.objects.select_related("authority"))
    )
    if query:
        people = people.filter(Q(email__icontains=query) | Q(full_name__icontains=query))
    if role == "local":
        people = people.filter(central_role="")
    elif role:
        people = people.filter(central_role=role)
    if active in ("yes", "no"):
        people = people.filter(is_active=active == "yes")
    return people


def pending_invitations() -> QuerySet[Invitation]:
    """Invitations not yet accepted or revoked (expired ones included, so they can be resent)."""
    return (
        Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("authority", "invited_by")
        .order_by("-created_at")
    )




def person_access(*, user: User) -> QuerySet[AuthorityAccess]:
    """The authorities a person can read or edit, by name (for their admin page)."""
    return AuthorityAccess.objects.filter(user=user).select_related("authority").order_by("authority__name")
