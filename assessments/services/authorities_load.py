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

from assessments.models import Authority, AuthorityLink, Constituent, Landscape, LocalAuthority, TierPeriod

from .authorities_csv import AUTHORITY_FIELDS, DEVOLUTION_FIELDS, AuthorityRow
from .authorities_files import AuthorityData, AuthorityDataError, read_authority_data

__all__ = ["AuthorityDataError", "LoadReport", "Tally", "authorities_load"]

LOCAL_AUTHORITY_FIELDS = ("name", "region", "type", "current", "end_date")
LINK_FIELDS = ("kind", "predecessor_name", "successor_name", "source", "notes")


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
    tiers: Tally = field(default_factory=Tally)
    links: Tally = field(default_factory=Tally)
    links_outside: list[str] = field(default_factory=list)

    @property
    def tallies(self) -> list[tuple[str, Tally]]:
        members = [(f"Memberships ({Landscape(key).label} landscape)", tally) for key, tally in self.members.items()]
        return [
            ("Local authorities", self.local_authorities), ("Authorities", self.authorities), *members,
            ("Strategic-authority tier periods", self.tiers), ("Lineage links", self.links),
        ]

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
        if self.links_outside:
            lines.append(f"Lineage links not loaded, naming a body not in authorities.csv: {len(self.links_outside)}")
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
        wanted = {(authority_ids[authority], lad_ids[row.council_code]): row.source for authority, row in rows}
        _sync_members(landscape, wanted, report.members[landscape])
    _sync_tiers(data, authority_ids, report.tiers)
    _load_links(data, authority_ids, report.links)
    report.links_outside = data.links_outside
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
        notes = data.notes[row.short_name]
        values |= {"status_nov_2020": notes.status_nov_2020, "notes": notes.notes}
        if row.devolution is not None:
            values |= {name: getattr(row.devolution, name) for name in DEVOLUTION_FIELDS}
            values |= {"devolution_source": row.devolution.source, "devolution_notes": row.devolution.notes}
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


def _sync_tiers(data: AuthorityData, authority_ids: dict[AuthorityRow, int], tally: Tally) -> None:
    """Make the tier periods of each authority the files give tiers for exactly the files' periods."""
    wanted = {(authority_ids[row.authority], row.starts_on): row for row in data.tiers}
    listed = {authority for authority, _ in wanted}
    existing = {(p.authority_id, p.starts_on): p for p in TierPeriod.objects.filter(authority_id__in=listed)}
    new, changed = [], []
    for key, row in wanted.items():
        values = {"tier": row.tier, "since": row.since, "source": row.source}
        period = existing.get(key)
        if period is None:
            new.append(TierPeriod(authority_id=key[0], starts_on=key[1], **values))
        elif _changed_fields(period, values):
            changed.append(period)
    stale = [period.pk for key, period in existing.items() if key not in wanted]
    TierPeriod.objects.filter(pk__in=stale).delete()
    TierPeriod.objects.bulk_create(new)
    if changed:
        TierPeriod.objects.bulk_update(changed, ["tier", "since", "source"])
    tally.created, tally.updated, tally.removed = len(new), len(changed), len(stale)
    tally.unchanged = len(existing) - len(changed) - len(stale)


def _load_links(data: AuthorityData, authority_ids: dict[AuthorityRow, int], tally: Tally) -> None:
    """Add or update the files' lineage links. Links an admin added are kept."""
    existing = {(link.predecessor_id, link.successor_id, link.on): link for link in AuthorityLink.objects.all()}
    for row in data.links:
        key = (authority_ids[row.predecessor], authority_ids[row.successor], row.on)
        values = {name: getattr(row, name) for name in LINK_FIELDS}
        link = existing.get(key)
        if link is None:
            AuthorityLink.objects.create(predecessor_id=key[0], successor_id=key[1], on=key[2], **values)
            tally.created += 1
        elif changed := _changed_fields(link, values):
            link.save(update_fields=changed)
            tally.updated += 1
        else:
            tally.unchanged += 1
