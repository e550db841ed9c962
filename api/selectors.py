"""Reads for the API: personal tokens, and the pages' selectors narrowed to what the owner may see."""
from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet

from assessments import scoring
from assessments.access import authorities_visible_to
from assessments.access.dashboards import can_see_national_scores
from assessments.access.roles import ADMIN_ROLES, has_role
from assessments.exports.rounds import public_rollup
from assessments.models import (
    Authority,
    Constituent,
    Criterion,
    Framework,
    FrameworkStatus,
    Landscape,
    Round,
    Step,
    User,
)
from assessments.selectors.dashboards import RollupRow, index_spread, step_spreads

from .models import ApiToken
from .services import hash_secret, last_used_key


def tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")


def tokens_with_last_use(*, user: User) -> list[ApiToken]:
    """``tokens_of``, each with ``last_used_at``: when it was last used, from the shared cache
    (``api.services.token_mark_used``), or None if never (one cache read for them all)."""
    tokens = list(tokens_of(user=user))
    seen = cache.get_many([last_used_key(token.pk) for token in tokens])
    for token in tokens:
        token.last_used_at = seen.get(last_used_key(token.pk))
    return tokens


def token_for_secret(secret: str) -> ApiToken | None:
    """The usable token with this secret (owner active, not revoked, not expired), or None."""
    return ApiToken.objects.usable().select_related("user").filter(token_hash=hash_secret(secret)).first()


def visible_rows(*, user: User, rows: list[RollupRow]) -> list[RollupRow]:
    """Roll-up rows of the authorities this person may see: every one for central staff, their own otherwise."""
    if can_see_national_scores(user=user):
        return rows
    allowed = set(authorities_visible_to(user=user).values_list("pk", flat=True))
    return [row for row in rows if row.authority_id in allowed]


def with_member_councils(authorities: QuerySet[Authority]) -> QuerySet[Authority]:
    """``authorities``, each with its member councils (both landscapes) prefetched, for ``current_regions``."""
    members = Constituent.objects.select_related("local_authority").order_by("landscape", "local_authority__name")
    return authorities.prefetch_related(Prefetch("constituents", queryset=members))


def authorities_for_api(*, user: User) -> QuerySet[Authority]:
    """The authorities this person may see, each with its member councils (both landscapes) and tiers prefetched."""
    return with_member_councils(authorities_visible_to(user=user)).prefetch_related("tier_periods").order_by("name", "pk")


def current_regions(authority: Authority) -> list[str]:
    """Regions of the authority's current member councils (from the prefetched constituents)."""
    return sorted({
        c.local_authority.region for c in authority.constituents.all()
        if c.landscape == Landscape.CURRENT and c.local_authority.region
    })


def frameworks_for_api(*, user: User, with_steps: bool = False) -> QuerySet[Framework]:
    """Published framework versions; admins, who write them, also see drafts.

    ``with_steps``: each with its steps and their criteria prefetched, in order (two more queries).
    """
    frameworks = Framework.objects.order_by("name", "-version")
    if with_steps:
        criteria = Criterion.objects.order_by("position")
        steps = Step.objects.order_by("number").prefetch_related(Prefetch("criteria", queryset=criteria))
        frameworks = frameworks.prefetch_related(Prefetch("steps", queryset=steps))
    if has_role(user=user, roles=ADMIN_ROLES):
        return frameworks
    return frameworks.filter(status=FrameworkStatus.PUBLISHED)


@dataclass(frozen=True)
class PublishedFigures:
    """A published round's national figures, from its approved assessments only (as the public pages)."""

    round: Round
    approved: int
    readiness_index: scoring.Spread
    steps: list[tuple[Step, scoring.Spread]]


def published_figures(*, round_: Round) -> PublishedFigures:
    # The public page's own roll-up: nothing but approved assessments is even read.
    rollup = public_rollup(round_=round_)
    spreads = step_spreads(rows=rollup.rows, steps=rollup.steps)
    return PublishedFigures(
        round=round_, approved=len(rollup.rows), readiness_index=index_spread(rows=rollup.rows),
        steps=[(step, spreads[step.number]) for step in rollup.steps],
    )
