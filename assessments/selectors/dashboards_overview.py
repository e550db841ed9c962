"""The national overview of one round: filters, sorting, national spreads, and who is counted."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from assessments import scoring
from assessments.models import NO_TIER, AssessmentState, AuthorityKind, StrategicTier
from assessments.models.authorities import NO_TIER_LABEL

from .dashboards import (
    DEFAULT_SCOPE,
    KIND_LABELS,
    TIER_LABELS,
    Guard,
    RollupRow,
    RoundRollup,
    Scope,
    derived_from_rows,
    index_spread,
    step_spreads,
)

SORT_KEYS = ["name", "kind", "tier", "region", "state", "index"] + [f"step{n}" for n in range(1, 9)]
TIER_VALUES = [*StrategicTier.values, NO_TIER]
# For "Median of 6 established-mayoral-tier mayoral combined authorities" when a kind is chosen too.
TIER_ADJECTIVES = {
    StrategicTier.FOUNDATION: "foundation-tier", StrategicTier.MAYORAL: "mayoral-tier",
    StrategicTier.ESTABLISHED_MAYORAL: "established-mayoral-tier", NO_TIER: "untiered",
}


@dataclass(frozen=True)
class OverviewFilters:
    kind: str = ""
    region: str = ""
    tier: str = ""  # a StrategicTier value, NO_TIER, or "" for any
    scope: Scope = DEFAULT_SCOPE
    sort: str = "name"
    descending: bool = False

    @classmethod
    def from_query(cls, query) -> OverviewFilters:
        """Unknown values fall back to the defaults rather than failing: these are links people share."""
        kind = query.get("kind", "")
        sort = query.get("sort", "name")
        return cls(
            kind=kind if kind in AuthorityKind.values else "",
            tier=query.get("tier", "") if query.get("tier", "") in TIER_VALUES else "",
            region=query.get("region", "")[:100],
            scope=Scope.from_query(query.get("scope")),
            sort=sort if sort in SORT_KEYS else "name",
            descending=query.get("order") == "desc",
        )

    def as_query(self, **changes) -> dict:
        values = {"kind": self.kind, "tier": self.tier, "region": self.region, "scope": self.scope.value, "sort": self.sort,
                  "order": "desc" if self.descending else "asc"}
        values.update(changes)
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class Exclusion:
    reason: str
    names: list[str]


@dataclass(frozen=True)
class Overview:
    rollup: RoundRollup
    filters: OverviewFilters
    rows: list[RollupRow]  # counted, filtered and sorted: all of them (the page paginates)
    exclusions: list[Exclusion]
    spreads: dict[int, scoring.Spread]
    index: scoring.Spread
    regions: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    label: str = ""  # what the medians count, in words ("Median of 6 mayoral combined authorities in ...")
    tiers: list[TierMedian] = field(default_factory=list)  # the counted rows' index median per tier


@dataclass(frozen=True)
class TierMedian:
    tier: str
    label: str
    index: scoring.Spread


def _sort_key(sort: str):
    if sort == "index":
        return lambda row: row.result.readiness_index
    if sort.startswith("step"):
        number = int(sort[4:])
        return lambda row: row.step_score(number)
    return {
        "name": lambda row: row.name.lower(),
        "kind": lambda row: row.kind_label,
        "tier": lambda row: row.tier_label,
        "region": lambda row: row.region_label,
        "state": lambda row: row.state_label,
    }[sort]


def sort_rows(rows: list[RollupRow], *, sort: str, descending: bool) -> list[RollupRow]:
    """Sorted by the column, ties by name; rows without a value always go last."""
    key = _sort_key(sort)
    present = [row for row in rows if key(row) is not None]
    missing = [row for row in rows if key(row) is None]
    present.sort(key=lambda row: row.name.lower())
    present.sort(key=key, reverse=descending)
    return present + sorted(missing, key=lambda row: row.name.lower())


def _exclusion_reason(row: RollupRow, filters: OverviewFilters) -> str | None:
    if filters.kind and row.kind != filters.kind:
        return "Not the chosen kind of authority"
    if filters.tier and row.tier != filters.tier:
        return "Not the chosen strategic-authority tier"
    if filters.region and filters.region not in row.regions:
        return "Not in the chosen region"
    if row.state not in filters.scope.states:
        if row.state == AssessmentState.DRAFT:
            return "Not submitted yet (draft)"
        return "Submitted but not approved yet"
    return None


DRAFTS_LISTED = "Drafts: listed with their progress, never rated, so not in the medians"
UNSCORED = "Counted, but no criterion scored yet, so not in the medians"


def filters_label(*, filters: OverviewFilters, count: int) -> str:
    """What the medians count, in words: "National median of 12 authorities" only when no filter applies."""
    kind = KIND_LABELS[filters.kind].lower() if filters.kind else ""
    qualifiers = ["approved" if filters.scope == Scope.APPROVED else ""]
    if filters.tier and filters.tier != NO_TIER and not kind:
        kind = TIER_LABELS[filters.tier].lower()  # "mayoral strategic authority"
    elif filters.tier:
        qualifiers.append(TIER_ADJECTIVES[filters.tier])
    return scoring.group_label(
        count=count, kind=kind, region=filters.region, qualifier=" ".join(filter(None, qualifiers)),
    )


def tier_medians(*, rows: list[RollupRow], guard: Guard | None = None) -> list[TierMedian]:
    """The readiness index median of ``rows`` in each tier that has any, tiers in the Act's order."""
    groups: dict[str, list[RollupRow]] = {}
    for row in rows:
        groups.setdefault(row.tier, []).append(row)
    return [
        TierMedian(tier, TIER_LABELS.get(tier, NO_TIER_LABEL), index_spread(rows=groups[tier], guard=guard))
        for tier in TIER_VALUES
        if tier in groups
    ]


