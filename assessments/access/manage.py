"""Who may use the administration pages under /manage/: admins only.

Anonymous people are sent to sign in; every other role gets 403 with a reason. The
``access_*_to_manage`` fetch helpers check the role again and then get the object or 404, so views
under /manage/ never query models themselves and nothing about an object leaks to people
who may not manage it. A child object (a step, a period, an access grant) must belong to
the parent named in its address, or it is a 404 too.
"""
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from assessments.models import (
    Assessment,
    Authority,
    AuthorityAccess,
    AuthorityLink,
    Criterion,
    Framework,
    Invitation,
    Round,
    Step,
    TierPeriod,
    User,
)

from .roles import ADMIN_ROLES, require_role

MANAGE_ACTION = "manage the service"


def admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in, then the admin role, before the view runs (for every method)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        require_admin(user=request.user)
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def require_admin(*, user: User) -> None:
    require_role(user=user, roles=ADMIN_ROLES, action=MANAGE_ACTION)


def access_framework_to_manage(*, user: User, pk: int) -> Framework:
    """A framework version (with the version it was copied from)."""
    require_admin(user=user)
    return get_object_or_404(Framework.objects.select_related("copied_from"), pk=pk)


def access_step_to_manage(*, user: User, framework_pk: int, number: int) -> Step:
    """A framework's step by its number (with its framework)."""
    require_admin(user=user)
    return get_object_or_404(Step.objects.select_related("framework"), framework_id=framework_pk, number=number)


def access_criterion_to_manage(*, user: User, framework_pk: int, criterion_pk: int) -> Criterion:
    """A criterion of this framework (with its step and framework)."""
    require_admin(user=user)
    return get_object_or_404(
        Criterion.objects.select_related("step__framework"), pk=criterion_pk, step__framework_id=framework_pk
    )


def access_round_to_manage(*, user: User, pk: int) -> Round:
    """A round (with its framework)."""
    require_admin(user=user)
    return get_object_or_404(Round.objects.select_related("framework"), pk=pk)


def access_round_assessment_to_manage(*, user: User, round_pk: int, assessment_pk: int) -> Assessment:
    """An assessment of this round (with its round and authority), e.g. to give it an extension."""
    require_admin(user=user)
    return get_object_or_404(
        Assessment.objects.select_related("round", "authority"), pk=assessment_pk, round_id=round_pk
    )


def access_authority_to_manage(*, user: User, pk: int) -> Authority:
    require_admin(user=user)
    return get_object_or_404(Authority, pk=pk)


def access_tier_period_to_manage(*, user: User, authority_pk: int, period_pk: int) -> TierPeriod:
    """One of this authority's devolution tier periods (with the authority)."""
    require_admin(user=user)
    return get_object_or_404(TierPeriod.objects.select_related("authority"), pk=period_pk, authority_id=authority_pk)


def access_authority_link_to_manage(*, user: User, authority_pk: int, link_pk: int) -> AuthorityLink:
    """A link naming this authority as the successor (with both authorities)."""
    require_admin(user=user)
    return get_object_or_404(
        AuthorityLink.objects.select_related("predecessor", "successor"), pk=link_pk, successor_id=authority_pk
    )


def access_person_to_manage(*, user: User, pk: int) -> User:
    """Another user account, as the people pages and the second-factor reset show it."""
    require_admin(user=user)
    return get_object_or_404(User, pk=pk)


def access_grant_to_manage(*, user: User, person_pk: int, access_pk: int) -> AuthorityAccess:
    """One of this person's authority access grants (with the authority)."""
    require_admin(user=user)
    return get_object_or_404(AuthorityAccess.objects.select_related("authority"), pk=access_pk, user_id=person_pk)


def access_invitation_to_manage(*, user: User, pk: int) -> Invitation:
    require_admin(user=user)
    return get_object_or_404(Invitation, pk=pk)
