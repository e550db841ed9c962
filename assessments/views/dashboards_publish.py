"""Admins publish a round's approved results on the public page, or take them down."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from assessments.access.dashboards import access_round_for_publishing
from assessments.services.errors import ActionRefused
from assessments.services.publishing import round_publish, round_unpublish


def _act(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    round_ = access_round_for_publishing(user=request.user, pk=pk)
    try:
        action(round=round_, user=request.user)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done.format(name=round_.name))
    return redirect("dashboard-round", pk=round_.pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, round_publish, "The {name} round's approved results are now published.")


@login_required
@require_POST
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, round_unpublish, "The {name} round's results are no longer published.")
