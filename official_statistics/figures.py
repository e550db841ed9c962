"""The numbers shown beside the statistics, in one pure module (no ORM): change, rank, council range, formatting.

A combined authority's figure is only ever ONS's own. Where ONS publishes none, its member
councils' values are shown as they are (lowest, median, highest, each named): never an
average, because a mean of ratios without their denominators is not the area's ratio.
"""
from __future__ import annotations

import bisect
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Named:
    code: str
    name: str
    value: float


@dataclass(frozen=True)
class CouncilRange:
    period_label: str
    lowest: Named
    median: float
    highest: Named
    published: int  # member councils with a value in that period
    members: int
    values: list[Named]  # lowest first
    period_key: tuple | None = None  # (start date, months) of the period


def change(latest: float | None, previous: float | None) -> float | None:
    if latest is None or previous is None:
        return None
    return latest - previous


def is_improvement(delta: float | None, *, higher_is_better: bool) -> bool | None:
    if delta is None or delta == 0:
        return None
    return (delta > 0) == higher_is_better


def rank(value: float, ordered_pool: Sequence[float], *, higher_is_better: bool) -> int:
    """1 for the best; ties share a rank (1, 2, 2, 4). ``ordered_pool``: every value, in ascending order
    (sorted once and kept: a rank is then a binary search, not a pass over a thousand values)."""
    if higher_is_better:
        better = len(ordered_pool) - bisect.bisect_right(ordered_pool, value)
    else:
        better = bisect.bisect_left(ordered_pool, value)
    return better + 1


def council_range(*, values: Sequence[Named], members: int, period_label: str, period_key: tuple | None = None) -> CouncilRange | None:
    if not values:
        return None
    ordered = sorted(values, key=lambda v: (v.value, v.name))
    return CouncilRange(
        period_label=period_label, lowest=ordered[0], median=statistics.median(v.value for v in ordered),
        highest=ordered[-1], published=len(ordered), members=members, values=ordered, period_key=period_key,
    )


def format_value(value: float | None, *, places: int, prefix: str = "", suffix: str = "") -> str:
    """As ONS shows it: the indicator's decimal places, thousands separated, its £ or %."""
    if value is None:
        return "Not available"
    sign = "−" if value < 0 and round(abs(value), places) != 0 else ""
    return f"{sign}{prefix}{abs(value):,.{places}f}{suffix}"


def format_change(delta: float | None, *, places: int, prefix: str = "", suffix: str = "") -> str:
    if delta is None:
        return "–"
    if round(delta, places) == 0:
        return "No change"
    sign = "+" if delta > 0 else "−"
    return f"{sign}{prefix}{abs(delta):,.{places}f}{suffix}"
