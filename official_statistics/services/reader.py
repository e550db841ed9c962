"""Reading one ONS indicator folder's CSV + JSON pair into checked rows, or every problem with its row.

Nothing here touches the database. The whole file is read and checked first; a file with
any problem is refused whole (``UploadRefused``, one ``Problem`` per bad cell or row).
The real format's quirks are input, not errors: a UTF-8 byte-order mark or none, quoted
names with commas, several indicators in one file, periods with or without a duration,
empty observations with a status, confidence bounds, combined authorities listed twice
under two geography labels with the same figures, and rows for places outside England
(skipped on purpose, and counted).
"""
from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import math
from collections import Counter
from dataclasses import dataclass, field

from assessments.services.manage_authorities_csv import FILE_LEVEL, Problem, UploadRefused

from ..catalogue import CATALOGUE, area_type, skip_reason
from ..periods import PeriodError, parse_period

COLUMNS = ("areacd", "areanm", "geography", "indicator", "period", "observation", "measure", "unit", "lci_95", "uci_95", "status", "notes")
REQUIRED = ("areacd", "areanm", "indicator", "period", "observation")
MAX_CSV_BYTES = 10_000_000  # the largest real file is about 2 MB
MAX_JSON_BYTES = 200_000
MAX_PROBLEMS = 200  # enough to fix a file from; the count of the rest is given
METADATA_KEY = "ess-beta-metadata"


@dataclass(frozen=True)
class IndicatorMeta:
    name: str
    label: str
    subtitle: str
    description: str
    caveats: str
    decimal_places: int
    prefix: str
    suffix: str
    sub_text: str
    measure: str
    unit: str


@dataclass(frozen=True)
class Row:
    line: int
    indicator: str
    area_code: str
    area_name: str
    area_type: str
    period: str
    period_start: datetime.date
    period_months: int
    value: float | None
    lower: float | None
    upper: float | None
    status: str
    notes: str

    @property
    def key(self) -> tuple:
        return (self.indicator, self.area_code, self.period_start, self.period_months)

    @property
    def figures(self) -> tuple:
        return (self.value, self.lower, self.upper, self.status)


@dataclass
class ParsedDataset:
    slug: str
    digest: str
    source_org: str
    source_url: str
    release_date: datetime.date
    note: str
    indicators: dict[str, IndicatorMeta]  # in the order of first appearance in the CSV
    rows: list[Row]
    file_rows: int
    skipped: Counter = field(default_factory=Counter)  # reason -> rows not kept
    duplicates: int = 0  # the same figures listed again under another geography label


def digest_of(*, csv_bytes: bytes, json_bytes: bytes) -> str:
    return hashlib.sha256(hashlib.sha256(csv_bytes).digest() + hashlib.sha256(json_bytes).digest()).hexdigest()


def _text(content: bytes, *, what: str, limit: int) -> str:
    if len(content) > limit:
        size = f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} kB"
        raise UploadRefused([Problem(FILE_LEVEL, "", f"The {what} file is larger than {size}.")])
    if b"\x00" in content:
        raise UploadRefused([Problem(FILE_LEVEL, "", f"The {what} file is not a text file.")])
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused([Problem(FILE_LEVEL, "", f"The {what} file is not encoded as UTF-8.")]) from None


def _str(value) -> str:
    return "" if value is None else str(value).strip()


def _first(value) -> str:
    """ONS joins the sources of a UK-wide file with '|': the first is England's (and Wales's)."""
    return _str(value).split("|")[0].strip()


