"""Who may see which dashboard, export or published page.

Central staff (any central role) see every authority's scores. Local officials see their
own authorities' profiles and national medians only: another authority's profile is a 404,
and pages that list other authorities' scores are a 403, unless the round is published,
in which case the public page (open to everyone) shows its approved results.
"""
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from assessments.models import Authority, Round, User
from assessments.selectors.dashboards import Guard

from .authorities import can_view_authority
from .roles import ADMIN_ROLES, REVIEW_ROLES, has_role, require_role

NATIONAL_SCORES_REFUSED = (
    "Only central staff can see other authorities' scores. "
    "Results an admin has published are on the published results page."
)


def can_see_national_scores(*, user: User) -> bool:
    return has_role(user=user, roles=REVIEW_ROLES)


def official_guard(*, user: User, round_: Round, authorities) -> Guard:
    """How an official reads a round's spreads (the small-group privacy rule): their own authorities' data is theirs.

    ``authorities`` are those visible to ``user`` (``authorities_visible_to``); central staff read without a guard.
    """
    return Guard(own_authority_ids=frozenset(a.pk for a in authorities), published=round_.published_at is not None)


def access_round(*, user: User, pk: int) -> Round:
    """Any signed-in user may see a round's national medians; the round must exist."""
    return get_object_or_404(Round.objects.select_related("framework"), pk=pk)


def access_round_scores(*, user: User, pk: int) -> Round:
    """A round whose per-authority scores this user may see: central staff only (403 otherwise)."""
    if not can_see_national_scores(user=user):
        raise PermissionDenied(NATIONAL_SCORES_REFUSED)
    return access_round(user=user, pk=pk)


def access_authority_profile(*, user: User, pk: int) -> Authority:
    """The authority if the user may see its profile: central staff, or its own officials (404 otherwise)."""
    authority = get_object_or_404(Authority, pk=pk)
    if not can_view_authority(user=user, authority_id=authority.pk):
        raise Http404("No such authority")
    return authority


def access_round_for_publishing(*, user: User, pk: int) -> Round:
    require_role(user=user, roles=ADMIN_ROLES, action="publish or unpublish a round's results")
    return get_object_or_404(Round, pk=pk)


def published_round(*, pk: int) -> Round:
    """A published round for the public page; unpublished rounds do not exist there (404)."""
    return get_object_or_404(Round.objects.select_related("framework"), pk=pk, published_at__isnull=False)
