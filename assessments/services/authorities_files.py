"""Read and check the authority reference files (see fixtures/authorities/README.md).

Everything is parsed and validated before the loader writes anything, so a bad file
fails with its name and line instead of half-loading.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from assessments.models import Landscape

from .authorities_csv import (
    AUTHORITY_COLUMNS,
    AuthorityDataError,
    AuthorityRow,
    DevolutionFacts,
    MembershipRow,
    csv_rows,  # noqa: F401  (the one CSV reader, re-exported for callers of this module)
    parse_authority,
    parse_devolution,
    parse_lineage,
    parse_membership,
    read_reference_file,
    reference_rows,
)

NOV_2020_STATUSES = frozenset({"mca", "ca", "cca", "lep", "sa", "not_established"})
STRATEGIC_COLUMNS = {"gss_code", "name", "tier", "tier_since", "mayoral", "first_mayoral_election",
                     "integrated_settlement_from", "devolution_priority_programme", "source"}
LINEAGE_COLUMNS = {"predecessor_code", "predecessor_name", "successor_code", "successor_name", "date",
                   "kind_of_change", "source"}


@dataclass(frozen=True)
class LocalAuthorityRow:
    code: str
    name: str
    region: str
    type: str
    current: bool
    end_date: date | None


@dataclass(frozen=True)
class AuthorityNotes:
    status_nov_2020: str
    notes: str


@dataclass(frozen=True)
class TierRow:
    authority: AuthorityRow
    tier: str
    since: str
    starts_on: date
    source: str


@dataclass(frozen=True)
class LinkRow:
    predecessor: AuthorityRow
    successor: AuthorityRow
    on: date
    kind: str
    predecessor_name: str
    successor_name: str
    source: str
    notes: str


@dataclass(frozen=True)
class AuthorityData:
    local_authorities: list[LocalAuthorityRow]
    authorities: list[AuthorityRow]  # with ``devolution`` from strategic_authorities.csv where listed
    notes: dict[str, AuthorityNotes]  # by stored short name
    memberships: dict[str, list[tuple[AuthorityRow, MembershipRow]]]  # by Landscape value
    tiers: list[TierRow]
    links: list[LinkRow]
    # lineage.csv rows naming a body that is not in authorities.csv (codes of earlier ONS records)
    links_outside: list[str]


def read_authority_data(*, directory: Path) -> AuthorityData:
    local_authorities = _local_authorities(directory)
    authorities, notes = _authorities(directory)
    authorities = _with_devolution(directory, authorities)
    by_code = {row.code: row for row in authorities if row.code}
    # memberships_uncoded.csv keys bodies by short name; stored short names are unique
    # (LEPs carry a suffix), so this still resolves once ONS gives such a body a code.
    by_short_name = {row.short_name: row for row in authorities}
    lads = {row.code for row in local_authorities}
    current = _memberships(directory / "memberships.csv", "authority_code", by_code, lads)
    current += _memberships(directory / "memberships_uncoded.csv", "authority_short_name", by_short_name, lads)
    nov_2020 = _memberships(directory / "memberships_2020.csv", "authority_code", by_code, lads)
    for landscape, rows in ((Landscape.CURRENT, current), (Landscape.NOV_2020, nov_2020)):
        if len({(authority, row.council_code) for authority, row in rows}) != len(rows):
            raise AuthorityDataError(f"A council is listed twice for one authority ({landscape.label} landscape)")
    links, outside = _links(directory, by_code)
    return AuthorityData(
        local_authorities, authorities, notes, {Landscape.CURRENT: current, Landscape.NOV_2020: nov_2020},
        _tiers(directory, authorities), links, outside,
    )


def _local_authorities(directory: Path) -> list[LocalAuthorityRow]:
    status_lines = read_reference_file(directory / "local_authority_status.csv", {"code", "current_2025", "end_date"})
    status = {line.code("code"): (line.boolean("current_2025"), line.date("end_date")) for line in status_lines}
    result = []
    for line in read_reference_file(directory / "local_authorities.csv", {"code", "name", "region", "type"}):
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
    for line in read_reference_file(directory / "authority_notes.csv", {"code", "short_name", "status_nov_2020", "notes"}):
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


def _authorities(directory: Path) -> tuple[list[AuthorityRow], dict[str, AuthorityNotes]]:
    notes = _notes(directory)
    result, result_notes = [], {}
    for _, row in reference_rows(directory / "authorities.csv", set(AUTHORITY_COLUMNS), parse_authority):
        # authority_notes.csv keys rows by code, or by the file's short name (without a LEP suffix).
        key = row.code or row.short_name.removesuffix(" LEP")
        status, note = notes.pop(key, ("", ""))
        result.append(row)
        result_notes[row.short_name] = AuthorityNotes(status, note)
    if notes:
        raise AuthorityDataError(f"authority_notes.csv: rows for authorities not in authorities.csv: {sorted(notes)}")
    codes = [row.code for row in result if row.code]
    if len(set(codes)) != len(codes) or len({row.short_name for row in result}) != len(result):
        raise AuthorityDataError("authorities.csv lists a code or short name twice")
    return result, result_notes


def _with_devolution(directory: Path, authorities: list[AuthorityRow]) -> list[AuthorityRow]:
    """Each authority with its strategic_authorities.csv row (by code, or by full name where uncoded)."""
    # By full name too, so a row stays matched when ONS codes the body before this file says so.
    by_key = {row.name: row for row in authorities} | {row.code: row for row in authorities if row.code}
    facts: dict[AuthorityRow, DevolutionFacts] = {}
    for line, devolution in reference_rows(directory / "strategic_authorities.csv", STRATEGIC_COLUMNS, parse_devolution):
        authority = by_key.get(line["gss_code"] or line["name"])
        if authority is None:
            raise line.fail(f"{line['gss_code'] or line['name']!r} is not an authority in authorities.csv")
        if authority in facts:
            raise line.fail(f"{authority.name} is listed twice")
        facts[authority] = devolution
    return [replace(row, devolution=facts[row]) if row in facts else row for row in authorities]


def _tiers(directory: Path, authorities: list[AuthorityRow]) -> list[TierRow]:
    """The tier periods: each current tier, and the earlier ones tier_history.csv records."""
    result = [
        TierRow(row, row.devolution.tier, row.devolution.tier_since, row.devolution.tier_starts_on, row.devolution.source)
        for row in authorities
        if row.devolution and row.devolution.tier
    ]
    by_code = {row.code: row for row in authorities if row.code}
    columns = {"code", "tier", "tier_since", "source"}
    for line, devolution in reference_rows(directory / "tier_history.csv", columns, parse_devolution):
        authority = by_code.get(line["code"])
        if authority is None or not devolution.tier:
            raise line.fail(f"{line['code']!r} is not an authority in authorities.csv, or the tier is blank")
        result.append(TierRow(authority, devolution.tier, devolution.tier_since, devolution.tier_starts_on, devolution.source))
    if len({(row.authority, row.starts_on) for row in result}) != len(result):
        raise AuthorityDataError("Two tier periods of one authority start on the same day")
    return result


def _links(directory: Path, by_code: dict[str, AuthorityRow]) -> tuple[list[LinkRow], list[str]]:
    """The reference lineage file through the admin import's own row parser (``parse_lineage``);
    links naming a body not in authorities.csv are set aside, by name."""
    result, outside = [], []
    for line, row in reference_rows(directory / "lineage.csv", LINEAGE_COLUMNS, parse_lineage):
        predecessor, successor = by_code.get(row.predecessor_code), by_code.get(row.successor_code)
        if predecessor is None or successor is None:
            outside.append(f"{line['predecessor_name']} → {line['successor_name']} ({line['date']})")
            continue
        result.append(LinkRow(
            predecessor, successor, row.on, row.kind, line.text("predecessor_name", max_length=200),
            line.text("successor_name", max_length=200), row.source, row.notes or "",
        ))
    return result, outside


def _memberships(path: Path, key_column: str, authorities: dict, lads: set[str]) -> list[tuple[AuthorityRow, MembershipRow]]:
    result = []
    for line, row in reference_rows(path, {key_column, "local_authority_code", "source"}, parse_membership):
        authority = authorities.get(row.authority_key)
        if authority is None:
            raise line.fail(f"{key_column} {row.authority_key!r} is not an authority in authorities.csv")
        if row.council_code not in lads:
            raise line.fail(f"council {row.council_code} is not in local_authorities.csv")
        result.append((authority, row))
    return result
