"""Who may see which official statistics page, through the service's access layer.

The statistics are open data, but the national page sets them beside every authority's
readiness index, which only central staff may see (officials get 403 there, as on the
other national pages). Officials see their own authority's statistics on its profile
(``access_authority_profile``); the public sees them for authorities with published results.
"""
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from assessments.access.dashboards import NATIONAL_SCORES_REFUSED, can_see_national_scores
from assessments.access.manage import require_admin
from assessments.models import User

from .models import ImportRun


def access_national_statistics(*, user: User) -> None:
    if not can_see_national_scores(user=user):
        raise PermissionDenied(NATIONAL_SCORES_REFUSED)


def access_import_run(*, user: User, pk: int) -> ImportRun:
    """An import of a newer statistics file, for the admin watching it (404 if there is none)."""
    require_admin(user=user)
    return get_object_or_404(ImportRun, pk=pk)
