"""Reading an uploaded authorities or memberships CSV: every bad cell as (row, column, message).

The formats are those of ``fixtures/authorities/`` (authorities.csv, memberships.csv,
memberships_2020.csv, memberships_uncoded.csv). The whole file is checked before
anything is compared with the database, and a file with any problem is refused whole.
"""
from __future__ import annotations

import csv
import io
from enum import StrEnum

from assessments.models import Landscape

from .authorities_csv import (
    AUTHORITY_COLUMNS,
    DEVOLUTION_COLUMNS,
    FILE_LEVEL,
    LINEAGE_IMPORT_COLUMNS,
    LINEAGE_IMPORT_OPTIONAL,
    MEMBERSHIP_COLUMNS,
    MEMBERSHIP_KEYS,
    MEMBERSHIP_OPTIONAL,
    AuthorityRow,
    LineageRow,
    MembershipRow,
    Problem,
    UploadRefused,
    csv_rows,
    parse_authority,
    parse_lineage,
    parse_membership,
)

__all__ = ["FILE_LEVEL", "FileKind", "Problem", "UploadRefused", "check_authority", "read_upload", "template_csv"]

MAX_UPLOAD_BYTES = 1_000_000  # the real authorities.csv is about 40 kB


class FileKind(StrEnum):
    AUTHORITIES = "authorities"
    MEMBERSHIPS = "memberships"
    MEMBERSHIPS_2020 = "memberships_2020"
    LINEAGE = "lineage"

    @property
    def label(self) -> str:
        return {
            "authorities": "Authorities",
            "memberships": "Councils of each authority, current landscape",
            "memberships_2020": "Councils of each authority, November 2020 landscape",
            "lineage": "Lineage links (which bodies came from which)",
        }[self.value]

    @property
    def landscape(self) -> str:
        return Landscape.NOV_2020 if self is FileKind.MEMBERSHIPS_2020 else Landscape.CURRENT


def upload_text(*, content: bytes) -> str:
    """The file as text, or UploadRefused if it is too large, binary or not UTF-8."""
    if len(content) > MAX_UPLOAD_BYTES:
        size = f"{MAX_UPLOAD_BYTES // 1_000_000} MB"
        raise UploadRefused([Problem(FILE_LEVEL, "", f"The file is larger than {size}. Split it into smaller files.")])
    if b"\x00" in content:
        raise UploadRefused([Problem(FILE_LEVEL, "", "The file is not a CSV file. Save it as CSV and try again.")])
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        message = 'The file is not encoded as UTF-8. In a spreadsheet, save it as "CSV UTF-8" and try again.'
        raise UploadRefused([Problem(FILE_LEVEL, "", message)]) from None


def _header_problems(header: list[str], kind: FileKind) -> list[Problem]:
    if kind is FileKind.AUTHORITIES:
        required, allowed = set(AUTHORITY_COLUMNS), set(AUTHORITY_COLUMNS) | set(DEVOLUTION_COLUMNS)
        expected = ",".join(AUTHORITY_COLUMNS) + " (and optionally " + ",".join(DEVOLUTION_COLUMNS) + ")"
    elif kind is FileKind.LINEAGE:
        required, allowed = set(LINEAGE_IMPORT_COLUMNS), set(LINEAGE_IMPORT_COLUMNS) | set(LINEAGE_IMPORT_OPTIONAL)
        expected = ",".join(LINEAGE_IMPORT_COLUMNS) + " (and optionally " + ",".join(LINEAGE_IMPORT_OPTIONAL) + ")"
    else:
        keys = [key for key in MEMBERSHIP_KEYS if key in header] or ["authority_code"]
        required = {keys[0], *MEMBERSHIP_COLUMNS}
        allowed = required | set(MEMBERSHIP_OPTIONAL)
        expected = "authority_code (or authority_short_name),local_authority_code,local_authority_name,source"
    problems = [
        Problem(1, column, f"The column {column} is missing. The first row must be: {expected}")
        for column in sorted(required - set(header))
    ]
    problems += [
        Problem(1, column or "(blank)", f"{column or 'A blank column'} is not a column of this file. The first row must be: {expected}")
        for column in header
        if column not in allowed
    ]
    if len(set(header)) != len(header):
        problems.append(Problem(1, "", "A column name appears twice in the first row."))
    return problems


def read_upload(*, content: bytes, kind: FileKind) -> list[AuthorityRow] | list[MembershipRow] | list[LineageRow]:
    """Every row of the file, typed, or UploadRefused with every problem found."""
    header, rows = csv_rows(upload_text(content=content))
    problems = _header_problems(header, kind)
    if problems:
        raise UploadRefused(problems)
    if not rows:
        raise UploadRefused([Problem(FILE_LEVEL, "", "The file has a header row but no data rows.")])
    reader = {FileKind.AUTHORITIES: parse_authority, FileKind.LINEAGE: parse_lineage}.get(kind, parse_membership)
    result = []
    for number, row in rows:
        if None in row:
            problems.append(Problem(number, "", "The row has more cells than the header has columns."))
            continue
        item = reader(number, row, problems)
        if item is not None:
            result.append(item)
    problems += _duplicates(result, kind)
    if problems:
        raise UploadRefused(problems)
    return result


def check_authority(row: dict[str, str]) -> tuple[AuthorityRow | None, list[Problem]]:
    """One authority given as the text of an authorities.csv row, checked exactly as an
    imported row is (the "Add an authority" form uses this, so both accept the same)."""
    problems: list[Problem] = []
    item = parse_authority(0, {column: (row.get(column) or "").strip() for column in AUTHORITY_COLUMNS}, problems)
    return item, problems


