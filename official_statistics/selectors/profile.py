"""One authority's official statistics: latest value, previous and change, trend, England, rank, or its councils' range.

Five queries whatever the number of authorities, indicators or councils: indicators, its
member councils, the authority's and England's series, combined authorities' values in
the authority's latest periods (for its rank), and the councils' values. All but the
first two are kept in-process until a dataset is imported again or the members change.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property

from django.db.models import Q
from django.utils.safestring import SafeString

from assessments.markup import repeat
from assessments.models import Authority
from assessments.selectors.rollup_cache import derived

from .. import figures
from ..catalogue import ENGLAND_CODE
from ..charts import Sparkline, sparkline
from ..models import AreaType, Dataset, Indicator, Observation
from ..periods import period_label
from .common import (
    by_mission,
    change_formatter,
    dataset_version,
    formatter,
    indicators_in_order,
    members_of,
    unit_label,
)


@dataclass(frozen=True)
class Point:
    period_label: str
    value: float | None
    lower: float | None
    upper: float | None
    status: str
    key: tuple  # (period start, months), for ordering and matching


@dataclass(frozen=True)
class IndicatorFigures:
    indicator: Indicator
    basis: str  # "authority": ONS publishes it for the authority; "councils": its members' range; "none"
    latest: Point | None
    previous: Point | None
    change: float | None
    improvement: bool | None
    england: Point | None  # England in the same period as the latest value
    rank: int | None
    ranked: int  # combined authorities with a value in that period
    series: list[Point]
    councils: figures.CouncilRange | None
    trend: Sparkline | None
    fmt: object
    change_fmt: object
    unit: str
    england_series: list[Point]

    @property
    def dataset(self) -> Dataset:
        return self.indicator.dataset

    # Text for the templates, in the indicator's own format.
    @property
    def latest_text(self) -> str:
        return self.fmt(self.latest.value) if self.latest else ""

    @property
    def previous_text(self) -> str:
        return self.fmt(self.previous.value) if self.previous else ""

    @property
    def change_text(self) -> str:
        return self.change_fmt(self.change)

    @property
    def england_text(self) -> str:
        return self.fmt(self.england.value) if self.england else ""

    @property
    def series_rows(self) -> list[tuple[Point, str, str]]:
        """(point, its value as text, England's in the same period) for the data table."""
        england = {p.key: p for p in self.england_series}
        return [
            (
                p,
                self.fmt(p.value) if p.value is not None else _missing(p),
                self.fmt(england[p.key].value) if p.key in england and england[p.key].value is not None else "–",
            )
            for p in self.series
        ]

    @cached_property  # figures are kept in-process (``authority_statistics``): their markup is built once
    def series_rows_markup(self) -> SafeString:
        """``series_rows`` as the data table's rows (built in Python once, see ``assessments.markup``)."""
        return repeat(
            '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{}</th>'
            '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
            '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td></tr>',
            ((point.period_label, text, england) for point, text, england in self.series_rows),
        )

    @cached_property
    def council_rows(self) -> list[tuple[figures.Named, str]]:
        return [(named, self.fmt(named.value)) for named in self.councils.values] if self.councils else []

    @property
    def council_summary(self) -> dict[str, str]:
        c = self.councils
        return {"lowest": self.fmt(c.lowest.value), "median": self.fmt(c.median), "highest": self.fmt(c.highest.value)} if c else {}


@dataclass(frozen=True)
class AuthorityStatistics:
    authority: Authority
    missions: list[tuple[str, list[IndicatorFigures]]]
    datasets: list[Dataset]
    own_count: int
    councils_count: int
    member_count: int

    @property
    def has_data(self) -> bool:
        return bool(self.missions)


STATUS_LABELS = {"x": "not available", "u": "unreliable (suppressed)", "c": "confidential"}


def _missing(point: Point) -> str:
    return "Not published" + (f" ({STATUS_LABELS.get(point.status, point.status)})" if point.status else "")


def _point(row) -> Point:
    start, months, value, lower, upper, status = row
    return Point(period_label(start, months), value, lower, upper, status, (start, months))


def _ranks(*, latest: dict[int, Point], indicators: dict[int, Indicator]) -> dict[int, tuple[int, int]]:
    """indicator id -> (rank, how many ranked): where each latest value stands among the combined
    authorities' values for the same period (``figures.rank``: 1 for the best, ties sharing a rank).

    The combined authorities' values of those periods change only when their dataset is
    imported again: so they are read once (one query) and kept in this process under the
    datasets' versions (``dataset_version``, ``rollup_cache.derived``), not counted again
    for every profile.
    """
    if not latest:
        return {}
    wanted = tuple(sorted((indicator_id, *point.key) for indicator_id, point in latest.items()))
    versions = tuple(dataset_version(indicators[indicator_id]) for indicator_id, *_period in wanted)
    pools = derived(key=("combined-values", wanted, versions), inputs=None, compute=lambda: _combined_values(wanted))
    ranks = {}
    for indicator_id, point in latest.items():
        pool = pools.get((indicator_id, *point.key), [])
        if pool:
            ranks[indicator_id] = (figures.rank(point.value, pool, higher_is_better=indicators[indicator_id].higher_is_better), len(pool))
    return ranks


def _combined_values(wanted: tuple) -> dict[tuple, list[float]]:
    """(indicator id, period start, months) -> the combined authorities' values for it, ascending (one query)."""
    periods = Q()
    for indicator_id, start, months in wanted:
        periods |= Q(indicator_id=indicator_id, period_start=start, period_months=months)
    rows = (
        Observation.objects.filter(periods, area_type=AreaType.COMBINED, value__isnull=False)
        .order_by("value")  # ascending, as figures.rank needs
        .values_list("indicator_id", "period_start", "period_months", "value")
    )
    pools: dict[tuple, list[float]] = defaultdict(list)
    for indicator_id, start, months, value in rows:
        pools[(indicator_id, start, months)].append(value)
    return dict(pools)


def authority_statistics(*, authority: Authority) -> AuthorityStatistics:
    """Kept in-process (``rollup_cache.derived``) while the datasets' versions, the authority's
    code and name and its member councils (read fresh) are the same: the figures, trends and
    ranks are then the ones built before."""
    indicators = indicators_in_order()
    if not indicators:
        return AuthorityStatistics(authority, [], [], 0, 0, 0)
    members = members_of([authority.pk]).get(authority.pk, [])
    key = (
        "authority-statistics", authority.pk, authority.code, authority.short_name,
        tuple((i.pk, dataset_version(i)) for i in indicators),
    )
    found = derived(key=key, inputs=members, compute=lambda: _authority_statistics(authority, indicators, members))
    return found if found.authority is authority else replace(found, authority=authority)


def _authority_statistics(authority: Authority, indicators: list[Indicator], members: list) -> AuthorityStatistics:
    code = authority.code or ""
    own: dict[int, list[Point]] = defaultdict(list)
    england: dict[int, dict[tuple, Point]] = defaultdict(dict)
    fields = ("indicator_id", "area_code", "period_start", "period_months", "value", "lower", "upper", "status")
    for row in Observation.objects.filter(area_code__in=[c for c in (code, ENGLAND_CODE) if c]).values_list(*fields):
        point = _point(row[2:])
        if row[1] == ENGLAND_CODE:
            england[row[0]][point.key] = point
        else:
            own[row[0]].append(point)
    latest_points = {}
    for indicator_id, points in own.items():
        with_value = sorted((p for p in points if p.value is not None), key=lambda p: p.key)
        if with_value:
            latest_points[indicator_id] = with_value[-1]
    ranks = _ranks(latest=latest_points, indicators={i.pk: i for i in indicators})
    member_names = dict(members)
    council_values: dict[int, dict[tuple, list[figures.Named]]] = defaultdict(lambda: defaultdict(list))
    needs_councils = [i.pk for i in indicators if i.pk not in latest_points]
    if members and needs_councils:
        rows = Observation.objects.filter(
            area_code__in=list(member_names), indicator_id__in=needs_councils, value__isnull=False
        ).values_list("indicator_id", "area_code", "period_start", "period_months", "value")
        for indicator_id, area_code, start, months, value in rows:
            council_values[indicator_id][(start, months)].append(figures.Named(area_code, member_names[area_code], value))

    shown = []
    for indicator in indicators:
        fmt, change_fmt = formatter(indicator), change_formatter(indicator)
        series = sorted(own.get(indicator.pk, []), key=lambda p: p.key)
        with_value = [p for p in series if p.value is not None]
        latest = with_value[-1] if with_value else None
        previous = with_value[-2] if len(with_value) > 1 else None
        delta = figures.change(latest.value if latest else None, previous.value if previous else None)
        england_series = england.get(indicator.pk, {})
        councils = None
        if latest is None and council_values.get(indicator.pk):
            by_period = council_values[indicator.pk]
            newest = max(by_period)
            councils = figures.council_range(values=by_period[newest], members=len(members), period_label=period_label(*newest), period_key=newest)
        if latest is not None:
            basis = "authority"
            england_point = england_series.get(latest.key)
        elif councils is not None:
            basis = "councils"
            england_point = england_series.get(max(council_values[indicator.pk]))
        else:
            basis = "none"
            england_point = england_series[max(england_series)] if england_series else None
        rank, ranked = ranks.get(indicator.pk, (None, 0))
        periods = [p.period_label for p in series]
        trend = sparkline(
            id=f"trend-{indicator.slug}",
            title=f"{authority.short_name}: {indicator.label}, {periods[0] if periods else ''} to {periods[-1] if periods else ''}",
            periods=periods, own=[p.value for p in series],
            england=[england_series[p.key].value if p.key in england_series else None for p in series],
            fmt=fmt,
        ) if series else None
        shown.append(IndicatorFigures(
            indicator=indicator, basis=basis, latest=latest, previous=previous, change=delta,
            improvement=figures.is_improvement(delta, higher_is_better=indicator.higher_is_better),
            england=england_point,
            rank=rank if latest and ranked else None,
            ranked=ranked, series=series, councils=councils, trend=trend, fmt=fmt, change_fmt=change_fmt,
            unit=unit_label(indicator), england_series=list(england_series.values()),
        ))
    datasets = sorted({i.dataset_id: i.dataset for i in indicators}.values(), key=lambda d: d.slug)
    return AuthorityStatistics(
        authority=authority, missions=by_mission(shown, indicator_of=lambda f: f.indicator), datasets=datasets,
        own_count=sum(1 for f in shown if f.basis == "authority"), councils_count=sum(1 for f in shown if f.basis == "councils"),
        member_count=len(members),
    )
