"""The one reader of the authority CSV formats, shared by ``load_authorities`` and the admin import.

Both read the same columns with the same rules into the same row types. A bad cell is a
``Problem`` (row, column, message): the admin import shows every one of them; the
reference loader stops at the first and names the file and line.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assessments.models import AuthorityKind, LinkKind, StrategicTier
from assessments.models.authorities import SAME_BODY_LINKS

from .errors import ActionRefused

# [0-9], not \d: \d also matches non-ASCII digits, which the database check refuses.
GSS_CODE = re.compile(r"^E[0-9]{8}$")
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
YEAR = re.compile(r"^[0-9]{4}$")
# A date as the sources give it: a day, or only the month or year where the day is unverified.
PARTIAL_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
FINANCIAL_YEAR = re.compile(r"^([0-9]{4})-([0-9]{2})$")
# authorities.csv says true/false, strategic_authorities.csv yes/no: both are accepted everywhere.
BOOLEANS = {"true": True, "false": False, "yes": True, "no": False}
MAX_ROWS = 5_000
FILE_LEVEL = 0  # "row" of a problem with the whole file

AUTHORITY_COLUMNS = ("code", "name", "short_name", "kind", "has_mayor", "established", "abolished", "source")
# Optional columns of an authorities file: the devolution facts. Absent columns change nothing.
DEVOLUTION_COLUMNS = (
    "tier", "tier_since", "mayoral", "first_mayoral_election", "integrated_settlement_from",
    "devolution_priority_programme",
)
MEMBERSHIP_COLUMNS = ("local_authority_code", "source")
MEMBERSHIP_OPTIONAL = ("local_authority_name",)
MEMBERSHIP_KEYS = ("authority_code", "authority_short_name")
# A lineage file: the columns of the reference lineage.csv (names are for people reading it; not checked).
LINEAGE_IMPORT_COLUMNS = ("predecessor_code", "successor_code", "date", "kind_of_change", "source")
LINEAGE_IMPORT_OPTIONAL = ("predecessor_name", "successor_name", "notes")
# What the loader, the admin import and the devolution form write to an Authority: an
# authorities file's columns (named as the model's fields), and of its devolution facts
# those kept on the authority itself (the tier is a TierPeriod of its own).
AUTHORITY_FIELDS = AUTHORITY_COLUMNS
DEVOLUTION_FIELDS = ("mayoral", "first_mayoral_election", "integrated_settlement_from", "devolution_priority_programme")


class AuthorityDataError(ValueError):
    """A reference file is missing, malformed or inconsistent."""


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
class DevolutionFacts:
    """An authority's strategic-authority tier (from ``tier_since``) and devolution position."""

    tier: str  # a StrategicTier value, or "" for none given
    tier_since: str  # as given: YYYY-MM-DD, YYYY-MM or YYYY
    mayoral: bool | None
    first_mayoral_election: str
    integrated_settlement_from: str
    devolution_priority_programme: bool
    source: str = ""
    notes: str = ""

    @property
    def tier_starts_on(self) -> date | None:
        return partial_date_start(self.tier_since) if self.tier_since else None


@dataclass(frozen=True)
class AuthorityRow:
    """One authority as a file gives it; ``devolution`` is None where the file has no such columns."""

    row: int
    code: str | None
    name: str
    short_name: str  # as stored: a LEP's carries " LEP", keeping short names unique across kinds
    kind: str
    has_mayor: bool
    established: str
    abolished: date | None
    source: str
    devolution: DevolutionFacts | None = None


@dataclass(frozen=True)
class MembershipRow:
    row: int
    authority_key: str  # a GSS code or, for bodies without one, a short name
    key_column: str
    council_code: str
    source: str