def overview(*, rollup: RoundRollup, filters: OverviewFilters, guard: Guard | None = None) -> Overview:
    """The round's rows through the filters; ``guard``: an authority's user reads (see ``Guard``).

    Memoised in-process with the rows it is made from (``rollup_cache.derived``): the same
    rows, filters and reader give the same overview.
    """
    found = derived_from_rows(
        rollup, key=("overview", filters, guard), inputs=rollup.rows,
        compute=lambda: _overview(rollup=rollup, filters=filters, guard=guard),
    )
    return found if found.rollup is rollup else replace(found, rollup=rollup)


def _overview(*, rollup: RoundRollup, filters: OverviewFilters, guard: Guard | None) -> Overview:
    counted, excluded = [], {}
    for row in rollup.rows:
        reason = _exclusion_reason(row, filters)
        if reason is None:
            counted.append(row)
        else:
            excluded.setdefault(reason, []).append(row.short_name)
    drafts = [row.short_name for row in counted if not row.rated]
    unscored = [row.short_name for row in counted if row.rated and row.result.readiness_index is None]
    exclusions = [Exclusion(reason, names) for reason, names in excluded.items()]
    if drafts:
        exclusions.append(Exclusion(DRAFTS_LISTED, drafts))
    if unscored:
        exclusions.append(Exclusion(UNSCORED, unscored))
    states = Counter(row.state for row in rollup.rows)
    index = index_spread(rows=counted, guard=guard)
    return Overview(
        rollup=rollup,
        filters=filters,
        rows=sort_rows(counted, sort=filters.sort, descending=filters.descending),
        exclusions=exclusions,
        spreads=step_spreads(rows=counted, steps=rollup.steps, guard=guard),
        index=index,
        label=filters_label(filters=filters, count=index.count),
        tiers=tier_medians(rows=counted, guard=guard),
        regions=sorted({region for row in rollup.rows for region in row.regions}),
        counts={
            "assessments": len(rollup.rows),
            "submitted": sum(n for state, n in states.items() if state != AssessmentState.DRAFT),
            "approved": states.get(AssessmentState.APPROVED, 0),
            "late": sum(1 for row in rollup.rows if row.is_late),
            "counted": len(counted),
        },
    )
