"""Read and check the authority reference files (see fixtures/authorities/README.md).

Everything is parsed and validated before the loader writes anything, so a bad file
fails with its name and line instead of half-loading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assessments.models import AuthorityKind, Landscape

from .authorities_csv import AuthorityDataError, csv_lines

YEAR = re.compile(r"^[0-9]{4}$")
NOV_2020_STATUSES = frozenset({"mca", "ca", "cca", "lep", "not_established"})


@dataclass(frozen=True)
class LocalAuthorityRow:
    code: str
    name: str
    region: str
    type: str
    current: bool
    end_date: date | None


@dataclass(frozen=True)
class AuthorityRow:
    code: str | None
    name: str
    short_name: str  # as stored, unique across kinds
    kind: str
    has_mayor: bool
    established: str
    abolished: date | None
    status_nov_2020: str
    notes: str
    source: str


@dataclass(frozen=True)
class MembershipRow:
    authority: AuthorityRow
    local_authority_code: str
    source: str


@dataclass(frozen=True)
class AuthorityData:
    local_authorities: list[LocalAuthorityRow]
    authorities: list[AuthorityRow]
    memberships: dict[str, list[MembershipRow]]  # by Landscape value


def read_authority_data(*, directory: Path) -> AuthorityData:
    local_authorities = _local_authorities(directory)
    authorities = _authorities(directory)
    by_code = {row.code: row for row in authorities if row.code}
    # memberships_uncoded.csv keys bodies by short name; stored short names are unique
    # (LEPs carry a suffix), so this still resolves once ONS gives such a body a code.
    by_short_name = {row.short_name: row for row in authorities}
    lads = {row.code for row in local_authorities}
    current = _memberships(directory / "memberships.csv", "authority_code", by_code, lads)
    current += _memberships(directory / "memberships_uncoded.csv", "authority_short_name", by_short_name, lads)
    nov_2020 = _memberships(directory / "memberships_2020.csv", "authority_code", by_code, lads)
    for landscape, rows in ((Landscape.CURRENT, current), (Landscape.NOV_2020, nov_2020)):
        if len({(row.authority, row.local_authority_code) for row in rows}) != len(rows):
            raise AuthorityDataError(f"A council is listed twice for one authority ({landscape.label} landscape)")
    return AuthorityData(local_authorities, authorities, {Landscape.CURRENT: current, Landscape.NOV_2020: nov_2020})


def _local_authorities(directory: Path) -> list[LocalAuthorityRow]:
    status_lines = csv_lines(directory / "local_authority_status.csv", {"code", "current_2025", "end_date"})
    status = {line.code("code"): (line.boolean("current_2025"), line.date("end_date")) for line in status_lines}
    result = []
    for line in csv_lines(directory / "local_authorities.csv", {"code", "name", "region", "type"}):
        # A council with no status row is taken to be current: the status file only adds detail.
        current, end_date = status.pop(line.code("code"), (True, None))
        row = LocalAuthorityRow(
            code=line.code("code"),
            name=line.text("name", max_length=200),
            region=line.text("region", max_length=100, required=False),
            type=line.text("type", max_length=100, required=False),
            current=current,
            end_date=end_date,
        )
        result.append(row)
    if status:
        raise AuthorityDataError(f"local_authority_status.csv: codes not in local_authorities.csv: {sorted(status)}")
    if len({row.code for row in result}) != len(result):
        raise AuthorityDataError("local_authorities.csv lists a code twice")
    return result


def _notes(directory: Path) -> dict[str, tuple[str, str]]:
    """(status in Nov 2020, notes text) keyed by code, or by short name where uncoded."""
    notes = {}
    for line in csv_lines(directory / "authority_notes.csv", {"code", "short_name", "status_nov_2020", "notes"}):
        if line["status_nov_2020"] not in NOV_2020_STATUSES:
            raise line.fail(f"unknown status_nov_2020 {line['status_nov_2020']!r}")
        parts = [
            line["notes"],
            f"Other names: {line['other_names']}" if line["other_names"] else "",
            f"First mayoral election: {line['first_mayoral_election']}" if line["first_mayoral_election"] else "",
            f"Sources for these notes: {line['source']}" if line["source"] else "",
        ]
        notes[line["code"] or line["short_name"]] = (line["status_nov_2020"], "\n".join(filter(None, parts)))
    return notes


def _authorities(directory: Path) -> list[AuthorityRow]:
    notes = _notes(directory)
    result = []
    columns = {"code", "name", "short_name", "kind", "has_mayor", "established", "abolished", "source"}
    for line in csv_lines(directory / "authorities.csv", columns):
        code = line.code("code") if line["code"] else None
        kind = line["kind"]
        if kind not in AuthorityKind.values:
            raise line.fail(f"unknown kind {kind!r} (expected one of {', '.join(AuthorityKind.values)})")
        # Kept as text because some sources give only the year; anything else must be a date.
        if not YEAR.match(line["established"]):
            line.date("established")
        short_name = line.text("short_name", max_length=96)
        # Nine LEPs share a short name with a combined authority ("Greater Manchester"),
        # and Authority.short_name is unique, so LEPs carry a suffix.
        if kind == AuthorityKind.LEP and not short_name.endswith(" LEP"):
            short_name = f"{short_name} LEP"
        status, note = notes.pop(code or line["short_name"], ("", ""))
        row = AuthorityRow(
            code=code,
            name=line.text("name", max_length=200),
            short_name=short_name,
            kind=kind,
            has_mayor=line.boolean("has_mayor"),
            established=line["established"],
            abolished=line.date("abolished"),
            status_nov_2020=status,
            notes=note,
            source=line["source"],
        )
        result.append(row)
    if notes:
        raise AuthorityDataError(f"authority_notes.csv: rows for authorities not in authorities.csv: {sorted(notes)}")
    codes = [row.code for row in result if row.code]
    if len(set(codes)) != len(codes) or len({row.short_name for row in result}) != len(result):
        raise AuthorityDataError("authorities.csv lists a code or short name twice")
    return result


def _memberships(path: Path, key_column: str, authorities: dict, lads: set[str]) -> list[MembershipRow]:
    result = []
    for line in csv_lines(path, {key_column, "local_authority_code", "source"}):
        authority = authorities.get(line[key_column])
        if authority is None:
            raise line.fail(f"{key_column} {line[key_column]!r} is not an authority in authorities.csv")
        lad = line.code("local_authority_code")
        if lad not in lads:
            raise line.fail(f"council {lad} is not in local_authorities.csv")
        result.append(MembershipRow(authority, lad, line["source"]))
    return result