def partial_date_start(text: str) -> date:
    """The first day of a date given as YYYY-MM-DD, YYYY-MM or YYYY (text already checked)."""
    parts = [int(part) for part in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _valid_partial_date(text: str) -> bool:
    if not PARTIAL_DATE.match(text):
        return False
    try:
        partial_date_start(text)
    except ValueError:
        return False
    return True


def _date(text: str) -> date | None:
    if not ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def csv_rows(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and each (line number, cells) of CSV ``text``, cells trimmed.

    A row with more cells than the header gets the key None. UploadRefused if the text is
    empty, too long or not CSV.
    """
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


def parse_authority(number: int, cells: dict, problems: list[Problem]) -> AuthorityRow | None:
    """One row of an authorities file, or None with its problems appended to ``problems``."""
    before = len(problems)

    def fail(column: str, message: str) -> None:
        problems.append(Problem(number, column, message))

    def cell(column: str) -> str:
        return cells.get(column) or ""

    code = cell("code") or None
    if code and not GSS_CODE.match(code):
        fail("code", f"{code!r} is not a GSS code. Use E followed by 8 digits, like E47000001, or leave it blank.")
    for column, limit in (("name", 200), ("short_name", 96)):
        if not cell(column):
            fail(column, f"Enter the authority's {column.replace('_', ' ')}.")
        elif len(cell(column)) > limit:
            fail(column, f"The {column.replace('_', ' ')} must be {limit} characters or fewer.")
    kind = cell("kind")
    if kind not in AuthorityKind.values:
        fail("kind", f"{kind or 'A blank kind'!r} is not a kind of authority. Use one of: {', '.join(AuthorityKind.values)}.")
    if cell("has_mayor").lower() not in BOOLEANS:
        fail("has_mayor", f"has_mayor must be true or false, not {cell('has_mayor')!r}.")
    established = cell("established")
    if established and not YEAR.match(established) and _date(established) is None:
        fail("established", f"{established!r} is not a date. Use YYYY-MM-DD, or just the year.")
    abolished = _date(cell("abolished")) if cell("abolished") else None
    if cell("abolished") and abolished is None:
        fail("abolished", f"{cell('abolished')!r} is not a date. Use YYYY-MM-DD, or leave it blank.")
    devolution = None
    if any(column in cells for column in DEVOLUTION_COLUMNS):
        devolution = parse_devolution(number, cells, problems)
    if len(problems) > before:
        return None
    short_name = cell("short_name")
    # LEPs share short names with combined authorities ("Greater Manchester").
    if kind == AuthorityKind.LEP and not short_name.endswith(" LEP"):
        short_name = f"{short_name} LEP"
    return AuthorityRow(
        row=number, code=code, name=cell("name"), short_name=short_name, kind=kind,
        has_mayor=BOOLEANS[cell("has_mayor").lower()], established=established, abolished=abolished,
        source=cell("source"), devolution=devolution,
    )


def parse_devolution(number: int, cells: dict, problems: list[Problem]) -> DevolutionFacts | None:
    """The devolution columns of a row (strategic_authorities.csv, or an authorities file's extras)."""
    before = len(problems)

    def fail(column: str, message: str) -> None:
        problems.append(Problem(number, column, message))

    def cell(column: str) -> str:
        return cells.get(column) or ""

    tier, since = cell("tier"), cell("tier_since")
    if tier and tier not in StrategicTier.values:
        fail("tier", f"{tier!r} is not a tier. Use one of: {', '.join(StrategicTier.values)}, or leave it blank.")
    if tier and not since:
        fail("tier_since", "Enter the date the tier applies from, as YYYY-MM-DD (or YYYY-MM or YYYY).")
    if since and not tier:
        fail("tier", "Enter the tier that applies from tier_since, or leave both blank.")
    if since and not _valid_partial_date(since):
        fail("tier_since", f"{since!r} is not a date. Use YYYY-MM-DD, or YYYY-MM or YYYY where the day is not known.")
    mayoral = cell("mayoral").lower()
    if mayoral and mayoral not in BOOLEANS:
        fail("mayoral", f"mayoral must be yes or no (or blank where unverified), not {cell('mayoral')!r}.")
    election = cell("first_mayoral_election")
    if election and not (YEAR.match(election) or _date(election)):
        fail("first_mayoral_election", f"{election!r} is not a date. Use YYYY-MM-DD, or just the year.")
    settlement = cell("integrated_settlement_from")
    match = FINANCIAL_YEAR.match(settlement)
    if settlement and not (match and (int(match[1]) + 1) % 100 == int(match[2])):
        fail("integrated_settlement_from", f"{settlement!r} is not a financial year. Use the form 2025-26.")
    programme = cell("devolution_priority_programme").lower()
    if programme and programme not in BOOLEANS:
        fail("devolution_priority_programme", f"devolution_priority_programme must be yes or no, not {programme!r}.")
    if len(problems) > before:
        return None
    return DevolutionFacts(
        tier=tier, tier_since=since, mayoral=BOOLEANS[mayoral] if mayoral else None,
        first_mayoral_election=election, integrated_settlement_from=settlement,
        devolution_priority_programme=BOOLEANS.get(programme, False),
        source=cell("source"), notes=cell("notes"),
    )


def parse_membership(number: int, cells: dict, problems: list[Problem]) -> MembershipRow | None:
    key_column = "authority_code" if "authority_code" in cells else "authority_short_name"
    key, council = cells.get(key_column) or "", cells.get("local_authority_code") or ""
    before = len(problems)
    if not key:
        problems.append(Problem(number, key_column, "Enter the authority this council belongs to."))
    elif key_column == "authority_code" and not GSS_CODE.match(key):
        problems.append(Problem(number, key_column, f"{key!r} is not a GSS code. Use E followed by 8 digits."))
    if not GSS_CODE.match(council):
        problems.append(Problem(number, "local_authority_code", f"{council!r} is not a council GSS code. Use E followed by 8 digits."))
    if len(problems) > before:
        return None
    return MembershipRow(number, key, key_column, council, cells.get("source") or "")


@dataclass(frozen=True)
class LineageRow:
    row: int
    predecessor_code: str
    successor_code: str
    on: date
    kind: str
    source: str
    notes: str | None  # None: the file has no notes column (stored notes are kept)
    predecessor_name: str | None  # None: not given (a new link takes the body's current name)
    successor_name: str | None


def parse_lineage(number: int, cells: dict, problems: list[Problem]) -> LineageRow | None:
    """One row of a lineage file, or None with its problems appended to ``problems``."""
    before = len(problems)
    codes = {column: cells.get(column) or "" for column in ("predecessor_code", "successor_code")}
    for column, code in codes.items():
        if not GSS_CODE.match(code):
            shown = repr(code) if code else "A blank code"
            problems.append(Problem(number, column, f"{shown} is not a GSS code. Use E followed by 8 digits, like E47000001."))
    on = _date(cells.get("date") or "")
    if on is None:
        problems.append(Problem(number, "date", f"{cells.get('date') or 'A blank date'!r} is not a date. Use YYYY-MM-DD."))
    kind = cells.get("kind_of_change") or ""
    if kind not in LinkKind.values:
        problems.append(Problem(number, "kind_of_change",
                                f"{kind or 'A blank kind'!r} is not a kind of change. Use one of: {', '.join(LinkKind.values)}."))
    elif all(GSS_CODE.match(code) for code in codes.values()) and (kind in SAME_BODY_LINKS) != (codes["predecessor_code"] == codes["successor_code"]):
        problems.append(Problem(number, "kind_of_change", (
            f"The kind of change {kind} keeps the same body: give its code as both predecessor and successor."
            if kind in SAME_BODY_LINKS else
            f"The kind of change {kind} links two bodies: the predecessor and successor codes must differ."
        )))
    names = {column: cells.get(column) or None for column in ("predecessor_name", "successor_name")}
    for column, name in names.items():
        if name and len(name) > 200:
            problems.append(Problem(number, column, f"The {column.replace('_', ' ')} must be 200 characters or fewer."))
    if len(problems) > before:
        return None
    notes = (cells.get("notes") or "") if "notes" in cells else None
    return LineageRow(number, codes["predecessor_code"], codes["successor_code"], on, kind,
                      cells.get("source") or "", notes, names["predecessor_name"], names["successor_name"])


def read_reference_file(path: Path, columns: set[str]) -> list["CsvLine"]:
    """Each row of a reference file, after checking ``columns`` are present (AuthorityDataError if not)."""
    if not path.is_file():
        raise AuthorityDataError(f"{path} is missing")
    try:
        header, rows = csv_rows(path.read_text(encoding="utf-8-sig"))
    except UploadRefused as refusal:
        raise AuthorityDataError(f"{path.name}: {refusal.problems[0].message}") from None
    missing = columns - set(header)
    if missing:
        raise AuthorityDataError(f"{path.name}: missing column(s) {', '.join(sorted(missing))}")
    return [CsvLine(path, number, {key: value for key, value in cells.items() if key}) for number, cells in rows]


def reference_rows(path: Path, columns: set[str], parse) -> list:
    """Every row of a reference file through ``parse`` (a ``parse_*`` above); the first problem stops it."""
    result = []
    for line in read_reference_file(path, columns):
        problems: list[Problem] = []
        item = parse(line.number, line.row, problems)
        if problems:
            raise line.fail(f"{problems[0].column}: {problems[0].message}")
        result.append((line, item))
    return result


@dataclass(frozen=True)
class CsvLine:
    """One reference-file row, with typed getters that name the file and line when a value is bad."""

    path: Path
    number: int
    row: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.row.get(column, "")  # optional columns read as blank

    def fail(self, problem: str) -> AuthorityDataError:
        return AuthorityDataError(f"{self.path.name} line {self.number}: {problem}")

    def code(self, column: str) -> str:
        if not GSS_CODE.match(self[column]):
            raise self.fail(f"malformed GSS code {self[column]!r} in {column} (expected E and 8 digits)")
        return self[column]

    def boolean(self, column: str) -> bool:
        if self[column].lower() not in BOOLEANS:
            raise self.fail(f"{column}: expected true or false, got {self[column]!r}")
        return BOOLEANS[self[column].lower()]

    def date(self, column: str) -> date | None:
        if not self[column]:
            return None
        parsed = _date(self[column])
        if parsed is None:
            raise self.fail(f"{column}: malformed date {self[column]!r} (expected YYYY-MM-DD)")
        return parsed

    def text(self, column: str, *, max_length: int, required: bool = True) -> str:
        if required and not self[column]:
            raise self.fail(f"{column} is blank")
        if len(self[column]) > max_length:
            raise self.fail(f"{column} is longer than {max_length} characters")
        return self[column]
