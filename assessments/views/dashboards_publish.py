"""Admins publish a round's approved results on the public page, or take them down.

GET shows what would happen (a preview of the public page, how many assessments are and
are not approved, a warning while the round is open); POST does it only with the box
ticked and the preview's fingerprint unchanged.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from assessments.access.dashboards import access_round_for_publishing
from assessments.forms.publishing import PublishConfirmForm
from assessments.services.publishing import publish_preview, round_publish, round_unpublish
from assessments.views.refusals import refusal_text, run_service

from .dashboards_public import public_round_context


def _confirm(request: HttpRequest, pk: int, *, unpublishing: bool) -> HttpResponse:
    round_ = access_round_for_publishing(user=request.user, pk=pk)
    action, done = (
        (round_unpublish, "The {name} round's results are no longer published.") if unpublishing
        else (round_publish, "The {name} round's approved results are now published.")
    )
    form = PublishConfirmForm(request.POST if request.method == "POST" else None, unpublishing=unpublishing)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        outcome = run_service(None, action, round=round_, user=request.user, confirmed_plan=form.cleaned_data["plan"])
        if outcome.ok:
            messages.success(request, done.format(name=round_.name))
            return redirect("dashboard-round", pk=round_.pk)
        refusal = refusal_text(outcome.refusal)
    round_.refresh_from_db()
    # The page always carries the fingerprint of what it shows now (see services.confirmation).
    context = {
        **public_round_context(request, round_),
        "preview": publish_preview(round_=round_), "form": form, "unpublishing": unpublishing, "refusal": refusal,
    }
    status = 400 if form.errors or refusal else 200
    return render(request, "dashboards/publish_confirm.html", context, status=status)


@login_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(request, pk, unpublishing=False)


@login_required
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(request, pk, unpublishing=True)


@login_required
@require_safe
def publish_preview_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page as it would look if the round were published now (admins only)."""
    round_ = access_round_for_publishing(user=request.user, pk=pk)
    return render(request, "dashboards/public_round.html", {**public_round_context(request, round_), "preview": True})
