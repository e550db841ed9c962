"""Authority administration: devolution facts, tier periods, lineage links, and the CSV export."""
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_safe

from assessments.access.manage import (
    access_authority_link_to_manage,
    access_authority_to_manage,
    access_tier_period_to_manage,
    admin_required,
)
from assessments.exports.csv_export import csv_lines, csv_response
from assessments.forms.manage_devolution import DevolutionForm, LineageLinkForm, TierPeriodForm
from assessments.models import Authority
from assessments.selectors.manage_authorities import authorities_export_rows, lineage_export_rows
from assessments.services.manage_devolution import (
    authority_devolution_update,
    lineage_link_add,
    lineage_link_remove,
    tier_period_add,
    tier_period_remove,
)
from assessments.views.refusals import run_service


@admin_required
def authority_devolution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_authority_to_manage(user=request.user, pk=pk)
    initial = {
        "mayoral": {True: "yes", False: "no"}.get(authority.mayoral, ""),
        "first_mayoral_election": authority.first_mayoral_election,
        "integrated_settlement_from": authority.integrated_settlement_from,
        "devolution_priority_programme": authority.devolution_priority_programme,
    }
    form = DevolutionForm(request.POST or None, initial=initial)
    extra_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        outcome = run_service(form, authority_devolution_update, authority=authority, details=form.details(), user=request.user)
        if outcome.ok:
            messages.success(request, "Devolution facts saved." if outcome.result else "Nothing was changed.")
            return redirect("manage-authority", pk=authority.pk)
        extra_errors = outcome.details
    context = {"authority": authority, "form": form, "extra_errors": extra_errors}
    return render(request, "manage/authority_devolution.html", context, status=400 if form.errors else 200)


@admin_required
def authority_tier_add(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_authority_to_manage(user=request.user, pk=pk)
    form = TierPeriodForm(request.POST or None)
    extra_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form, tier_period_add,
            authority=authority, tier=data["tier"], since=data["since"], source=data["source"].strip(), user=request.user,
        )
        if outcome.ok:
            messages.success(request, f"{outcome.result.get_tier_display()} from {outcome.result.since} added.")
            return redirect("manage-authority", pk=authority.pk)
        extra_errors = outcome.details
    context = {"authority": authority, "form": form, "extra_errors": extra_errors}
    return render(request, "manage/authority_tier_add.html", context, status=400 if form.errors else 200)


def _remove_after_confirming(
    request: HttpRequest, *, authority: Authority, remove, removed: str, thing: str, summary: str, consequence: str,
    **record,
) -> HttpResponse:
    """GET asks to confirm; POST runs ``remove`` on the record (the authority's history records it)."""
    if request.method == "POST":
        if run_service(request, remove, user=request.user, **record).ok:
            messages.success(request, removed)
        return redirect("manage-authority", pk=authority.pk)
    context = {"authority": authority, "thing": thing, "summary": summary, "consequence": consequence}
    return render(request, "manage/authority_remove.html", context)


@admin_required
def authority_tier_remove(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    period = access_tier_period_to_manage(user=request.user, authority_pk=pk, period_pk=period_pk)
    summary = f"{period.get_tier_display()} from {period.since}"
    return _remove_after_confirming(
        request, authority=period.authority, remove=tier_period_remove, period=period, removed=f"{summary} removed.",
        thing="tier period", summary=summary,
        consequence="The previous period then runs on until the next one starts. "
                    "Rounds on those dates will show that tier instead.",
    )


@admin_required
def authority_link_add(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_authority_to_manage(user=request.user, pk=pk)
    form = LineageLinkForm(request.POST or None)
    extra_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form, lineage_link_add,
            successor=authority, predecessor=data["predecessor"], on=data["on"], kind=data["kind"],
            source=data["source"].strip(), user=request.user,
        )
        if outcome.ok:
            messages.success(request, f"Lineage link from {data['predecessor'].name} added.")
            return redirect("manage-authority", pk=authority.pk)
        extra_errors = outcome.details
    context = {"authority": authority, "form": form, "extra_errors": extra_errors}
    return render(request, "manage/authority_link_add.html", context, status=400 if form.errors else 200)


@admin_required
def authority_link_remove(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    link = access_authority_link_to_manage(user=request.user, authority_pk=pk, link_pk=link_pk)
    predecessor = link.predecessor_name or link.predecessor.name
    return _remove_after_confirming(
        request, authority=link.successor, remove=lineage_link_remove, link=link,
        removed=f"Lineage link from {predecessor} removed.",
        thing="lineage link", summary=f"{link.get_kind_display()}: from {predecessor} on {date_format(link.on)}",
        consequence=f"Round comparisons and the profile will no longer match {link.successor.short_name} with "
                    f"{link.predecessor.short_name} through this link.",
    )


@admin_required
@require_safe
def authorities_export(request: HttpRequest) -> HttpResponse:
    """Every authority in the import's format, devolution columns included: edit and re-import."""
    return _csv_download(*authorities_export_rows(), file_name="authorities.csv")


@admin_required
@require_safe
def lineage_export(request: HttpRequest) -> HttpResponse:
    """Every lineage link in the import's lineage format: edit and re-import."""
    return _csv_download(*lineage_export_rows(), file_name="lineage.csv")


def _csv_download(columns, rows, *, file_name: str) -> HttpResponse:
    # Reference tables, not counts: no metadata block. The byte order mark csv_lines writes
    # (for Excel) is read back by the import, which takes UTF-8 with or without one.
    return csv_response(csv_lines(metadata=None, header=list(columns), rows=rows), file_name)
