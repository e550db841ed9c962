"""Import an uploaded authorities or memberships CSV: preview what would change, then apply it.

``authorities_import_preview`` writes nothing; ``authorities_import_apply`` re-checks the
file against the database inside its transaction and applies exactly what the preview
showed. Rows equal to what is stored are left alone, so importing a file twice changes
nothing the second time.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from assessments.models import (
    Authority,
    AuthorityLink,
    Constituent,
    LinkKind,
    LocalAuthority,
    StrategicTier,
    TierPeriod,
    User,
)

from .authorities_csv import AUTHORITY_FIELDS, DEVOLUTION_FIELDS, FILE_LEVEL, AuthorityRow, LineageRow, MembershipRow
from .manage_authorities_csv import FileKind, Problem, UploadRefused, read_upload
from .manage_devolution import record_authority_change

FIELD_LABELS = {
    "has_mayor": "mayor", "short_name": "short name", "mayoral": "mayoral in law",
    "first_mayoral_election": "first mayoral election", "integrated_settlement_from": "Integrated Settlement",
    "devolution_priority_programme": "Devolution Priority Programme", "tier": "tier",
}


@dataclass(frozen=True)
class PlanLine:
    row: int
    label: str
    detail: str = ""


@dataclass
class AuthorityImportPlan:
    kind: FileKind
    created: list[PlanLine] = field(default_factory=list)
    updated: list[PlanLine] = field(default_factory=list)
    unchanged: list[PlanLine] = field(default_factory=list)
    # Applied in authorities_import_apply; not shown beyond their counts.
    _authority_writes: list[tuple[Authority | None, dict]] = field(default_factory=list, repr=False)
    # (row's code or short name, tier, since, starts_on): a tier period to add, after the authorities are saved
    _tier_writes: list[tuple[str, str, str, object]] = field(default_factory=list, repr=False)
    _membership_writes: dict[int, dict[int, str]] = field(default_factory=dict, repr=False)
    # (the stored link, or None to create one; the values to set; the audit trail's reason)
    _link_writes: list[tuple[AuthorityLink | None, dict, str]] = field(default_factory=list, repr=False)

    @property
    def changes(self) -> bool:
        return bool(self.created or self.updated)


def authorities_import_preview(*, content: bytes, kind: FileKind) -> AuthorityImportPlan:
    """What importing the file would do; UploadRefused (with every problem) if it cannot be imported."""
    rows = read_upload(content=content, kind=kind)
    if kind is FileKind.AUTHORITIES:
        return _plan_authorities(rows)
    if kind is FileKind.LINEAGE:
        return _plan_links(rows)
    return _plan_memberships(rows, kind)


@transaction.atomic
def authorities_import_apply(*, content: bytes, kind: FileKind, user: User) -> AuthorityImportPlan:
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
    for short_name, tier, since, starts_on in plan._tier_writes:
        authority = Authority.objects.get(short_name=short_name)
        TierPeriod.objects.update_or_create(
            authority=authority, starts_on=starts_on,
            defaults={"tier": tier, "since": since, "source": "Imported from a CSV file"},
        )
        authority._history_user = user
        authority._change_reason = f"Tier: {StrategicTier(tier).label} from {since} (imported from a CSV file)"
        authority.save()
    for authority_id, wanted in plan._membership_writes.items():
        _sync_memberships(authority_id, kind.landscape, wanted)
    for link, values, reason in plan._link_writes:
        _write_link(link, values, reason=reason, user=user)
    return plan


IMPORTED = "imported from a CSV file"
LINK_VALUES = ("kind", "source", "notes", "predecessor_name", "successor_name")


def _plan_links(rows: list[LineageRow]) -> AuthorityImportPlan:
    """Links in the file are created or updated (by predecessor, successor and date); others are kept."""
    plan = AuthorityImportPlan(FileKind.LINEAGE)
    authorities = {a.code: a for a in Authority.objects.exclude(code=None).exclude(code="")}
    existing = {(link.predecessor_id, link.successor_id, link.on): link for link in AuthorityLink.objects.all()}
    problems = []
    for row in rows:
        predecessor, successor = authorities.get(row.predecessor_code), authorities.get(row.successor_code)
        for column, code, found in (("predecessor_code", row.predecessor_code, predecessor),
                                    ("successor_code", row.successor_code, successor)):
            if found is None:
                problems.append(Problem(row.row, column, f"{code} is not an authority the service knows. Import it first."))
        if predecessor is None or successor is None:
            continue
        label = f"{predecessor.short_name} ({predecessor.code}) to {successor.short_name} ({successor.code}), {date_format(row.on)}"
        kind_label = LinkKind(row.kind).label
        given = {"kind": row.kind, "source": row.source, "notes": row.notes,
                 "predecessor_name": row.predecessor_name, "successor_name": row.successor_name}
        given = {name: value for name, value in given.items() if value is not None}  # absent: keep what is stored
        link = existing.get((predecessor.pk, successor.pk, row.on))
        if link is None:
            values = {"predecessor": predecessor, "successor": successor, "on": row.on,
                      "predecessor_name": predecessor.name, "successor_name": successor.name, **given}
            reason = f"Lineage {IMPORTED}: from {predecessor.short_name} on {date_format(row.on)} ({kind_label})"
            plan.created.append(PlanLine(row.row, label, kind_label))
            plan._link_writes.append((None, values, reason))
            continue
        changed = {name: value for name, value in given.items() if getattr(link, name) != value}
        if not changed:
            plan.unchanged.append(PlanLine(row.row, label, kind_label))
            continue
        detail = "Changes " + ", ".join(name.replace("_", " ") if name != "kind" else "kind of change" for name in changed)
        reason = f"Lineage {IMPORTED}: from {predecessor.short_name} on {date_format(row.on)}, {detail.lower()}"
        plan.updated.append(PlanLine(row.row, label, detail))
        plan._link_writes.append((link, changed, reason))
    if problems:
        raise UploadRefused(problems)
    return plan


def _write_link(link: AuthorityLink | None, values: dict, *, reason: str, user: User) -> None:
    """Create or change one link, recorded on the successor's audit trail as an admin's own edit is."""
    successor_id = values["successor"].pk if link is None else link.successor_id
    successor = Authority.objects.select_for_update().get(pk=successor_id)
    try:
        with transaction.atomic():
            if link is None:
                AuthorityLink.objects.create(**values)
            else:
                AuthorityLink.objects.filter(pk=link.pk).update(**values)
    except IntegrityError:  # another admin added the same link since the preview
        raise UploadRefused([Problem(FILE_LEVEL, "", "Another admin changed these links while you were checking the file. "
                                                     "Upload it again to see what it would change now.")]) from None
    record_authority_change(successor, user=user, reason=reason)


def _current_tiers() -> dict[int, TierPeriod]:
    """Each authority's latest tier period."""
    latest = {}
    for period in TierPeriod.objects.order_by("starts_on"):
        latest[period.authority_id] = period
    return latest


