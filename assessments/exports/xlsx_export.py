"""XLSX export: an XlsxWriter workbook in constant-memory mode (rows go to disk as they come)
written to a binary file object.

A usable workbook: an "About" sheet with the metadata, then one sheet per level
(Authorities, Steps, Criteria), each with a frozen header row, an autofilter, set column
widths, numbers stored as numbers with a two-decimal format, and evidence links as
hyperlinks. ``write_workbook`` writes to any binary file object, so a view can stream it
and a background task can store it. XlsxWriter, not openpyxl: a full round is half a
million cells, which openpyxl wrote in about 10 s and XlsxWriter in about half that on
the benchmark machine (docs/benchmarks.md).

Every text cell is written as text (never parsed as a formula, number or link), after
``neutralise``; links are written as links only where the column holds them.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter

from .cells import neutralise
from .metadata import ExportMetadata

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TWO_PLACES = "0.00"
MAX_WIDTH = 60
# Excel's own limit on a hyperlink's length; a longer address is written as plain text.
MAX_URL_LENGTH = 2079
# Nothing typed is ever interpreted: text stays text.
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "remove_timezone": True,  # Excel has no time zones; times are written as UTC wall-clock
}
XLSX_DATE_FORMAT = "yyyy-mm-dd"
XLSX_DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class Sheet:
    title: str
    header: list[str]
    rows: Iterable[list]
    widths: list[int]  # characters, one per column
    link_columns: frozenset[int] = frozenset()  # 0-based columns holding URLs


class _Formats:
    def __init__(self, workbook):
        self.bold = workbook.add_format({"bold": True})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.two_places = workbook.add_format({"num_format": TWO_PLACES})
        self.date = workbook.add_format({"num_format": XLSX_DATE_FORMAT})
        self.date_time = workbook.add_format({"num_format": XLSX_DATE_TIME_FORMAT})
        self.link = workbook.get_default_url_format()


def _write_cell(ws, row: int, column: int, value, *, link: bool, formats: _Formats) -> None:
    if value is None or value == "":
        return  # constant-memory sheets need nothing written for an empty cell
    if isinstance(value, bool):
        ws.write_boolean(row, column, value)
    elif isinstance(value, Decimal):
        ws.write_number(row, column, float(value), formats.two_places)  # shown values: two places, no artefacts
    elif isinstance(value, int | float):
        ws.write_number(row, column, value)
    elif isinstance(value, datetime.datetime):
        ws.write_datetime(row, column, value, formats.date_time)
    elif isinstance(value, datetime.date):
        ws.write_datetime(row, column, value, formats.date)
    elif (link and isinstance(value, str) and value.startswith("https://") and "; " not in value
          and len(value) <= MAX_URL_LENGTH):
        ws.write_url(row, column, value, formats.link, string=value)
    else:
        ws.write_string(row, column, neutralise(str(value)))


def _write_sheet(workbook, sheet: Sheet, formats: _Formats) -> None:
    ws = workbook.add_worksheet(sheet.title)
    ws.freeze_panes(1, 0)
    for index, width in enumerate(sheet.widths):
        ws.set_column(index, index, min(width, MAX_WIDTH))
    for column, text in enumerate(sheet.header):
        ws.write_string(0, column, text, formats.bold)
    count = 0
    for count, values in enumerate(sheet.rows, start=1):
        for column, value in enumerate(values):
            _write_cell(ws, count, column, value, link=column in sheet.link_columns, formats=formats)
    ws.autofilter(0, 0, count, len(sheet.header) - 1)


def _write_about(workbook, metadata: ExportMetadata, formats: _Formats) -> None:
    ws = workbook.add_worksheet("About")
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 110)
    for row, (name, value) in enumerate(metadata.items()):
        ws.write_string(row, 0, name, formats.bold)
        ws.write_string(row, 1, neutralise(str(value)), formats.wrap)


def write_workbook(out, *, metadata: ExportMetadata, sheets: list[Sheet]) -> None:
    """Write the About sheet and ``sheets`` to the binary file object ``out``."""
    workbook = xlsxwriter.Workbook(out, WORKBOOK_OPTIONS)
    formats = _Formats(workbook)
    _write_about(workbook, metadata, formats)
    for sheet in sheets:
        _write_sheet(workbook, sheet, formats)
    workbook.close()