def _duplicates(items: list, kind: FileKind) -> list[Problem]:
    problems, seen = [], {}
    for item in items:
        if kind is FileKind.AUTHORITIES:
            keys = [("code", item.code), ("short_name", item.short_name)]
        elif kind is FileKind.LINEAGE:
            keys = [("date", (item.predecessor_code, item.successor_code, item.on))]
        else:
            keys = [("local_authority_code", (item.authority_key, item.council_code))]
        for column, value in keys:
            if value is None:
                continue
            if (column, value) in seen:
                shown = (
                    value if isinstance(value, str)
                    else f"The link from {value[0]} to {value[1]} on {value[2].isoformat()}" if kind is FileKind.LINEAGE
                    else f"council {value[1]} for {value[0]}"
                )
                problems.append(Problem(item.row, column, f"{shown} is already on row {seen[(column, value)]}."))
            else:
                seen[(column, value)] = item.row
    return problems


# The template each kind of file can start from (its header and one example row), and what
# every column means, for the import page: admins cannot see the repository's fixtures.
TEMPLATE_ROWS = {
    FileKind.AUTHORITIES: (
        AUTHORITY_COLUMNS + DEVOLUTION_COLUMNS,
        ["E47000001", "Greater Manchester Combined Authority", "Greater Manchester", "mca", "true", "2011-04-01", "",
         "SI 2011/908", "established_mayoral", "2025-04-01", "yes", "2017-05-04", "2025-26", "no"],
    ),
    FileKind.MEMBERSHIPS: (
        ("authority_code", "local_authority_code", "local_authority_name", "source"),
        ["E47000001", "E08000003", "Manchester", "ONS LAD25-CAUTH25 lookup May 2025"],
    ),
    FileKind.MEMBERSHIPS_2020: (
        ("authority_code", "local_authority_code", "local_authority_name", "source"),
        ["E47000001", "E08000003", "Manchester", "ONS LAD20-CAUTH20 lookup December 2020"],
    ),
    FileKind.LINEAGE: (
        ("predecessor_code", "predecessor_name", "successor_code", "successor_name", "date", "kind_of_change", "source", "notes"),
        ["E47000011", "North of Tyne Combined Authority", "E47000014", "North East Mayoral Combined Authority", "2024-05-07",
         "merger", "SI 2024/402", ""],
    ),
}
COLUMN_HELP = {
    FileKind.AUTHORITIES: [
        ("code", "GSS code: E followed by 8 digits, like E47000001. Leave blank if ONS has not given one yet."),
        ("name", "Full name, 200 characters or fewer. Required."),
        ("short_name", "Shown in lists, like Greater Manchester. Required and unique. A LEP's gets “ LEP” added."),
        ("kind", "One of the kind codes below. Required."),
        ("has_mayor", "true or false: whether it has an elected mayor now."),
        ("established", "The date it was set up, YYYY-MM-DD, or just the year. Rounds cover an authority from this date."),
        ("abolished", "The date it was abolished, YYYY-MM-DD, or blank."),
        ("source", "Where the details come from. Optional."),
        ("tier", "Optional, with the columns after it (leave the columns out to keep what is stored): the strategic-authority "
                 "tier, one of foundation, mayoral, established_mayoral, or blank. A new tier adds a period; earlier ones are kept."),
        ("tier_since", "The date the tier applies from: YYYY-MM-DD, or YYYY-MM or YYYY where the day is not known."),
        ("mayoral", "yes or no: whether the body's order provides for a mayor (the law, not whether one is in office). Blank if not verified."),
        ("first_mayoral_election", "Polling day of the first mayoral election, YYYY-MM-DD, or just the year."),
        ("integrated_settlement_from", "First financial year of an Integrated Settlement, like 2025-26, or blank."),
        ("devolution_priority_programme", "yes or no: in the Devolution Priority Programme."),
    ],
    FileKind.MEMBERSHIPS: [
        ("authority_code", "The authority's GSS code. For an authority with no code yet, name the column authority_short_name and give its short name."),
        ("local_authority_code", "The council's GSS code, like E08000003. The council must already be known to the service."),
        ("local_authority_name", "The council's name, for people reading the file. Optional; not checked."),
        ("source", "Where the membership comes from. Optional."),
    ],
}
COLUMN_HELP[FileKind.MEMBERSHIPS_2020] = COLUMN_HELP[FileKind.MEMBERSHIPS]
COLUMN_HELP[FileKind.LINEAGE] = [
    ("predecessor_code", "GSS code of the earlier body. Both bodies must already be known to the service."),
    ("predecessor_name", "The earlier body's name at the time (for a rename, its old name: profiles show it). "
                         "Optional: blank takes its current name."),
    ("successor_code", "GSS code of the body that came from it. For a rename, the same code as the predecessor."),
    ("successor_name", "The later body's name at the time. Optional: blank takes its current name."),
    ("date", "The day the change took effect, YYYY-MM-DD."),
    ("kind_of_change", "One of the kind-of-change codes below."),
    ("source", "Where the change is recorded, like its statutory instrument. Optional."),
    ("notes", "Anything a reader should know. Optional (without this column, stored notes are kept)."),
]


def template_csv(*, kind: FileKind) -> str:
    columns, example = TEMPLATE_ROWS[kind]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerow(example)
    return out.getvalue()
