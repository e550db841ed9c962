"""Two rounds side by side: change per authority and per step, and the biggest movers.

Like is compared with like: every figure (medians, criterion means, changes) is computed on
the authorities matched in both rounds (``matched_authorities``), and the unmatched ones
are listed on each side. Rounds on different framework versions are compared step by step
number and criterion by code. Changes are differences of exact numbers, rounded once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from assessments import scoring
from assessments.models import Criterion, Round

from .criterion_levels import round_levels
from .dashboards import (
    RollupRow,
    RoundRollup,
    Scope,
    derived_from_rows,
    index_spread,
    round_rollup,
    step_spreads,
)
from .devolution import predecessor_ids
from .rollup_cache import ids_key

MOVERS = 5


@dataclass(frozen=True)
class Change:
    """Exact values in each round (templates round them once, as they round the difference)."""

    before: Decimal | None
    after: Decimal | None

    @property
    def delta(self) -> Decimal | None:
        return scoring.difference(self.before, self.after)


@dataclass(frozen=True)
class Matching:
    """Which authorities of the earlier round are compared with which of the later one."""

    pairs: list[tuple[RollupRow, RollupRow]]  # (before, after), by the later name
    only_before: list[RollupRow]
    only_after: list[RollupRow]

    @property
    def through_lineage(self) -> list[tuple[RollupRow, RollupRow]]:
        """The pairs of two different bodies: a successor and a body it came from."""
        return [(old, new) for old, new in self.pairs if old.authority_id != new.authority_id]

    @property
    def before_rows(self) -> list[RollupRow]:
        """The earlier round's matched rows, each once (a body split in two is paired twice)."""
        return list({old.authority_id: old for old, _ in self.pairs}.values())

    @property
    def after_rows(self) -> list[RollupRow]:
        """The later round's matched rows, each once (a body formed from two is paired twice)."""
        return list({new.authority_id: new for _, new in self.pairs}.values())


def matched_authorities(*, before: list[RollupRow], after: list[RollupRow]) -> Matching:
    """The one rule for which assessments of two rounds are the same body's.

    The same authority (a renamed body keeps its row, so it matches itself); otherwise,
    for a later body not in the earlier round, every earlier body it came from through
    lineage links (North East Mayoral CA: North East CA and North of Tyne CA). Each such
    predecessor is one pair; medians count each round's matched rows once.
    """
    old = {row.authority_id: row for row in before}
    new = {row.authority_id: row for row in after}
    unmatched_new = [key for key in new if key not in old]
    ancestors = predecessor_ids(authority_ids=set(unmatched_new)) if unmatched_new else {}
    pairs = [(old[key], new[key]) for key in old.keys() & new.keys()]
    for key in unmatched_new:
        pairs += [(old[parent], new[key]) for parent in ancestors.get(key, ()) if parent in old and parent not in new]
    pairs.sort(key=lambda pair: (pair[1].name.lower(), pair[0].name.lower()))
    paired_old = {b.authority_id for b, _ in pairs}
    paired_new = {a.authority_id for _, a in pairs}
    return Matching(
        pairs=pairs,
        only_before=sorted((row for key, row in old.items() if key not in paired_old), key=lambda r: r.name.lower()),
        only_after=sorted((row for key, row in new.items() if key not in paired_new), key=lambda r: r.name.lower()),
    )


@dataclass(frozen=True)
class AuthorityChange:
    short_name: str
    authority_id: int
    index: Change
    steps: list[Change]
    via: str = ""  # the earlier body's short name, when compared through lineage


@dataclass(frozen=True)
class CriterionChange:
    """One criterion code's mean level in each round; a code may exist in only one version."""

    code: str
    title: str
    change: Change
    in_before: bool
    in_after: bool


def _framework_criteria(*, before: Round, after: Round) -> tuple[dict[str, str], dict[str, str]]:
    """(code -> title) for each round's framework version, in one query."""
    found: dict[int, dict[str, str]] = {before.framework_id: {}, after.framework_id: {}}
    rows = Criterion.objects.filter(step__framework_id__in=found.keys()).values_list("step__framework_id", "code", "title")
    for framework_id, code, title in rows:
        found[framework_id][code] = title
    return found[before.framework_id], found[after.framework_id]


@dataclass(frozen=True)
class Comparison:
    before: Round
    after: Round
    step_numbers: list[int]
    medians: list[Change]  # national median per step number
    index_median: Change
    authorities: list[AuthorityChange]  # in both rounds, by name
    risers: list[AuthorityChange]
    fallers: list[AuthorityChange]
    criteria: list[CriterionChange]  # matched by code across the two framework versions
    matching: Matching
    before_label: str = ""  # "Median of 6 matched authorities"
    after_label: str = ""
    step_titles: dict[int, str] = field(default_factory=dict)  # number -> "1. Commit to strong local…" (later version's)

    @property
    def matched_count(self) -> int:
        """Authorities of the later round matched (a body formed from two counts once)."""
        return len(self.matching.after_rows)