def _read_metadata(text: str) -> tuple[dict, dict[str, dict], str]:
    """(shared fields, per-indicator fields, ONS's note) from either shape of the JSON file."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise UploadRefused([Problem(FILE_LEVEL, "metadata", f"The JSON file is not valid JSON ({error}).")]) from None
    meta = data.get(METADATA_KEY) if isinstance(data, dict) else None
    if not isinstance(meta, dict):
        raise UploadRefused([Problem(FILE_LEVEL, "metadata", f"The JSON file has no “{METADATA_KEY}” object: is it an ONS indicator's metadata?")])
    note = _str(data.get("_note"))[:300]
    if "shared" in meta:
        per = {key: value for key, value in meta.items() if key != "shared" and isinstance(value, dict)}
        return (meta["shared"] if isinstance(meta["shared"], dict) else {}), per, note
    return meta, {}, note  # one indicator: its fields at the top level


def _release_date(shared: dict) -> datetime.date:
    text = _first(shared.get("sourceDate"))
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise UploadRefused([Problem(FILE_LEVEL, "sourceDate", f"The JSON file's sourceDate “{text}” is not a date like 19/06/2025.")]) from None


def _decimal_places(*sources: dict) -> int | None:
    for source in sources:
        value = source.get("decimalPlaces")
        if value is not None:
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
                return value
            return None
    return None


def _number(text: str) -> float | None:
    if text == "":
        return None
    value = float(text)  # ValueError for the caller
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def read_dataset(*, slug: str, csv_bytes: bytes, json_bytes: bytes) -> ParsedDataset:
    """The checked rows of one folder's files; UploadRefused listing every problem otherwise."""
    csv_text = _text(csv_bytes, what="CSV", limit=MAX_CSV_BYTES)
    json_text = _text(json_bytes, what="JSON", limit=MAX_JSON_BYTES)
    shared, per_indicator, note = _read_metadata(json_text)
    problems: list[Problem] = []
    source_url = _first(shared.get("sourceURL"))
    if not source_url.startswith(("https://", "http://")):
        problems.append(Problem(FILE_LEVEL, "sourceURL", "The JSON file has no source address (sourceURL)."))
    try:
        release_date = _release_date(shared)
    except UploadRefused as refusal:
        problems += refusal.problems
        release_date = None

    if not csv_text.strip():
        raise UploadRefused([Problem(FILE_LEVEL, "", "The CSV file is empty.")])
    reader = csv.DictReader(io.StringIO(csv_text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        problems += [Problem(1, column, f"The column {column} is missing. The first row must be: {','.join(COLUMNS)}") for column in missing]
        raise UploadRefused(problems)

    rows: dict[tuple, Row] = {}
    first_line: dict[tuple, int] = {}
    skipped: Counter = Counter()
    duplicates = 0
    file_rows = 0
    indicator_rows: dict[str, dict[str, str]] = {}  # name -> measure and unit of its first row
    try:
        for raw in reader:
            file_rows += 1
            line = reader.line_num
            if None in raw or any(value is None for value in raw.values()):
                problems.append(Problem(line, "", f"The row has {'more' if None in raw else 'fewer'} cells than the header."))
                continue
            cells = {key: value.strip() for key, value in raw.items()}
            row_problems = [Problem(line, column, f"{column} is empty.") for column in REQUIRED if column != "observation" and not cells[column]]
            if row_problems:
                problems += row_problems
                continue
            code = cells["areacd"]
            if len(code) > 9 or not code.isalnum() or not code.isascii():
                problems.append(Problem(line, "areacd", f"“{code[:40]}” is not a GSS or ITL area code."))
                continue
            name = cells["indicator"]
            if name not in CATALOGUE:
                problems.append(Problem(
                    line, "indicator",
                    f"“{name[:80]}” is not an indicator the service knows: "
                    "its mission and direction must be added to official_statistics/catalogue.py first.",
                ))
                continue
            indicator_rows.setdefault(name, {"measure": cells["measure"], "unit": cells["unit"]})
            try:
                period = parse_period(cells["period"])
            except PeriodError as error:
                problems.append(Problem(line, "period", str(error)))
                continue
            try:
                value, lower, upper = (_number(cells[c]) for c in ("observation", "lci_95", "uci_95"))
            except ValueError:
                bad = next(c for c in ("observation", "lci_95", "uci_95") if not _is_number(cells[c]))
                problems.append(Problem(line, bad, f"“{cells[bad][:40]}” is not a number."))
                continue
            if lower is not None and upper is not None and lower > upper:
                problems.append(Problem(line, "lci_95", f"The lower bound {lower:g} is above the upper bound {upper:g}."))
                continue
            kind = area_type(code)
            if kind is None:
                skipped[skip_reason(code)] += 1
                continue
            row = Row(
                line=line, indicator=name, area_code=code, area_name=cells["areanm"][:200], area_type=kind,
                period=cells["period"][:40], period_start=period.start, period_months=period.months,
                value=value, lower=lower, upper=upper, status=cells["status"][:20], notes=cells["notes"],
            )
            seen = rows.get(row.key)
            if seen is None:
                rows[row.key] = row
                first_line[row.key] = line
            elif seen.figures == row.figures:
                duplicates += 1  # e.g. a combined authority under "ITL Level 2" as well
            else:
                problems.append(Problem(line, "observation", f"{code} {name} {cells['period']} is also on row {first_line[row.key]} with different figures."))
    except csv.Error as error:
        problems.append(Problem(reader.line_num, "", f"The CSV file is not readable from here on ({error})."))
    if file_rows == 0:
        problems.append(Problem(FILE_LEVEL, "", "The CSV file has a header but no rows."))

    indicators: dict[str, IndicatorMeta] = {}
    single = not per_indicator
    if single and len(indicator_rows) > 1:
        problems.append(Problem(FILE_LEVEL, "metadata", "The CSV file has several indicators but the JSON file describes only one."))
    for name, first in indicator_rows.items():
        own = shared if single else per_indicator.get(name)
        if own is None:
            problems.append(Problem(FILE_LEVEL, "metadata", f"The JSON file does not describe the indicator “{name}”."))
            continue
        places = _decimal_places(own, shared)
        if places is None:
            problems.append(Problem(FILE_LEVEL, "decimalPlaces", f"The JSON file gives no decimal places (0 to 6) for “{name}”."))
            continue
        indicators[name] = IndicatorMeta(
            name=name, label=_str(own.get("label")) or name, subtitle=_str(own.get("subtitle")),
            description=_str(own.get("longDescription")), caveats=_str(own.get("caveats")) or _str(shared.get("caveats")),
            decimal_places=places, prefix="£" if _str(shared.get("prefix")) == "GBPSign" else _str(shared.get("prefix"))[:10],
            suffix=_str(shared.get("suffix"))[:10], sub_text=_str(shared.get("subText"))[:100],
            measure=first["measure"][:200], unit=first["unit"][:100],
        )
    if problems:
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            problems = problems[:MAX_PROBLEMS] + [Problem(FILE_LEVEL, "", f"And {more:,} more problems not listed.")]
        raise UploadRefused(problems)
    return ParsedDataset(
        slug=slug, digest=digest_of(csv_bytes=csv_bytes, json_bytes=json_bytes),
        source_org=_first(shared.get("sourceOrg"))[:300] or "Office for National Statistics", source_url=source_url[:500],
        release_date=release_date, note=note, indicators=indicators, rows=list(rows.values()),
        file_rows=file_rows, skipped=skipped, duplicates=duplicates,
    )


def _is_number(text: str) -> bool:
    try:
        _number(text)
    except ValueError:
        return False
    return True
