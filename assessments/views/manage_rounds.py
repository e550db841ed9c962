"""Round administration: list, create (optionally from the previous round's settings), open,
widen an open round's coverage or add one authority (each previewed, then confirmed),
close, and one authority's deadline."""
from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from assessments.access.manage import access_round_assessment_to_manage, access_round_to_manage, admin_required
from assessments.forms.manage_rounds import (
    AddAuthorityForm,
    CoverageForm,
    DeadlineForm,
    RoundForm,
)
from assessments.models import AuthorityKind, Round, RoundState
from assessments.selectors.landscapes import landscape_date, missing_assessments
from assessments.selectors.manage_rounds import (
    round_assessment_rows,
    round_assessments,
    round_list,
    round_state_counts,
)
from assessments.selectors.rounds import latest_round
from assessments.services.manage_rounds import (
    add_authority_plan,
    addable_authorities,
    assessment_set_deadline,
    close_plan,
    coverage_plan,
    round_add_authority,
    round_close,
    round_create,
    round_extend_coverage,
    round_open,
)

from .listing import page_of
from .refusals import run_service


@admin_required
@require_safe
def round_index(request: HttpRequest) -> HttpResponse:
    return render(request, "manage/rounds.html", {"page": page_of(request, round_list())})


def _a_year_later(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _settings_of(previous: Round | None) -> dict:
    """The previous round's framework, landscape and coverage, with its dates a year on."""
    if previous is None:
        return {}
    return {
        "framework": previous.framework_id, "landscape": previous.landscape, "covers_kinds": previous.covers_kinds,
        "opens_on": _a_year_later(previous.opens_on), "closes_on": _a_year_later(previous.closes_on),
    }


@admin_required
def round_new(request: HttpRequest) -> HttpResponse:
    previous = latest_round()
    copying = request.method == "GET" and previous is not None and request.GET.get("copy") == str(previous.pk)
    form = RoundForm(request.POST or None, initial=_settings_of(previous) if copying else None)
    extra_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        outcome = run_service(form, round_create, details=form.details(), user=request.user)
        if outcome.ok:
            round_ = outcome.result
            messages.success(request, f"{round_.name} created. Open it when authorities should start.")
            return redirect("manage-round", pk=round_.pk)
        extra_errors = outcome.details
    context = {"form": form, "extra_errors": extra_errors, "previous": previous, "copying": copying}
    return render(request, "manage/round_new.html", context, status=400 if form.errors else 200)


@admin_required
@require_safe
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = access_round_to_manage(user=request.user, pk=pk)
    page = page_of(request, round_assessments(round_=round_))
    today = timezone.localdate()
    context = {
        "round": round_,
        "page": page,
        "rows": round_assessment_rows(page),
        "counts": round_state_counts(round_=round_),
        "kinds": [AuthorityKind(kind).label for kind in round_.covers_kinds if kind in AuthorityKind.values],
        "landscape_day": landscape_date(landscape=round_.landscape, opens_on=round_.opens_on, today=today),
        "to_create": missing_assessments(round_=round_, kinds=round_.covers_kinds, today=today).count(),
    }
    return render(request, "manage/round.html", context)


@admin_required
@require_POST
def round_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = access_round_to_manage(user=request.user, pk=pk)
    outcome = run_service(request, round_open, round_=round_, user=request.user)
    if outcome.ok:
        messages.success(request, f"{round_.name} is open. {outcome.result} new assessments were created.")
    return redirect("manage-round", pk=round_.pk)


@admin_required
def round_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Says what closing does (how many drafts become late), then closes when confirmed."""
    round_ = access_round_to_manage(user=request.user, pk=pk)
    problem = ""
    if request.method == "POST":
        outcome = run_service(None, round_close, round_=round_, user=request.user, confirmed_plan=request.POST.get("plan", ""))
        if outcome.ok:
            messages.success(request, f"{round_.name} is closed. Drafts not submitted are now late and read only.")
            return redirect("manage-round", pk=round_.pk)
        problem = outcome.message
        round_.refresh_from_db()
    late, plan = close_plan(round_=round_)
    context = {"round": round_, "late": late, "plan": plan, "problem": problem}
    return render(request, "manage/round_close.html", context, status=400 if problem else 200)


@admin_required
def assessment_deadline(request: HttpRequest, pk: int, assessment_pk: int) -> HttpResponse:
    assessment = access_round_assessment_to_manage(user=request.user, round_pk=pk, assessment_pk=assessment_pk)
    reopening = assessment.round.state == RoundState.CLOSED
    form = DeadlineForm(request.POST or None, reopening=reopening)
    extra_errors = []
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            form, assessment_set_deadline,
            assessment=assessment, deadline=form.cleaned_data["deadline"], reason=form.cleaned_data["reason"], user=request.user,
        )
        if outcome.ok:
            verb = "reopened" if reopening else "given a new deadline"
            messages.success(request, f"{assessment.authority.short_name}'s assessment was {verb}.")
            return redirect("manage-round", pk=pk)
        extra_errors = outcome.details
    context = {"assessment": assessment, "form": form, "reopening": reopening, "extra_errors": extra_errors}
    return render(request, "manage/assessment_deadline.html", context, status=400 if form.errors else 200)


def _open_round_or_refuse(request: HttpRequest, pk: int) -> Round | None:
    round_ = access_round_to_manage(user=request.user, pk=pk)
    if round_.state != RoundState.OPEN:
        messages.error(request, f"{round_.name} is not open. Open it first: that creates the assessments it covers.")
        return None
    return round_


@admin_required
def round_coverage(request: HttpRequest, pk: int) -> HttpResponse:
    """Add kinds of authority to an open round: choose, check the preview, confirm."""
    round_ = _open_round_or_refuse(request, pk)
    if round_ is None:
        return redirect("manage-round", pk=pk)
    form = CoverageForm(request.POST or None, already=round_.covers_kinds)
    if request.method == "POST" and form.is_valid():
        kinds = form.cleaned_data["covers_kinds"]
        authorities, plan = coverage_plan(round_=round_, kinds=kinds)
        if "confirm" in request.POST:
            outcome = run_service(
                request, round_extend_coverage,
                round_=round_, kinds=kinds, confirmed_plan=request.POST.get("plan", ""), user=request.user,
            )
            if outcome.ok:
                messages.success(request, f"{round_.name} now covers more authorities. {outcome.result} new assessments were created.")
                return redirect("manage-round", pk=pk)
        context = {
            "round": round_, "kinds": kinds, "authorities": authorities, "plan": plan,
            "labels": [AuthorityKind(kind).label for kind in kinds],
            # The kind each had on the round's landscape (West Yorkshire was not mayoral in 2020).
            "rows": [(authority, AuthorityKind(authority.kind_then).label) for authority in authorities],
        }
        return render(request, "manage/round_coverage_check.html", context)
    context = {"round": round_, "form": form}
    return render(request, "manage/round_coverage.html", context, status=400 if form.errors else 200)


@admin_required
def round_add_authority_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add one authority (a body set up after the round opened): choose, check, confirm."""
    round_ = _open_round_or_refuse(request, pk)
    if round_ is None:
        return redirect("manage-round", pk=pk)
    form = AddAuthorityForm(request.POST or None, choices=addable_authorities(round_=round_))
    if request.method == "POST" and form.is_valid():
        authority = form.cleaned_data["authority"]
        if "confirm" in request.POST:
            outcome = run_service(
                request, round_add_authority,
                round_=round_, authority=authority, confirmed_plan=request.POST.get("plan", ""), user=request.user,
            )
            if outcome.ok:
                messages.success(request, f"{authority.name} was added to {round_.name}. Its editors can start now.")
                return redirect("manage-round", pk=pk)
        context = {"round": round_, "authority": authority, "plan": add_authority_plan(round_=round_, authority=authority)}
        return render(request, "manage/round_add_authority_check.html", context)
    context = {"round": round_, "form": form}
    return render(request, "manage/round_add_authority.html", context, status=400 if form.errors else 200)
