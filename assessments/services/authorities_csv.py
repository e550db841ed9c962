"""Reading the authority reference CSV files: typed cells, errors that name file and line."""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# [0-9], not \d: \d also matches non-ASCII digits, which the database check refuses.
GSS_CODE = re.compile(r"^E[0-9]{8}$")
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
BOOLEANS = {"true": True, "false": False}


class AuthorityDataError(ValueError):
    """A reference file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class CsvLine:
    """One CSV row, with typed getters that name the file and line when a value is bad."""

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
        try:
            if ISO_DATE.match(self[column]):
                return date.fromisoformat(self[column])
        except ValueError:
            pass
        raise self.fail(f"{column}: malformed date {self[column]!r} (expected YYYY-MM-DD)")

    def text(self, column: str, *, max_length: int, required: bool = True) -> str:
        if required and not self[column]:
            raise self.fail(f"{column} is blank")
        if len(self[column]) > max_length:
            raise self.fail(f"{column} is longer than {max_length} characters")
        return self[column]


def csv_lines(path: Path, columns: set[str]) -> Iterator[CsvLine]:
    """Each row of ``path`` with spaces trimmed, after checking ``columns`` are present."""
    if not path.is_file():
        raise AuthorityDataError(f"{path} is missing")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = columns - set(reader.fieldnames or [])
        if missing:
            raise AuthorityDataError(f"{path.name}: missing column(s) {', '.join(sorted(missing))}")
        for row in reader:
            yield CsvLine(path, reader.line_num, {key: (value or "").strip() for key, value in row.items() if key})
