"""Load the authority reference files into the database, idempotently.

The files are the truth: councils and authorities are updated in place (by GSS code, or
by short name for the bodies ONS has not coded yet) and memberships missing from a file
are removed from its landscape. Authorities and councils missing from the files are
kept, because assessments and memberships protect them; the files only ever add bodies.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from assessments.models import Authority, Constituent, Landscape, LocalAuthority

from .authorities_files import AuthorityData, AuthorityDataError, AuthorityRow, read_authority_data

__all__ = ["AuthorityDataError", "LoadReport", "Tally", "authorities_load"]

LOCAL_AUTHORITY_FIELDS = ("name", "region", "type", "current", "end_date")
AUTHORITY_FIELDS = (
    "code", "name", "short_name", "kind", "has_mayor", "established", "abolished", "status_nov_2020", "notes", "source",
)


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def __str__(self) -> str:
        text = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        return f"{text}, {self.removed} removed" if self.removed else text


@dataclass
class LoadReport:
    local_authorities: Tally = field(default_factory=Tally)
    authorities: Tally = field(default_factory=Tally)
    # Keyed by Landscape value, current first.
    members: dict[str, Tally] = field(
        default_factory=lambda: {Landscape.CURRENT: Tally(), Landscape.NOV_2020: Tally()}
    )

    @property
    def tallies(self) -> list[tuple[str, Tally]]:
        members = [(f"Memberships ({Landscape(key).label} landscape)", tally) for key, tally in self.members.items()]
        return [("Local authorities", self.local_authorities), ("Authorities", self.authorities), *members]

    @property
    def created(self) -> int:
        return sum(tally.created for _, tally in self.tallies)

    @property
    def updated(self) -> int:
        return sum(tally.updated for _, tally in self.tallies)

    @property
    def removed(self) -> int:
        return sum(tally.removed for _, tally in self.tallies)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)

    def lines(self) -> list[str]:
        lines = [f"{label}: {tally}" for label, tally in self.tallies]
        lines.append(f"Total: {self.created} created, {self.updated} updated, {self.removed} removed")
        return lines


@transaction.atomic
def authorities_load(*, directory: Path) -> LoadReport:
    """Load councils, authorities and both landscapes' memberships from ``directory``."""
    data = read_authority_data(directory=directory)
    report = LoadReport()
    lad_ids = _load_local_authorities(data, report.local_authorities)
    authority_ids = _load_authorities(data, report.authorities)
    for landscape, rows in data.memberships.items():
        wanted = {(authority_ids[row.authority], lad_ids[row.local_authority_code]): row.source for row in rows}
        _sync_members(landscape, wanted, report.members[landscape])
    return report


def _changed_fields(instance, values: dict) -> list[str]:
    """Set the values that differ and return their names, so unchanged rows are not saved."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed


def _load_local_authorities(data: AuthorityData, tally: Tally) -> dict[str, int]:
    existing = {council.code: council for council in LocalAuthority.objects.all()}
    new, changed = [], []
    for row in data.local_authorities:
        values = {name: getattr(row, name) for name in LOCAL_AUTHORITY_FIELDS}
        council = existing.get(row.code)
        if council is None:
            new.append(LocalAuthority(code=row.code, **values))
        elif _changed_fields(council, values):
            changed.append(council)
    LocalAuthority.objects.bulk_create(new)
    if changed:
        LocalAuthority.objects.bulk_update(changed, LOCAL_AUTHORITY_FIELDS)
    tally.created, tally.updated = len(new), len(changed)
    tally.unchanged = len(data.local_authorities) - len(new) - len(changed)
    # Read back rather than trust bulk_create to set primary keys on every backend.
    return dict(LocalAuthority.objects.values_list("code", "pk"))


def _load_authorities(data: AuthorityData, tally: Tally) -> dict[AuthorityRow, int]:
    existing = list(Authority.objects.all())
    by_code = {authority.code: authority for authority in existing if authority.code}
    # An uncoded body is known by its short name; when ONS codes it, the first load of
    # the coded file finds it the same way and gives it the code instead of a duplicate.
    uncoded = {authority.short_name: authority for authority in existing if not authority.code}
    ids = {}
    for row in data.authorities:
        values = {name: getattr(row, name) for name in AUTHORITY_FIELDS}
        authority = by_code.get(row.code) or uncoded.get(row.short_name)
        if authority is None:
            authority = Authority.objects.create(**values)
            tally.created += 1
        elif changed := _changed_fields(authority, values):
            authority.save(update_fields=changed)
            tally.updated += 1
        else:
            tally.unchanged += 1
        ids[row] = authority.pk
    return ids


def _sync_members(landscape: str, wanted: dict[tuple[int, int], str], tally: Tally) -> None:
    """Make ``landscape``'s memberships exactly ``wanted`` ((authority, council) -> source)."""
    existing = {
        (member.authority_id, member.local_authority_id): member
        for member in Constituent.objects.filter(landscape=landscape)
    }
    new = [
        Constituent(authority_id=authority, local_authority_id=council, landscape=landscape, source=source)
        for (authority, council), source in wanted.items()
        if (authority, council) not in existing
    ]
    changed = [
        member
        for key, member in existing.items()
        if key in wanted and _changed_fields(member, {"source": wanted[key]})
    ]
    stale = [member.pk for key, member in existing.items() if key not in wanted]
    Constituent.objects.bulk_create(new)
    if changed:
        Constituent.objects.bulk_update(changed, ["source"])
    if stale:
        Constituent.objects.filter(pk__in=stale).delete()
    tally.created, tally.updated, tally.removed = len(new), len(changed), len(stale)
    tally.unchanged = len(existing) - len(changed) - len(stale)
