"""Reads for the API: personal tokens, and the pages' selectors narrowed to what the owner may see."""
from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from assessments.access import authorities_visible_to
from assessments.access.dashboards import can_see_national_scores
from assessments.access.roles import ADMIN_ROLES, has_role
from assessments.models import Authority, Constituent, Framework, FrameworkStatus, Landscape, User
from assessments.selectors.dashboards import AuthorityRow

from .models import ApiToken
from .services import hash_secret


def tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")


def token_for_secret(secret: str) -> ApiToken | None:
    """The usable token with this secret (owner active, not revoked, not expired), or None."""
    return ApiToken.objects.usable().select_related("user").filter(token_hash=hash_secret(secret)).first()


def visible_rows(*, user: User, rows: list[AuthorityRow]) -> list[AuthorityRow]:
    """Roll-up rows of the authorities this person may see: every one for central staff, their own otherwise."""
    if can_see_national_scores(user=user):
        return rows
    allowed = set(authorities_visible_to(user=user).values_list("pk", flat=True))
    return [row for row in rows if row.authority_id in allowed]


def authorities_for_api(*, user: User) -> QuerySet[Authority]:
    """The authorities this person may see, each with its member councils (both landscapes) prefetched."""
    members = Constituent.objects.select_related("local_authority").order_by("landscape", "local_authority__name")
    return (
        authorities_visible_to(user=user)
        .prefetch_related(Prefetch("constituents", queryset=members), "tier_periods")
        .order_by("name", "pk")
    )


def current_regions(authority: Authority) -> list[str]:
    """Regions of the authority's current member councils (from the prefetched constituents)."""
    return sorted({
        c.local_authority.region for c in authority.constituents.all()
        if c.landscape == Landscape.CURRENT and c.local_authority.region
    })


def frameworks_for_api(*, user: User) -> QuerySet[Framework]:
    """Published framework versions; admins, who write them, also see drafts."""
    frameworks = Framework.objects.order_by("name", "-version")
    if has_role(user=user, roles=ADMIN_ROLES):
        return frameworks
    return frameworks.filter(status=FrameworkStatus.PUBLISHED)
