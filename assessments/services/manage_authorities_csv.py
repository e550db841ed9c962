"""Reading an uploaded authorities or memberships CSV: every bad cell as (row, column, message).

The formats are those of ``fixtures/authorities/`` (authorities.csv, memberships.csv,
memberships_2020.csv, memberships_uncoded.csv). The whole file is checked before
anything is compared with the database, and a file with any problem is refused whole.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from assessments.models import AuthorityKind, Landscape

from .authorities_csv import BOOLEANS, GSS_CODE, ISO_DATE
from .authorities_files import YEAR
from .errors import ActionRefused

MAX_UPLOAD_BYTES = 1_000_000  # the real authorities.csv is about 40 kB
MAX_ROWS = 5_000
FILE_LEVEL = 0  # "row" of a problem with the whole file


class FileKind(StrEnum):
    AUTHORITIES = "authorities"
    MEMBERSHIPS = "memberships"
    MEMBERSHIPS_2020 = "memberships_2020"

    @property
    def label(self) -> str:
        return {
            "authorities": "Authorities",
            "memberships": "Councils of each authority, current landscape",
            "memberships_2020": "Councils of each authority, November 2020 landscape",
        }[self.value]

    @property
    def landscape(self) -> str:
        return Landscape.NOV_2020 if self is FileKind.MEMBERSHIPS_2020 else Landscape.CURRENT


AUTHORITY_COLUMNS = ("code", "name", "short_name", "kind", "has_mayor", "established", "abolished", "source")
MEMBERSHIP_COLUMNS = ("local_authority_code", "source")
MEMBERSHIP_OPTIONAL = ("local_authority_name",)
MEMBERSHIP_KEYS = ("authority_code", "authority_short_name")


@dataclass(frozen=True)
class Problem:
    row: int  # the line in the file, 1 being the header; FILE_LEVEL for the whole file
    column: str
    message: str


class UploadRefused(ActionRefused):
    """The file has problems; ``problems`` lists each one, and nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__("The file was not imported because it has problems. Nothing has been changed.")
        self.problems = problems


@dataclass(frozen=True)
class UploadedAuthority:
    row: int
    code: str | None
    name: str
    short_name: str
    kind: str
    has_mayor: bool
    established: str
    abolished: date | None
    source: str


@dataclass(frozen=True)
class UploadedMembership:
    row: int
    authority_key: str  # a GSS code or, for bodies without one, a short name
    key_column: str
    council_code: str
    source: str


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


def _rows(text: str, kind: FileKind) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    if not text.strip():
        raise UploadRefused([Problem(FILE_LEVEL, "", "The file is empty.")])
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = header
        rows = []
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise UploadRefused([Problem(FILE_LEVEL, "", f"The file has more than {MAX_ROWS:,} rows.")])
            extra = row.pop(None, None)
            values = {key: (value or "").strip() for key, value in row.items()}
            if extra:
                values[None] = "extra"
            rows.append((reader.line_num, values))
    except csv.Error as error:
        raise UploadRefused([Problem(FILE_LEVEL, "", f"The file is not a readable CSV file ({error}).")]) from None
    return header, rows


def _header_problems(header: list[str], kind: FileKind) -> list[Problem]:
    if kind is FileKind.AUTHORITIES:
        required, allowed = set(AUTHORITY_COLUMNS), set(AUTHORITY_COLUMNS)
        expected = ",".join(AUTHORITY_COLUMNS)
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


def read_upload(*, content: bytes, kind: FileKind) -> list[UploadedAuthority] | list[UploadedMembership]:
    """Every row of the file, typed, or UploadRefused with every problem found."""
    header, rows = _rows(upload_text(content=content), kind)
    problems = _header_problems(header, kind)
    if problems:
        raise UploadRefused(problems)
    if not rows:
        raise UploadRefused([Problem(FILE_LEVEL, "", "The file has a header row but no data rows.")])
    reader = _authority if kind is FileKind.AUTHORITIES else _membership
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


def check_authority(row: dict[str, str]) -> tuple[UploadedAuthority | None, list[Problem]]:
    """One authority given as the text of an authorities.csv row, checked exactly as an
    imported row is (the "Add an authority" form uses this, so both accept the same)."""
    problems: list[Problem] = []
    item = _authority(0, {column: (row.get(column) or "").strip() for column in AUTHORITY_COLUMNS}, problems)
    return item, problems


