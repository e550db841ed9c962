"""The administration home page and the service-wide audit trail (filtered, and as CSV)."""
import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from assessments.access.manage import admin_required
from assessments.dates import govuk_datetime
from assessments.exports.cells import safe_row
from assessments.forms.manage_audit import AuditFilterForm
from assessments.selectors.manage_audit import recent_trail

from .listing import query_string

AUDIT_PAGE_ROWS = 100
AUDIT_CSV_ROWS = 10_000

@admin_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "manage/home.html")


def _audit_form(request: HttpRequest) -> AuditFilterForm:
    form = AuditFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    return form


@admin_required
@require_safe
def audit(request: HttpRequest) -> HttpResponse:
    form = _audit_form(request)
    context = {
        "form": form, "entries": recent_trail(limit=AUDIT_PAGE_ROWS, filters=form.filters()),
        "limit": AUDIT_PAGE_ROWS, "query": query_string(request),
    }
    return render(request, "manage/audit.html", context, status=400 if form.errors else 200)


@admin_required
@require_safe
def audit_csv(request: HttpRequest) -> HttpResponse:
    """The filtered trail as a spreadsheet, newest first, up to AUDIT_CSV_ROWS changes."""
    entries = recent_trail(limit=AUDIT_CSV_ROWS, filters=_audit_form(request).filters())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(["When", "When (ISO 8601)", "Kind", "Name", "Action", "Changes", "Reason", "By"])
    for e in entries:
        writer.writerow(safe_row([
            govuk_datetime(e.when), timezone.localtime(e.when).isoformat(timespec="seconds"), e.what, e.subject,
            e.action, "; ".join(e.changes), e.reason, e.by,
        ]))
    return response