def _criterion_means(*, rollup: RoundRollup, ids: list[int]) -> dict[str, Decimal | None]:
    """criterion code -> exact mean effective level among the assessments ``ids``.

    From each assessment's kept levels (``criterion_levels``), memoised with the rows: the
    levels change only with a stored result, and so with the round's scores token.
    """
    if not ids:
        return {}
    return derived_from_rows(
        rollup, key=("means", ids_key(ids)), inputs=None,
        compute=lambda: round_levels(rollup=rollup).mean_levels(assessment_ids=ids),
    )


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def _compared(*, old: RoundRollup, new: RoundRollup, matching: Matching, numbers: list[int]) -> tuple:
    """Each matched authority's changes, the movers, and both rounds' spreads of the matched rows.

    Memoised in-process (``rollup_cache.derived``) with both rounds' rows and the matching:
    the same rows, matched the same way, give the same figures.
    """
    return derived_from_rows(
        old, new, key=("compare", tuple(numbers)),
        inputs=matching.pairs,  # which rows are matched (and so the scope); the rows themselves are the memoised ones
        compute=lambda: _compared_now(old=old, new=new, matching=matching, numbers=numbers),
    )


def _compared_now(*, old: RoundRollup, new: RoundRollup, matching: Matching, numbers: list[int]) -> tuple:
    def step_exacts(row: RollupRow) -> dict[int, Decimal | None]:
        return {s.number: s.exact for s in row.result.steps}

    changes = [
        AuthorityChange(
            short_name=after_row.short_name,
            authority_id=after_row.authority_id,
            index=Change(before_row.result.exact_index, after_row.result.exact_index),
            steps=[Change(old_steps.get(n), new_steps.get(n)) for n in numbers],
            via=before_row.short_name if before_row.authority_id != after_row.authority_id else "",
        )
        for before_row, after_row in matching.pairs
        for old_steps, new_steps in [(step_exacts(before_row), step_exacts(after_row))]
    ]
    moved = sorted((c for c in changes if c.index.delta is not None), key=lambda c: c.index.delta)
    old_rows, new_rows = matching.before_rows, matching.after_rows
    return (
        changes, moved,
        step_spreads(rows=old_rows, steps=old.steps), step_spreads(rows=new_rows, steps=new.steps),
        index_spread(rows=old_rows), index_spread(rows=new_rows),
    )


def compare_rounds(*, before: Round, after: Round, scope: Scope) -> Comparison:
    old, new = round_rollup(round_=before), round_rollup(round_=after)
    matching = matched_authorities(
        before=[r for r in old.rows if r.state in scope.states and r.rated],
        after=[r for r in new.rows if r.state in scope.states and r.rated],
    )
    numbers = sorted({s.number for s in old.steps} | {s.number for s in new.steps})
    figures = _compared(old=old, new=new, matching=matching, numbers=numbers)
    changes, moved, old_spreads, new_spreads, old_index, new_index = figures
    old_rows, new_rows = matching.before_rows, matching.after_rows
    old_means = _criterion_means(rollup=old, ids=[r.assessment_id for r in old_rows])
    new_means = _criterion_means(rollup=new, ids=[r.assessment_id for r in new_rows])
    old_criteria, new_criteria = _framework_criteria(before=before, after=after)

    def spread_median(spreads, number):
        return spreads[number].exact_median if number in spreads else None

    return Comparison(
        before=before,
        after=after,
        step_numbers=numbers,
        medians=[Change(spread_median(old_spreads, n), spread_median(new_spreads, n)) for n in numbers],
        index_median=Change(old_index.exact_median, new_index.exact_median),
        authorities=changes,
        risers=[c for c in reversed(moved) if c.index.delta > 0][:MOVERS],
        fallers=[c for c in moved if c.index.delta < 0][:MOVERS],
        criteria=[
            CriterionChange(
                code=code,
                title=new_criteria.get(code) or old_criteria[code],
                change=Change(old_means.get(code), new_means.get(code)),
                in_before=code in old_criteria,
                in_after=code in new_criteria,
            )
            for code in sorted(old_criteria.keys() | new_criteria.keys(), key=_code_key)
        ],
        matching=matching,
        step_titles={s.number: f"{s.number}. {s.short_title}" for s in [*old.steps, *new.steps]},
        before_label=scoring.group_label(count=old_index.count, qualifier="matched"),
        after_label=scoring.group_label(count=new_index.count, qualifier="matched"),
    )
