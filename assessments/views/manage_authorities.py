"""Authority administration: list, add, view, edit, councils, abolish."""
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from assessments.access.manage import access_authority_to_manage, admin_required
from assessments.forms.manage_authorities import (
    AbolishForm,
    AuthorityAddForm,
    AuthorityFilterForm,
    AuthorityForm,
    CouncilsForm,
)
from assessments.models import Landscape
from assessments.selectors.manage_audit import authority_trail
from assessments.selectors.manage_authorities import (
    AuthorityListFilters,
    authority_councils,
    authority_list,
)
from assessments.services.manage_authorities import (
    authority_abolish,
    authority_add,
    authority_reinstate,
    authority_set_councils,
    authority_update,
)

from .listing import page_of, query_string
from .refusals import run_service


@admin_required
@require_safe
def authority_index(request: HttpRequest) -> HttpResponse:
    form = AuthorityFilterForm(request.GET or None)
    filters = AuthorityListFilters(
        query=form.value("q").strip(), kind=form.value("kind"), status=form.value("status"), mayor=form.value("mayor")
    )
    page = page_of(request, authority_list(filters=filters))
    return render(request, "manage/authorities.html", {"form": form, "page": page, "query_string": query_string(request)})


@admin_required
def authority_new(request: HttpRequest) -> HttpResponse:
    """One authority, by hand: the same checks as a row of an imported authorities file."""
    form = AuthorityAddForm(request.POST or None)
    extra_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        outcome = run_service(form, authority_add, details=form.details(), source=form.cleaned_data["source"], user=request.user)
        if outcome.ok:
            authority = outcome.result
            messages.success(request, f"{authority.name} was added. Set its councils from its page.")
            return redirect("manage-authority", pk=authority.pk)
        extra_errors = outcome.details
    context = {"form": form, "extra_errors": extra_errors}
    return render(request, "manage/authority_new.html", context, status=400 if form.errors else 200)


@admin_required
@require_safe
def authority_detail(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_authority_to_manage(user=request.user, pk=pk)
    councils = authority_councils(authority=authority)
    landscapes = [(Landscape(value), members) for value, members in councils.items()]
    context = {
        "authority": authority, "landscapes": landscapes, "trail": authority_trail(authority=authority),
        "tier_periods": authority.tier_periods.all(),
        "came_from": authority.predecessor_links.select_related("predecessor"),
        "became": authority.successor_links.exclude(successor=authority).select_related("successor"),
    }
    return render(request, "manage/authority.html", context)


@admin_required
def authority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_authority_to_manage(user=request.user, pk=pk)
    initial = {name: getattr(authority, name) for name in ("code", "name", "short_name", "kind", "has_mayor", "established")}
    form = AuthorityForm(request.POST or None, initial=initial)
    extra_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        outcome = run_service(form, authority_update, authority=authority, details=form.details(), user=request.user)
        if outcome.ok:
            messages.success(request, f"{authority.short_name} updated." if outcome.result else "Nothing was changed.")
            return redirect("manage-authority", pk=authority.pk)
        extra_errors = outcome.details
    status = 400 if form.errors else 200
    return render(request, "manage/authority_edit.html", {"authority": authority, "form": form, "extra_errors": extra_errors}, status=status)


@admin_required
def authority_councils_edit(request: HttpRequest, pk: int, landscape: str) -> HttpResponse:
    authority = access_authority_to_manage(user=request.user, pk=pk)
    if landscape not in Landscape.values:
        raise Http404("No such landscape")
    members = authority_councils(authority=authority)[landscape]
    form = CouncilsForm(request.POST or None, initial={"codes": "\n".join(m.local_authority.code for m in members)})
    extra_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            form, authority_set_councils,
            authority=authority, landscape=landscape, codes=form.code_list(), user=request.user, error_field="codes",
        )
        if outcome.ok:
            added, removed = outcome.result
            messages.success(request, f"Councils saved: {added} added, {removed} removed.")
            return redirect("manage-authority", pk=authority.pk)
        extra_errors = outcome.details
    context = {"authority": authority, "landscape": Landscape(landscape), "form": form, "extra_errors": extra_errors}
    return render(request, "manage/authority_councils.html", context, status=400 if form.errors else 200)


@admin_required
def authority_abolish_view(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_authority_to_manage(user=request.user, pk=pk)
    form = AbolishForm(request.POST or None)
    extra_errors = []
    if request.method == "POST" and form.is_valid():
        outcome = run_service(form, authority_abolish, authority=authority, on=form.cleaned_data["abolished"], user=request.user)
        if outcome.ok:
            messages.success(request, f"{authority.short_name} is marked abolished. Its assessments and history are kept.")
            return redirect("manage-authority", pk=authority.pk)
        extra_errors = outcome.details
    context = {"authority": authority, "form": form, "extra_errors": extra_errors}
    return render(request, "manage/authority_abolish.html", context, status=400 if form.errors else 200)


@admin_required
@require_POST
def authority_reinstate_view(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_authority_to_manage(user=request.user, pk=pk)
    if run_service(request, authority_reinstate, authority=authority, user=request.user).ok:
        messages.success(request, f"{authority.short_name} is active again.")
    return redirect("manage-authority", pk=authority.pk)