def _plan_authorities(rows: list[AuthorityRow]) -> AuthorityImportPlan:
    plan = AuthorityImportPlan(FileKind.AUTHORITIES)
    existing = list(Authority.objects.all())
    tiers = _current_tiers()
    by_code = {a.code: a for a in existing if a.code}
    by_short_name = {a.short_name: a for a in existing}
    problems = []
    for row in rows:
        values = {name: getattr(row, name) for name in AUTHORITY_FIELDS}
        if row.devolution is not None:
            values |= {name: getattr(row.devolution, name) for name in DEVOLUTION_FIELDS}
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
        # A tier different from the authority's latest adds a period; earlier periods stay.
        tier_change = []
        if row.devolution is not None and row.devolution.tier:
            latest = tiers.get(authority.pk) if authority is not None else None
            if latest is None or (latest.tier, latest.since) != (row.devolution.tier, row.devolution.tier_since):
                if latest is not None and row.devolution.tier_starts_on < latest.starts_on:
                    problems.append(Problem(
                        row.row, "tier_since",
                        f"The tier cannot start before the latest one stored ({latest.since}). "
                        "Edit earlier periods on the authority's page.",
                    ))
                    continue
                tier_change = ["tier"]
                plan._tier_writes.append((row.short_name, row.devolution.tier, row.devolution.tier_since, row.devolution.tier_starts_on))
        if authority is None:
            plan.created.append(PlanLine(row.row, label))
            plan._authority_writes.append((None, values))
            continue
        changed = [name for name, value in values.items() if getattr(authority, name) != value]
        if changed or tier_change:
            changed_labels = changed + tier_change
            detail = "Changes " + ", ".join(FIELD_LABELS.get(name, name) for name in changed_labels)
            plan.updated.append(PlanLine(row.row, label, detail))
            plan._authority_writes.append((authority, {name: values[name] for name in changed}))
        else:
            plan.unchanged.append(PlanLine(row.row, label))
    if problems:
        raise UploadRefused(problems)
    return plan


def _plan_memberships(rows: list[MembershipRow], kind: FileKind) -> AuthorityImportPlan:
    plan = AuthorityImportPlan(kind)
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
