"""XLSX export: a write-only openpyxl workbook (rows go straight to disk), then streamed back."""
import tempfile

from django.http import FileResponse
from openpyxl import Workbook

from assessments.models import Round
from official_statistics.exports import STATISTICS_HEADER, statistics_rows

from .cells import safe_row
from .csv_export import _slug
from .rows import CRITERIA_HEADER, criteria_rows, step_rows

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def round_xlsx(*, round_: Round) -> FileResponse:
    workbook = Workbook(write_only=True)
    criteria_sheet = workbook.create_sheet("Criteria")
    criteria_sheet.append(CRITERIA_HEADER)
    for row in criteria_rows(round_=round_):
        criteria_sheet.append(safe_row(row))
    steps_sheet = workbook.create_sheet("Step scores")
    header, rows = step_rows(round_=round_)
    steps_sheet.append(header)
    for row in rows:
        steps_sheet.append(safe_row(row))
    # Official statistics (official_statistics app): each authority's latest published values.
    statistics_sheet = workbook.create_sheet("Official statistics")
    statistics_sheet.append(STATISTICS_HEADER)
    for row in statistics_rows(round_=round_):
        statistics_sheet.append(safe_row(row))
    # An unnamed temporary file: removed by the operating system when the response closes it.
    file = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=f"{_slug(round_)}.xlsx", content_type=XLSX_TYPE)
