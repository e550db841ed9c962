"""Downloads of a round for central staff, following the dashboard's filters: CSV (criteria, step scores) and XLSX."""
import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_safe

from assessments.access.dashboards import access_round_scores, published_round
from assessments.exports.csv_export import csv_response
from assessments.exports.metadata import person
from assessments.exports.rounds import criteria_csv, public_csv, round_slug, steps_csv, write_round_xlsx
from assessments.exports.xlsx_export import XLSX_TYPE
from assessments.selectors.dashboards_overview import OverviewFilters
from downloads.selectors import export_in_background
from downloads.views import offer_round_xlsx


@login_required
@require_safe
def criteria_csv_download(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    round_ = access_round_scores(user=request.user, pk=pk)
    lines = criteria_csv(round_=round_, filters=OverviewFilters.from_query(request.GET), generated_by=person(request.user))
    return csv_response(lines, f"{round_slug(round_)}-criteria.csv")


@login_required
@require_safe
def steps_csv_download(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    round_ = access_round_scores(user=request.user, pk=pk)
    lines = steps_csv(round_=round_, filters=OverviewFilters.from_query(request.GET), generated_by=person(request.user))
    return csv_response(lines, f"{round_slug(round_)}-step-scores.csv")


@login_required
@require_safe
def xlsx_download(request: HttpRequest, pk: int) -> FileResponse:
    round_ = access_round_scores(user=request.user, pk=pk)
    if export_in_background(round_=round_):  # too big to build inside a request: offer to prepare it
        return offer_round_xlsx(request, round_)
    # An unnamed temporary file: removed by the operating system when the response closes it.
    file = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by the response)
    write_round_xlsx(file, round_=round_, filters=OverviewFilters.from_query(request.GET), generated_by=person(request.user))
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=f"{round_slug(round_)}.xlsx", content_type=XLSX_TYPE)


@require_safe
def public_csv_download(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The public results page's data as CSV: published rounds only, approved assessments only, no sign-in."""
    round_ = published_round(pk=pk)
    return csv_response(public_csv(round_=round_), f"{round_slug(round_)}-published-results.csv")
