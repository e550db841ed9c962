"""Admins' changes to an authority's devolution facts, tier periods and lineage links.

Each change is recorded on the authority's own history (who, when, and a reason naming
what changed), as council changes are, so the authority's audit trail shows it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from assessments.models import Authority, AuthorityLink, LinkKind, StrategicTier, TierPeriod, User
from assessments.models.authorities import SAME_BODY_LINKS

from .authorities_csv import DEVOLUTION_COLUMNS, DEVOLUTION_FIELDS, Problem, parse_devolution, partial_date_start
from .errors import ActionRefused


@dataclass(frozen=True)
class DevolutionDetails:
    mayoral: bool | None
    first_mayoral_election: str
    integrated_settlement_from: str
    devolution_priority_programme: bool
    source: str


def record_authority_change(authority: Authority, *, user: User, reason: str) -> None:
    """Save ``authority`` so its history (the audit trail) names who changed it and what.

    The reason is cut to fit its column: some bodies' full names alone are over 100 characters.
    """
    limit = Authority.history.model._meta.get_field("history_change_reason").max_length
    authority._history_user = user
    authority._change_reason = reason if len(reason) <= limit else reason[: limit - 1] + "…"
    authority.save()


def _check(cells: dict[str, str]) -> None:
    """The same rules as the devolution columns of an imported file."""
    problems: list[Problem] = []
    parse_devolution(0, {column: cells.get(column, "") for column in DEVOLUTION_COLUMNS}, problems)
    if problems:
        raise ActionRefused("Nothing was changed.", details=[problem.message for problem in problems])


@transaction.atomic
def authority_devolution_update(*, authority: Authority, details: DevolutionDetails, user: User) -> list[str]:
    """Change the devolution facts; returns the names of the fields that changed."""
    _check({
        "first_mayoral_election": details.first_mayoral_election,
        "integrated_settlement_from": details.integrated_settlement_from,
    })
    locked = Authority.objects.select_for_update().get(pk=authority.pk)
    changed = [name for name in DEVOLUTION_FIELDS if getattr(locked, name) != getattr(details, name)]
    if details.source and details.source != locked.devolution_source:
        locked.devolution_source = details.source
        changed.append("devolution_source")
    if changed:
        for name in DEVOLUTION_FIELDS:
            setattr(locked, name, getattr(details, name))
        record_authority_change(locked, user=user, reason="Devolution facts edited")
    return changed


@transaction.atomic
def tier_period_add(*, authority: Authority, tier: str, since: str, source: str, user: User) -> TierPeriod:
    """Add a tier period from ``since`` (a date, or YYYY-MM / YYYY). It ends where the next one starts."""
    _check({"tier": tier, "tier_since": since})
    starts_on = partial_date_start(since)
    locked = Authority.objects.select_for_update().get(pk=authority.pk)
    if locked.abolished is not None and starts_on >= locked.abolished:
        raise ActionRefused(f"{locked.short_name} was abolished on {date_format(locked.abolished)}: a tier cannot start after that.")
    if TierPeriod.objects.filter(authority=locked, starts_on=starts_on).exists():
        raise ActionRefused(f"{locked.short_name} already has a tier from {date_format(starts_on)}. Remove it first to change it.")
    try:
        with transaction.atomic():
            period = TierPeriod.objects.create(
                authority=locked, tier=tier, starts_on=starts_on, since=since, source=source or "Set by an admin"
            )
    except IntegrityError:  # a concurrent request added the same start
        raise ActionRefused(f"{locked.short_name} already has a tier from {date_format(starts_on)}.") from None
    record_authority_change(locked, user=user, reason=f"Tier: {StrategicTier(tier).label} from {since}")
    return period


@transaction.atomic
def tier_period_remove(*, period: TierPeriod, user: User) -> None:
    locked = Authority.objects.select_for_update().get(pk=period.authority_id)
    deleted, _ = TierPeriod.objects.filter(pk=period.pk).delete()
    if not deleted:
        raise ActionRefused("That tier period has already been removed.")
    record_authority_change(locked, user=user, reason=f"Tier removed: {period.get_tier_display()} from {period.since}")


@transaction.atomic
def lineage_link_add(
    *, successor: Authority, predecessor: Authority, on: date, kind: str, source: str, user: User
) -> AuthorityLink:
    """Record that ``successor`` came from ``predecessor`` on ``on`` (a rename links a body to itself)."""
    if kind not in LinkKind.values:
        raise ActionRefused("Select the kind of change from the list.")
    same = predecessor.pk == successor.pk
    if kind in SAME_BODY_LINKS and not same:
        raise ActionRefused("A rename keeps the same body: choose this authority as the earlier body, or another kind of change.")
    if kind not in SAME_BODY_LINKS and same:
        raise ActionRefused("An authority cannot be formed from itself. Choose another body, or the kind Renamed.")
    locked = Authority.objects.select_for_update().get(pk=successor.pk)
    if AuthorityLink.objects.filter(predecessor=predecessor, successor=locked, on=on).exists():
        raise ActionRefused("That link is already recorded.")
    link = AuthorityLink.objects.create(
        predecessor=predecessor, successor=locked, on=on, kind=kind, predecessor_name=predecessor.name,
        successor_name=locked.name, source=source or "Set by an admin",
    )
    record_authority_change(locked, user=user, reason=f"Lineage: from {predecessor.name} on {date_format(on)} ({LinkKind(kind).label})")
    return link


@transaction.atomic
def lineage_link_remove(*, link: AuthorityLink, user: User) -> None:
    locked = Authority.objects.select_for_update().get(pk=link.successor_id)
    deleted, _ = AuthorityLink.objects.filter(pk=link.pk).delete()
    if not deleted:
        raise ActionRefused("That link has already been removed.")
    record_authority_change(locked, user=user, reason=f"Lineage removed: from {link.predecessor_name or link.predecessor.name} on {date_format(link.on)}")