def _authority(number: int, row: dict[str, str], problems: list[Problem]) -> UploadedAuthority | None:
    before = len(problems)

    def fail(column: str, message: str) -> None:
        problems.append(Problem(number, column, message))

    code = row["code"] or None
    if code and not GSS_CODE.match(code):
        fail("code", f"{code!r} is not a GSS code. Use E followed by 8 digits, like E47000001, or leave it blank.")
    for column, limit in (("name", 200), ("short_name", 96)):
        if not row[column]:
            fail(column, f"Enter the authority's {column.replace('_', ' ')}.")
        elif len(row[column]) > limit:
            fail(column, f"The {column.replace('_', ' ')} must be {limit} characters or fewer.")
    kind = row["kind"]
    if kind not in AuthorityKind.values:
        fail("kind", f"{kind or 'A blank kind'!r} is not a kind of authority. Use one of: {', '.join(AuthorityKind.values)}.")
    if row["has_mayor"].lower() not in BOOLEANS:
        fail("has_mayor", f"has_mayor must be true or false, not {row['has_mayor']!r}.")
    established = row["established"]
    if established and not YEAR.match(established) and _date(established) is None:
        fail("established", f"{established!r} is not a date. Use YYYY-MM-DD, or just the year.")
    abolished = _date(row["abolished"]) if row["abolished"] else None
    if row["abolished"] and abolished is None:
        fail("abolished", f"{row['abolished']!r} is not a date. Use YYYY-MM-DD, or leave it blank.")
    if len(problems) > before:
        return None
    short_name = row["short_name"]
    # As the reference loader does: LEPs share short names with combined authorities.
    if kind == AuthorityKind.LEP and not short_name.endswith(" LEP"):
        short_name = f"{short_name} LEP"
    return UploadedAuthority(
        row=number, code=code, name=row["name"], short_name=short_name, kind=kind,
        has_mayor=BOOLEANS[row["has_mayor"].lower()], established=established, abolished=abolished,
        source=row["source"],
    )


def _membership(number: int, row: dict[str, str], problems: list[Problem]) -> UploadedMembership | None:
    key_column = "authority_code" if "authority_code" in row else "authority_short_name"
    key, council = row[key_column], row["local_authority_code"]
    before = len(problems)
    if not key:
        problems.append(Problem(number, key_column, "Enter the authority this council belongs to."))
    elif key_column == "authority_code" and not GSS_CODE.match(key):
        problems.append(Problem(number, key_column, f"{key!r} is not a GSS code. Use E followed by 8 digits."))
    if not GSS_CODE.match(council):
        problems.append(Problem(number, "local_authority_code", f"{council!r} is not a council GSS code. Use E followed by 8 digits."))
    if len(problems) > before:
        return None
    return UploadedMembership(number, key, key_column, council, row["source"])


def _duplicates(items: list, kind: FileKind) -> list[Problem]:
    problems, seen = [], {}
    for item in items:
        if kind is FileKind.AUTHORITIES:
            keys = [("code", item.code), ("short_name", item.short_name)]
        else:
            keys = [("local_authority_code", (item.authority_key, item.council_code))]
        for column, value in keys:
            if value is None:
                continue
            if (column, value) in seen:
                shown = value if isinstance(value, str) else f"council {value[1]} for {value[0]}"
                problems.append(Problem(item.row, column, f"{shown} is already on row {seen[(column, value)]}."))
            else:
                seen[(column, value)] = item.row
    return problems


def _date(text: str) -> date | None:
    if not ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# The template each kind of file can start from (its header and one example row), and what
# every column means, for the import page: admins cannot see the repository's fixtures.
TEMPLATE_ROWS = {
    FileKind.AUTHORITIES: (
        AUTHORITY_COLUMNS,
        ["E47000001", "Greater Manchester Combined Authority", "Greater Manchester", "mca", "true", "2011-04-01", "",
         "SI 2011/908"],
    ),
    FileKind.MEMBERSHIPS: (
        ("authority_code", "local_authority_code", "local_authority_name", "source"),
        ["E47000001", "E08000003", "Manchester", "ONS LAD25-CAUTH25 lookup May 2025"],
    ),
    FileKind.MEMBERSHIPS_2020: (
        ("authority_code", "local_authority_code", "local_authority_name", "source"),
        ["E47000001", "E08000003", "Manchester", "ONS LAD20-CAUTH20 lookup December 2020"],
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
    ],
    FileKind.MEMBERSHIPS: [
        ("authority_code", "The authority's GSS code. For an authority with no code yet, name the column authority_short_name and give its short name."),
        ("local_authority_code", "The council's GSS code, like E08000003. The council must already be known to the service."),
        ("local_authority_name", "The council's name, for people reading the file. Optional; not checked."),
        ("source", "Where the membership comes from. Optional."),
    ],
}
COLUMN_HELP[FileKind.MEMBERSHIPS_2020] = COLUMN_HELP[FileKind.MEMBERSHIPS]


def template_csv(*, kind: FileKind) -> str:
    columns, example = TEMPLATE_ROWS[kind]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerow(example)
    return out.getvalue()
