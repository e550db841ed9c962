"""Prepared exports: ask for one, watch it being prepared (the page refreshes itself, no
JavaScript), then download it while it is kept."""
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_POST, require_safe

from assessments.access.dashboards import access_round_scores
from assessments.exports.xlsx_export import XLSX_TYPE
from assessments.selectors.dashboards_overview import OverviewFilters
from assessments.views.refresh import REFRESH_SECONDS, reload_while

from .access import access_prepared_export
from .models import PreparedStatus
from .selectors import round_export_rows
from .services import REUSE_PREPARING_FOR, lifetime, prepared_export_request


def offer_round_xlsx(request: HttpRequest, round_) -> HttpResponse:
    """The page shown instead of a large download: what will happen, and a button to start (with the dashboard's filters)."""
    filters = OverviewFilters.from_query(request.GET)
    return render(request, "downloads/prepare.html", {
        "round": round_, "rows": round_export_rows(round_=round_), "hours": int(lifetime().total_seconds() // 3600),
        "filters": filters.as_query(), "query": urlencode(filters.as_query()),
    })


@login_required
@require_POST
def request_round_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the round's workbook to be prepared (by ``tasks.prepare_round_xlsx``), then watch it."""
    round_ = access_round_scores(user=request.user, pk=pk)
    export = prepared_export_request(round_=round_, user=request.user, filters=OverviewFilters.from_query(request.POST))
    return redirect("download-status", pk=export.pk)


@login_required
@require_safe
def status(request: HttpRequest, pk) -> HttpResponse:
    export = access_prepared_export(user=request.user, pk=pk)
    expired = export.status == PreparedStatus.EXPIRED or (
        export.status == PreparedStatus.READY and export.expires_at <= timezone.now()
    )
    # Still "being prepared" long after any build takes (its worker was stopped mid-build):
    # stop reloading and offer to prepare it again (which then makes a new file).
    overdue = export.status == PreparedStatus.PREPARING and export.created_at < timezone.now() - REUSE_PREPARING_FOR
    response = render(request, "downloads/status.html", {
        "export": export, "expired": expired, "overdue": overdue, "refresh": REFRESH_SECONDS,
    })
    return reload_while(response, pending=export.status == PreparedStatus.PREPARING and not overdue)


@login_required
@require_safe
def file(request: HttpRequest, pk) -> FileResponse:
    export = access_prepared_export(user=request.user, pk=pk)
    if export.status != PreparedStatus.READY or export.expires_at <= timezone.now():
        raise Http404("This file is not ready or has expired")
    response = FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename, content_type=XLSX_TYPE)
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response
