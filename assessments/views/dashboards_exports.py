"""Downloads of a round for central staff: CSV (criteria, step scores) and XLSX (both sheets)."""
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from assessments.access.dashboards import access_round_scores
from assessments.exports.csv_export import criteria_csv, steps_csv
from assessments.exports.xlsx_export import round_xlsx
from downloads.selectors import export_in_background
from downloads.views import offer_round_xlsx


@login_required
def criteria_csv_download(request: HttpRequest, pk: int) -> HttpResponse:
    return criteria_csv(round_=access_round_scores(user=request.user, pk=pk))


@login_required
def steps_csv_download(request: HttpRequest, pk: int) -> HttpResponse:
    return steps_csv(round_=access_round_scores(user=request.user, pk=pk))


@login_required
def xlsx_download(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = access_round_scores(user=request.user, pk=pk)
    if export_in_background(round_=round_):  # too big to build inside a request: offer to prepare it
        return offer_round_xlsx(request, round_)
    return round_xlsx(round_=round_)
