"""XLSX export: a write-only openpyxl workbook (rows go straight to disk) written to a file object.

A usable workbook: an "About" sheet with the metadata, then one sheet per level
(Authorities, Steps, Criteria), each with a frozen header row, an autofilter, set column
widths, numbers stored as numbers with a two-decimal format, and evidence links as
hyperlinks. ``write_round_xlsx`` writes to any binary file object, so a view can stream
it and a background task can store it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .cells import neutralise
from .metadata import ExportMetadata

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TWO_PLACES = "0.00"
MAX_WIDTH = 60


@dataclass(frozen=True)
class Sheet:
    title: str
    header: list[str]
    rows: Iterable[list]
    widths: list[int]  # characters, one per column
    link_columns: frozenset[int] = frozenset()  # 0-based columns holding URLs


def _cell(sheet, value, *, link: bool):
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=float(value))  # shown values: two places, so no float artefacts
        cell.number_format = TWO_PLACES
        return cell
    if link and isinstance(value, str) and value.startswith("https://") and "; " not in value:
        cell = WriteOnlyCell(sheet, value=value)
        cell.hyperlink = value
        cell.style = "Hyperlink"
        return cell
    return neutralise(value)


def _write_sheet(workbook: Workbook, sheet: Sheet) -> None:
    ws = workbook.create_sheet(sheet.title)
    ws.freeze_panes = "A2"
    for index, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)
    bold = Font(bold=True)
    header = []
    for text in sheet.header:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    count = 0
    for row in sheet.rows:
        ws.append([_cell(ws, value, link=i in sheet.link_columns) for i, value in enumerate(row)])
        count += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.header))}{count + 1}"


def _write_about(workbook: Workbook, metadata: ExportMetadata) -> None:
    ws = workbook.create_sheet("About")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 110
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for name, value in metadata.items():
        key = WriteOnlyCell(ws, value=name)
        key.font = bold
        text = WriteOnlyCell(ws, value=neutralise(value))
        text.alignment = wrap
        ws.append([key, text])


def write_workbook(out, *, metadata: ExportMetadata, sheets: list[Sheet]) -> None:
    """Write the About sheet and ``sheets`` to the binary file object ``out``."""
    workbook = Workbook(write_only=True)
    _write_about(workbook, metadata)
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    workbook.save(out)
