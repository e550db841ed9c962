"""The national indicators page: authorities x indicators (latest values), and a scatter of readiness against one indicator.

Queries stay constant in the number of authorities: the table is sorted and paginated in
the database (a subquery gives each authority's latest value of the sorted indicator)
and one query fetches the page's values; the scatter reads the round's stored scores
(``round_rollup``) and one query of the indicator's latest values.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Subquery

from assessments.models import Authority, Constituent, Landscape, LocalAuthority, Round
from assessments.selectors.dashboards import DEFAULT_SCOPE, round_rollup

from ..catalogue import ENGLAND_CODE
from ..charts import Scatter, scatter
from ..models import Indicator, Observation
from ..periods import period_label
from .common import formatter, unit_label

ROWS_PER_PAGE = 50


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    region: str = ""
    mission: int | None = None
    sort: str = "name"  # "name" or an indicator's slug
    descending: bool = False


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None
    period: str


@dataclass(frozen=True)
class TableRow:
    authority: Authority
    cells: list[Cell]


@dataclass(frozen=True)
class IndicatorTable:
    indicators: list[Indicator]
    units: list[str]
    england: list[Cell]
    page: Page
    rows: list[TableRow]
    count: int


def regions() -> list[str]:
    return list(LocalAuthority.objects.exclude(region="").order_by("region").values_list("region", flat=True).distinct())


def _cell(indicator: Indicator, found) -> Cell:
    if found is None:
        return Cell("–", None, "")
    value, start, months = found
    return Cell(formatter(indicator)(value), value, period_label(start, months))


def _authorities(filters: Filters, base=None):
    authorities = Authority.objects.filter(abolished__isnull=True) if base is None else base
    if filters.kind:
        authorities = authorities.filter(kind=filters.kind)
    if filters.region:
        members = Constituent.objects.filter(landscape=Landscape.CURRENT, local_authority__region=filters.region)
        authorities = authorities.filter(pk__in=members.values("authority_id"))
    return authorities


def indicator_table(*, indicators: list[Indicator], filters: Filters, page_number, authorities=None) -> IndicatorTable:
    """Latest published value of each indicator for each authority (its own, never its councils').

    ``authorities``: the authorities to list (default: every active one), before the filters.
    """
    shown = [i for i in indicators if filters.mission is None or i.mission == filters.mission]
    authorities = _authorities(filters, authorities)
    sorted_by = next((i for i in shown if i.slug == filters.sort), None)
    if sorted_by is not None:
        latest = Observation.objects.filter(indicator=sorted_by, area_code=OuterRef("code"), latest=True).values("value")[:1]
        value = F("sort_value")
        order = value.desc(nulls_last=True) if filters.descending else value.asc(nulls_last=True)
        authorities = authorities.annotate(sort_value=Subquery(latest)).order_by(order, "name")
    else:
        authorities = authorities.order_by("-name" if filters.descending else "name")
    page = Paginator(authorities.only("pk", "name", "short_name", "code", "kind"), ROWS_PER_PAGE).get_page(page_number)
    codes = [a.code for a in page.object_list if a.code]
    values = {}
    found = Observation.objects.filter(
        area_code__in=[*codes, ENGLAND_CODE], indicator__in=shown, latest=True
    ).values_list("area_code", "indicator_id", "value", "period_start", "period_months")
    for code, indicator_id, value, start, months in found:
        values[(code, indicator_id)] = (value, start, months)
    rows = [TableRow(a, [_cell(i, values.get((a.code, i.pk))) for i in shown]) for a in page.object_list]
    return IndicatorTable(
        indicators=shown, units=[unit_label(i) for i in shown],
        england=[_cell(i, values.get((ENGLAND_CODE, i.pk))) for i in shown],
        page=page, rows=rows, count=page.paginator.count,
    )


@dataclass(frozen=True)
class ScatterRow:
    authority_id: int
    short_name: str
    readiness: Decimal
    value: float
    text: str
    period: str


@dataclass(frozen=True)
class ScatterData:
    round: Round
    indicator: Indicator
    chart: Scatter
    rows: list[ScatterRow]
    without_value: list[str]  # counted authorities with no published value of their own


def readiness_scatter(*, round_: Round, indicator: Indicator, filters: Filters) -> ScatterData:
    rollup = round_rollup(round_=round_, states=DEFAULT_SCOPE.states)
    counted = [
        row for row in rollup.rows
        if (not filters.kind or row.kind == filters.kind) and (not filters.region or filters.region in row.regions)
        and row.result.readiness_index is not None
    ]
    found = dict(
        (code, (value, start, months)) for code, value, start, months in Observation.objects.filter(
            indicator=indicator, latest=True, area_code__in=[row.code for row in counted if row.code]
        ).values_list("area_code", "value", "period_start", "period_months")
    )
    fmt = formatter(indicator)
    rows, without = [], []
    for row in counted:
        if row.code not in found:
            without.append(row.short_name)
            continue
        value, start, months = found[row.code]
        rows.append(ScatterRow(row.authority_id, row.short_name, row.result.readiness_index, value, fmt(value), period_label(start, months)))
    rows.sort(key=lambda r: r.readiness)
    chart = scatter(
        id="readiness-scatter",
        title=f"Readiness index in {round_.name} against {indicator.label}",
        points=[(r.short_name, float(r.readiness), r.value) for r in rows],
        x_label="Readiness index", y_label=f"{indicator.label} ({unit_label(indicator)})", fmt=fmt,
    )
    return ScatterData(round=round_, indicator=indicator, chart=chart, rows=rows, without_value=sorted(without))
