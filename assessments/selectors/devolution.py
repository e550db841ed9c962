"""Reading the devolution landscape: tiers on a date, and lineage (which bodies came from which).

A tier period runs from its ``starts_on`` until the authority's next period starts (see
``TierPeriod``); a body has no tier before its first period, and none once abolished.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import CharField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from assessments.models import NO_TIER, Authority, AuthorityLink, StrategicTier, TierPeriod
from assessments.models.authorities import NO_TIER_LABEL


def tier_expression(*, day: date, authority_ref: str = "pk"):
    """The tier on ``day`` of the authority at ``authority_ref``, as a database expression (NO_TIER if none)."""
    latest = (
        TierPeriod.objects.filter(authority=OuterRef(authority_ref), starts_on__lte=day)
        .filter(Q(authority__abolished__isnull=True) | Q(authority__abolished__gt=day))
        .order_by("-starts_on")
        .values("tier")[:1]
    )
    return Coalesce(Subquery(latest, output_field=CharField()), Value(NO_TIER), output_field=CharField())


def tiers_on(*, day: date, authority_ids: list[int] | None = None) -> dict[int, str]:
    """authority id -> its tier on ``day``, for every authority that has one (or only those of
    ``authority_ids``), in one query.

    The rule of ``tier_expression`` read in Python: cheaper than a subquery per row when a
    page lists a thousand authorities.
    """
    periods = TierPeriod.objects.all() if authority_ids is None else TierPeriod.objects.filter(authority_id__in=authority_ids)
    periods = (
        periods.filter(starts_on__lte=day)
        .filter(Q(authority__abolished__isnull=True) | Q(authority__abolished__gt=day))
        .order_by("authority_id", "starts_on")
        .values_list("authority_id", "tier")
    )
    return dict(periods)  # in start order, so each authority's latest period is the one kept


def with_tier(queryset: QuerySet[Authority], *, day: date) -> QuerySet[Authority]:
    """``queryset`` annotated with ``tier_then``: each authority's tier on ``day``."""
    return queryset.annotate(tier_then=tier_expression(day=day))


def in_tier(queryset: QuerySet[Authority], *, tier: str, day: date | None = None) -> QuerySet[Authority]:
    """The authorities of ``queryset`` in ``tier`` (NO_TIER: in none) on ``day``; without a day, their
    current tier (today's). Where a round is involved, pass its ``round_landscape_day``."""
    return with_tier(queryset, day=day or timezone.localdate()).filter(tier_then=tier)


def tier_on(*, authority: Authority, day: date) -> str | None:
    """The authority's tier on ``day``, or None."""
    return tiers_on(day=day, authority_ids=[authority.pk]).get(authority.pk)


def tier_label(tier: str | None) -> str:
    return StrategicTier(tier).label if tier in StrategicTier.values else NO_TIER_LABEL


TIER_CHOICES = [*StrategicTier.choices, (NO_TIER, NO_TIER_LABEL)]


@dataclass(frozen=True)
class LineageLine:
    """One line of an authority's lineage, as the profile shows it."""

    on: date
    text: str  # "Formed 7 May 2024 from North East Combined Authority and North of Tyne Combined Authority (merger)"
    source: str


def predecessor_ids(*, authority_ids: set[int]) -> dict[int, set[int]]:
    """Every body each authority came from, at any distance (renames excluded: same body)."""
    links = AuthorityLink.objects.exclude(predecessor=F("successor")).values_list("predecessor_id", "successor_id")
    parents: dict[int, set[int]] = {}
    for predecessor, successor in links:
        parents.setdefault(successor, set()).add(predecessor)
    result = {}
    for authority in authority_ids:
        seen, todo = set(), [authority]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen and parent != authority:
                    seen.add(parent)
                    todo.append(parent)
        result[authority] = seen
    return result


def lineage_lines(*, authority: Authority) -> tuple[list[LineageLine], list[LineageLine]]:
    """(how it came to be, what it became): formations, renames, and successors, in one query."""
    links = list(
        AuthorityLink.objects.filter(Q(successor=authority) | Q(predecessor=authority))
        .select_related("predecessor", "successor")
        .order_by("on", "pk")
    )
    before: list[LineageLine] = []
    formations: dict[date, list[AuthorityLink]] = {}
    for link in links:
        if link.successor_id != authority.pk:
            continue
        if link.is_rename:
            before.append(LineageLine(link.on, f"Renamed {date_format(link.on)} from {link.predecessor_name}", link.source))
        else:
            formations.setdefault(link.on, []).append(link)
    for on, group in formations.items():
        names = [link.predecessor.name for link in group]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        kinds = sorted({link.get_kind_display().lower() for link in group})
        text = f"Formed {date_format(on)} from {joined} ({', '.join(kinds)})"
        before.append(LineageLine(on, text, "; ".join(sorted({link.source for link in group}))))
    after = [
        LineageLine(link.on, f"Became part of {link.successor.name} on {date_format(link.on)} ({link.get_kind_display().lower()})", link.source)
        for link in links
        if link.predecessor_id == authority.pk and link.successor_id != authority.pk
    ]
    return sorted(before, key=lambda line: line.on), after


@dataclass(frozen=True)
class GovernmentRecord:
    """What the government's records say about an authority's devolution position on a day."""

    lines: list[str]
    source: str


def government_record(*, authority: Authority, day: date) -> GovernmentRecord:
    """The record officials and reviewers see beside the criteria the government already knows."""
    period = None
    if authority.abolished is None or authority.abolished > day:
        period = authority.tier_periods.filter(starts_on__lte=day).order_by("-starts_on").first()
    lines = [
        f"{period.get_tier_display()} since {_since_text(period)}" if period
        else f"{NO_TIER_LABEL} on {date_format(day)}"
    ]
    if authority.mayoral is not None:
        mayoral = "Mayoral in law" if authority.mayoral else "Not mayoral in law"
        if authority.first_mayoral_election:
            mayoral += f"; first mayoral election {_since_text_of(authority.first_mayoral_election)}"
        lines.append(mayoral)
    lines.append(
        f"Integrated Settlement from {authority.integrated_settlement_from}" if authority.integrated_settlement_from
        else "No Integrated Settlement recorded"
    )
    if authority.devolution_priority_programme:
        lines.append("In the Devolution Priority Programme")
    sources = [period.source if period else "", authority.devolution_source]
    return GovernmentRecord(lines=lines, source="; ".join(dict.fromkeys(filter(None, sources))))


def _since_text(period: TierPeriod) -> str:
    return _since_text_of(period.since)


def _since_text_of(text: str) -> str:
    """An ISO date as a GOV.UK date; a month or a year as given ("2026-02" -> "February 2026")."""
    parts = text.split("-")
    if len(parts) == 3:
        return date_format(date.fromisoformat(text))
    if len(parts) == 2:
        return date_format(date(int(parts[0]), int(parts[1]), 1), "F Y")
    return text


def recorded_criteria(*, assessment, criteria) -> dict:
    """Template context: the criteria the government already knows the answer to, and its record
    for the assessment's authority on the round's landscape date (empty if there are none)."""
    from .landscapes import round_landscape_day

    recorded = [criterion for criterion in criteria if criterion.shows_government_record]
    if not recorded:
        return {}
    day = round_landscape_day(round_=assessment.round)
    return {"recorded_criteria": recorded, "record": government_record(authority=assessment.authority, day=day)}
