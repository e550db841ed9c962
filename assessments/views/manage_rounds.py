"""Round administration: list, create, open, close, and one authority's deadline."""
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from assessments.access.manage import admin_required
from assessments.forms.manage_rounds import DeadlineForm, RoundForm
from assessments.models import Assessment, AuthorityKind, Round, RoundState
from assessments.selectors.manage_rounds import (
    round_assessments,
    round_list,
    round_state_counts,
)
from assessments.services.errors import ActionRefused
from assessments.services.manage_rounds import (
    assessment_set_deadline,
    is_late,
    round_close,
    round_create,
    round_open,
)

from .manage_home import page_of


@admin_required
@require_safe
def round_index(request: HttpRequest) -> HttpResponse:
    return render(request, "manage/rounds.html", {"page": page_of(request, round_list())})


@admin_required
def round_new(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None)
    extra_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            round_ = round_create(details=form.details(), user=request.user)
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
            extra_errors = refusal.details
        else:
            messages.success(request, f"{round_.name} created. Open it when authorities should start.")
            return redirect("manage-round", pk=round_.pk)
    context = {"form": form, "extra_errors": extra_errors}
    return render(request, "manage/round_new.html", context, status=400 if form.errors else 200)


@admin_required
@require_safe
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("framework"), pk=pk)
    page = page_of(request, round_assessments(round_=round_))
    for assessment in page:
        assessment.is_late = is_late(assessment)
    context = {
        "round": round_,
        "page": page,
        "counts": round_state_counts(round_=round_),
        "kinds": [AuthorityKind(kind).label for kind in round_.covers_kinds if kind in AuthorityKind.values],
    }
    return render(request, "manage/round.html", context)


@admin_required
@require_POST
def round_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    try:
        created = round_open(round_=round_, user=request.user)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"{round_.name} is open. {created} new assessments were created.")
    return redirect("manage-round", pk=round_.pk)


@admin_required
@require_POST
def round_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    try:
        round_close(round_=round_, user=request.user)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"{round_.name} is closed. Drafts not submitted are now late and read only.")
    return redirect("manage-round", pk=round_.pk)


@admin_required
def assessment_deadline(request: HttpRequest, pk: int, assessment_pk: int) -> HttpResponse:
    assessment = get_object_or_404(Assessment.objects.select_related("round", "authority"), pk=assessment_pk, round_id=pk)
    reopening = assessment.round.state == RoundState.CLOSED
    form = DeadlineForm(request.POST or None, reopening=reopening)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_set_deadline(
                assessment=assessment, deadline=form.cleaned_data["deadline"], reason=form.cleaned_data["reason"], user=request.user
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            verb = "reopened" if reopening else "given a new deadline"
            messages.success(request, f"{assessment.authority.short_name}'s assessment was {verb}.")
            return redirect("manage-round", pk=pk)
    context = {"assessment": assessment, "form": form, "reopening": reopening}
    return render(request, "manage/assessment_deadline.html", context, status=400 if form.errors else 200)
