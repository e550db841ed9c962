"""Import an uploaded authorities or memberships CSV: preview what would change, then apply it.

``authorities_import_preview`` writes nothing; ``authorities_import_apply`` re-checks the
file against the database inside its transaction and applies exactly what the preview
showed. Rows equal to what is stored are left alone, so importing a file twice changes
nothing the second time.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from assessments.models import Authority, Constituent, LocalAuthority, User

from .manage_authorities_csv import (
    FileKind,
    Problem,
    UploadedAuthority,
    UploadedMembership,
    UploadRefused,
    read_upload,
)

AUTHORITY_FIELDS = ("code", "name", "short_name", "kind", "has_mayor", "established", "abolished", "source")
FIELD_LABELS = {"has_mayor": "mayor", "short_name": "short name"}


@dataclass(frozen=True)
class PlanLine:
    row: int
    label: str
    detail: str = ""


@dataclass
class ImportPlan:
    kind: FileKind
    created: list[PlanLine] = field(default_factory=list)
    updated: list[PlanLine] = field(default_factory=list)
    unchanged: list[PlanLine] = field(default_factory=list)
    # Applied in authorities_import_apply; not shown beyond their counts.
    _authority_writes: list[tuple[Authority | None, dict]] = field(default_factory=list, repr=False)
    _membership_writes: dict[int, dict[int, str]] = field(default_factory=dict, repr=False)

    @property
    def changes(self) -> bool:
        return bool(self.created or self.updated)


def authorities_import_preview(*, content: bytes, kind: FileKind) -> ImportPlan:
    """What importing the file would do; UploadRefused (with every problem) if it cannot be imported."""
    rows = read_upload(content=content, kind=kind)
    if kind is FileKind.AUTHORITIES:
        return _plan_authorities(rows)
    return _plan_memberships(rows, kind)


@transaction.atomic
def authorities_import_apply(*, content: bytes, kind: FileKind, user: User) -> ImportPlan:
    plan = authorities_import_preview(content=content, kind=kind)
    for authority, values in plan._authority_writes:
        if authority is None:
            authority = Authority(**values)
        else:
            for name, value in values.items():
                setattr(authority, name, value)
        authority._history_user = user
        authority._change_reason = "Imported from a CSV file"
        authority.save()
    for authority_id, wanted in plan._membership_writes.items():
        _sync_memberships(authority_id, kind.landscape, wanted)
    return plan


def _plan_authorities(rows: list[UploadedAuthority]) -> ImportPlan:
    plan = ImportPlan(FileKind.AUTHORITIES)
    existing = list(Authority.objects.all())
    by_code = {a.code: a for a in existing if a.code}
    by_short_name = {a.short_name: a for a in existing}
    problems = []
    for row in rows:
        values = {name: getattr(row, name) for name in AUTHORITY_FIELDS}
        # As the reference loader: by code, or an uncoded body by its short name.
        authority = by_code.get(row.code) if row.code else None
        if authority is None:
            candidate = by_short_name.get(row.short_name)
            authority = candidate if candidate is not None and not candidate.code else None
        clash = by_short_name.get(row.short_name)
        if clash is not None and clash != authority:
            problems.append(Problem(row.row, "short_name", f"{row.short_name} is the short name of another authority ({clash.code or 'no code'})."))
            continue
        label = f"{row.short_name} ({row.code or 'no code yet'})"
        if authority is None:
            plan.created.append(PlanLine(row.row, label))
            plan._authority_writes.append((None, values))
            continue
        changed = [name for name, value in values.items() if getattr(authority, name) != value]
        if changed:
            detail = "Changes " + ", ".join(FIELD_LABELS.get(name, name) for name in changed)
            plan.updated.append(PlanLine(row.row, label, detail))
            plan._authority_writes.append((authority, {name: values[name] for name in changed}))
        else:
            plan.unchanged.append(PlanLine(row.row, label))
    if problems:
        raise UploadRefused(problems)
    return plan


def _plan_memberships(rows: list[UploadedMembership], kind: FileKind) -> ImportPlan:
    plan = ImportPlan(kind)
    authorities = {}
    for authority in Authority.objects.only("pk", "code", "short_name"):
        if authority.code:
            authorities[("authority_code", authority.code)] = authority
        authorities[("authority_short_name", authority.short_name)] = authority
    councils = dict(LocalAuthority.objects.values_list("code", "pk"))
    problems, wanted, first_row = [], {}, {}
    for row in rows:
        authority = authorities.get((row.key_column, row.authority_key))
        if authority is None:
            problems.append(Problem(row.row, row.key_column, f"{row.authority_key} is not an authority the service knows. Import it first."))
        if row.council_code not in councils:
            problems.append(Problem(row.row, "local_authority_code", f"{row.council_code} is not a council the service knows."))
        if authority is not None and row.council_code in councils:
            wanted.setdefault(authority, {})[councils[row.council_code]] = row.source
            first_row.setdefault(authority, row.row)
    if problems:
        raise UploadRefused(problems)
    existing: dict[int, dict[int, str]] = {}
    members = Constituent.objects.filter(authority__in=wanted, landscape=kind.landscape)
    for authority_id, council_id, source in members.values_list("authority_id", "local_authority_id", "source"):
        existing.setdefault(authority_id, {})[council_id] = source
    for authority, councils_wanted in wanted.items():
        have = existing.get(authority.pk, {})
        added = len(councils_wanted.keys() - have.keys())
        removed = len(have.keys() - councils_wanted.keys())
        resourced = sum(1 for pk, source in councils_wanted.items() if pk in have and have[pk] != source)
        line = f"{authority.short_name} ({authority.code or 'no code yet'})"
        if not have:
            plan.created.append(PlanLine(first_row[authority], line, f"{added} councils"))
        elif added or removed or resourced:
            detail = f"{added} councils added, {removed} removed, {resourced} with a new source"
            plan.updated.append(PlanLine(first_row[authority], line, detail))
        else:
            plan.unchanged.append(PlanLine(first_row[authority], line, f"{len(have)} councils"))
            continue
        plan._membership_writes[authority.pk] = councils_wanted
    return plan


def _sync_memberships(authority_id: int, landscape: str, wanted: dict[int, str]) -> None:
    members = {m.local_authority_id: m for m in Constituent.objects.filter(authority_id=authority_id, landscape=landscape)}
    Constituent.objects.filter(authority_id=authority_id, landscape=landscape).exclude(local_authority_id__in=wanted).delete()
    new = []
    for council_id, source in wanted.items():
        member = members.get(council_id)
        if member is None:
            new.append(Constituent(authority_id=authority_id, local_authority_id=council_id, landscape=landscape, source=source))
        elif member.source != source:
            member.source = source
            member.save(update_fields=["source"])
    Constituent.objects.bulk_create(new)
