"""Spreads across authorities: quartiles and medians of exact scores, rounded once, and when they are withheld."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .steps import shown

MIN_SUMMARISED = 5  # fewer scores than this: the count only, no median or quartiles


class SpreadStatus(StrEnum):
    SUMMARISED = "summarised"
    TOO_FEW = "too_few"  # fewer than MIN_SUMMARISED scores
    WITHHELD = "withheld"  # a privacy rule hides it from this reader (see ``withheld``)

    @property
    def label(self) -> str:
        return {"summarised": "", "too_few": "Too few to summarise",
                "withheld": "Not enough authorities yet"}[self.value]


@dataclass(frozen=True)
class Spread:
    """Lower quartile, median and upper quartile of a set of scores (shown: two places), and how many there were.

    Below ``MIN_SUMMARISED`` scores, or when withheld, the three figures are ``None`` and
    ``status`` says why; the count is always there.
    """

    lower_quartile: Decimal | None
    median: Decimal | None
    upper_quartile: Decimal | None
    count: int
    status: SpreadStatus = SpreadStatus.SUMMARISED
    exact_median: Decimal | None = None  # for differences between medians (rounded once, after)

    @property
    def summarised(self) -> bool:
        return self.status == SpreadStatus.SUMMARISED

    @property
    def reason(self) -> str:
        """Why there are no figures ("Too few to summarise"), or "" when there are."""
        return self.status.label


def quantile(sorted_values: Sequence[Decimal], fraction: Decimal) -> Decimal | None:
    """Linear interpolation between closest ranks (the "inclusive" method, as spreadsheets' QUARTILE)."""
    if not sorted_values:
        return None
    position = Decimal(len(sorted_values) - 1) * Decimal(fraction)
    below = int(position)
    above = min(below + 1, len(sorted_values) - 1)
    part = position - below
    return Decimal(sorted_values[below]) + (Decimal(sorted_values[above]) - Decimal(sorted_values[below])) * part


def exact_spread(values: Iterable[Decimal | None]) -> tuple[Decimal | None, Decimal | None, Decimal | None, int]:
    """Exact (lower quartile, median, upper quartile, count) of the values that exist, whatever their number."""
    ordered = sorted(v if isinstance(v, Decimal) else Decimal(v) for v in values if v is not None)
    q1, mid, q3 = (quantile(ordered, Decimal(f)) for f in ("0.25", "0.5", "0.75"))
    return q1, mid, q3, len(ordered)


def spread(values: Iterable[Decimal | None]) -> Spread:
    """Quartiles and median of the exact values that exist, rounded once; ``None`` never counts.

    Pass exact numbers (``StepResult.exact``, ``AssessmentResult.exact_index``), never shown ones.
    """
    q1, mid, q3, count = exact_spread(values)
    if count < MIN_SUMMARISED:
        return Spread(None, None, None, count, SpreadStatus.TOO_FEW)
    return Spread(shown(q1), shown(mid), shown(q3), count, exact_median=mid)


def withheld(count: int) -> Spread:
    """A spread the reader may not see (too few other authorities' unpublished scores behind it)."""
    return Spread(None, None, None, count, SpreadStatus.WITHHELD)


MIN_OTHER_AUTHORITIES = 5


def guarded_spread(values: Iterable[tuple[Decimal | None, bool]]) -> Spread:
    """The spread an authority's user may see; each value comes flagged "another authority's unpublished data".

    Officials see national medians of other authorities' unpublished, submitted scores, but
    no figure derived from fewer than ``MIN_OTHER_AUTHORITIES`` of them: with one to four
    such values behind it the spread is withheld ("Not enough authorities yet").
    """
    present = [(value, flagged) for value, flagged in values if value is not None]
    others = sum(1 for _value, flagged in present if flagged)
    if 0 < others < MIN_OTHER_AUTHORITIES:
        return withheld(len(present))
    return spread(value for value, _flagged in present)


def median(values: Iterable[Decimal | None]) -> Decimal | None:
    """Median of the exact values that exist, shown to two places; None when too few to summarise."""
    return spread(values).median
