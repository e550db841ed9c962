"""Who may see a prepared file: the person who asked for it (while they may still see
national scores) and admins. Anyone else gets 404, as if it did not exist."""
from django.http import Http404
from django.shortcuts import get_object_or_404

from assessments.access.dashboards import can_see_national_scores
from assessments.access.roles import ADMIN_ROLES, has_role
from assessments.models import User

from .models import PreparedExport


def can_fetch(*, user: User, export: PreparedExport) -> bool:
    if has_role(user=user, roles=ADMIN_ROLES):
        return True
    return export.requested_by_id == user.pk and can_see_national_scores(user=user)


def access_prepared_export(*, user: User, pk) -> PreparedExport:
    export = get_object_or_404(PreparedExport.objects.select_related("round"), pk=pk)
    if not can_fetch(user=user, export=export):
        raise Http404("No such file")
    return export
