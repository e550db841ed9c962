"""The national indicators page: authorities x indicators (latest values), and a scatter of readiness against one indicator.

Queries stay constant in the number of authorities: the table is sorted and paginated in
the database (a subquery gives each authority's latest value of the sorted indicator),
one query fetches the page's values and two more its member councils' values where ONS
publishes none for the authority itself; the scatter reads the round's stored scores
(``round_rollup``) and one query of the indicator's latest values, and is kept in-process
until the round's rows or the indicator's dataset change.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Subquery
from django.utils.safestring import SafeString, mark_safe

from assessments.markup import repeat
from assessments.markup import text as escaped
from assessments.models import Authority, Constituent, Landscape, LocalAuthority, Round
from assessments.selectors.dashboards import DEFAULT_SCOPE, RoundRollup, derived_from_rows, round_rollup
from assessments.selectors.devolution import in_tier
from assessments.selectors.rollup_cache import derived

from .. import figures
from ..catalogue import ENGLAND_CODE
from ..charts import Scatter, scatter
from ..models import Indicator, Observation
from ..periods import period_label
from .common import dataset_version, formatter, members_of, unit_label

ROWS_PER_PAGE = 50


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    region: str = ""
    tier: str = ""  # a StrategicTier value or NO_TIER: the authority's current tier; "" for any
    mission: int | None = None
    sort: str = "name"  # "name" or an indicator's slug
    descending: bool = False


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None  # ONS's value for the area itself; None where it publishes none
    period: str
    councils: figures.CouncilRange | None = None  # the member councils' values, where ONS publishes none for the authority
    period_key: tuple | None = None  # (start date, months) of ``period``

    @property
    def basis(self) -> str:
        """"authority" (ONS's own value), "councils" (its member councils' range) or "none"."""
        return "authority" if self.value is not None else "councils" if self.councils else "none"

    @cached_property  # cells are kept in-process (``latest_cells``): their markup is built once
    def td(self) -> str:
        """The table cell (plain string building, see ``assessments.markup``: a page has a thousand)."""
        councils = self.councils
        head = ('<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Councils:</span>'
                if councils else "")
        period = ""
        if self.period:
            extra = ""
            if councils:
                plural = "" if councils.members == 1 else "s"
                extra = f"; {escaped(councils.published)} of {escaped(councils.members)} member council{plural}"
            period = f'<span class="govuk-body-s govuk-!-display-block">{escaped(self.period)}{extra}</span>'
        return f'<td class="govuk-table__cell govuk-table__cell--numeric">{head}{escaped(self.text)}{period}</td>'


@dataclass(frozen=True)
class TableRow:
    authority: Authority
    cells: list[Cell]

    @property
    def cells_markup(self) -> SafeString:
        return mark_safe("".join(cell.td for cell in self.cells))


@dataclass(frozen=True)
class IndicatorTable:
    indicators: list[Indicator]
    units: list[str]
    england: list[Cell]
    page: Page
    rows: list[TableRow]
    count: int

    @property
    def england_missing(self) -> list[Indicator]:
        """Indicators whose file has no figure for England as a whole (GVA: only the UK and ITL regions)."""
        return [i for i, cell in zip(self.indicators, self.england) if cell.value is None]


def regions() -> list[str]:
    return list(LocalAuthority.objects.exclude(region="").order_by("region").values_list("region", flat=True).distinct())


NOT_PUBLISHED = "–"


def _cell(indicator: Indicator, found) -> Cell:
    if found is None:
        return Cell(NOT_PUBLISHED, None, "")
    value, start, months = found
    return Cell(formatter(indicator)(value), value, period_label(start, months), period_key=(start, months))


def _council_cell(indicator: Indicator, councils: figures.CouncilRange) -> Cell:
    fmt = formatter(indicator)
    text = fmt(councils.lowest.value) if councils.published == 1 else f"{fmt(councils.lowest.value)} to {fmt(councils.highest.value)}"
    return Cell(text, None, councils.period_label, councils, councils.period_key)


def _authorities(filters: Filters, base=None):
    authorities = Authority.objects.filter(abolished__isnull=True) if base is None else base
    if filters.kind:
        authorities = authorities.filter(kind=filters.kind)
    if filters.tier:
        authorities = in_tier(authorities, tier=filters.tier)
    if filters.region:
        members = Constituent.objects.filter(landscape=Landscape.CURRENT, local_authority__region=filters.region)
        authorities = authorities.filter(pk__in=members.values("authority_id"))
    return authorities


def table_authorities(*, filters: Filters, sorted_by: Indicator | None = None, authorities=None):
    """The authorities of the table, filtered and in order (by name, or by their latest own value of ``sorted_by``).

    ``authorities``: the authorities to list (default: every active one), before the filters.
    """
    authorities = _authorities(filters, authorities)
    if sorted_by is not None:
        latest = Observation.objects.filter(indicator=sorted_by, area_code=OuterRef("code"), latest=True).values("value")[:1]
        value = F("sort_value")
        order = value.desc(nulls_last=True) if filters.descending else value.asc(nulls_last=True)
        return authorities.annotate(sort_value=Subquery(latest)).order_by(order, "name", "pk")
    return authorities.order_by("-name" if filters.descending else "name", "pk")


def latest_cells(*, authorities: list[Authority], indicators: list[Indicator]) -> tuple[dict[tuple[int, int], Cell], list[Cell]]:
    """((authority id, indicator id) -> Cell, England's cells): three queries for any number of authorities.

    An authority's own latest value where ONS publishes one; otherwise its member councils'
    latest values in their newest period (lowest, median, highest), never an average.
    The values change only with an import (``dataset_version``) and the councils with the
    memberships, read fresh here: with both the same, the cells are the ones built before
    (``rollup_cache.derived``).
    """
    members = members_of({a.pk for a in authorities}) if authorities else {}
    key = (
        "latest-cells", tuple((a.pk, a.code) for a in authorities),
        tuple((i.pk, dataset_version(i)) for i in indicators),
    )
    return derived(key=key, inputs=members, compute=lambda: _latest_cells(authorities, indicators, members))


def _latest_cells(authorities: list[Authority], indicators: list[Indicator], all_members: dict) -> tuple[dict, list[Cell]]:
    codes = [a.code for a in authorities if a.code]
    values = {}
    found = Observation.objects.filter(
        area_code__in=[*codes, ENGLAND_CODE], indicator__in=indicators, latest=True
    ).values_list("area_code", "indicator_id", "value", "period_start", "period_months")
    for code, indicator_id, value, start, months in found:
        values[(code, indicator_id)] = (value, start, months)
    missing = {(a.pk, i.pk) for a in authorities for i in indicators if (a.code, i.pk) not in values}
    members = {authority_id: all_members.get(authority_id, []) for authority_id, _ in missing}
    council_values: dict[tuple[str, int], tuple] = {}
    member_codes = {code for councils in members.values() for code, _ in councils}
    if member_codes:
        rows = Observation.objects.filter(
            area_code__in=member_codes, indicator_id__in={indicator_id for _, indicator_id in missing}, latest=True
        ).values_list("area_code", "indicator_id", "value", "period_start", "period_months")
        for code, indicator_id, value, start, months in rows:
            council_values[(code, indicator_id)] = (value, (start, months))
    cells = {}
    for authority in authorities:
        for indicator in indicators:
            key = (authority.pk, indicator.pk)
            if key not in missing:
                cells[key] = _cell(indicator, values[(authority.code, indicator.pk)])
                continue
            councils = members.get(authority.pk, [])
            published = [(code, name, *council_values[(code, indicator.pk)]) for code, name in councils if (code, indicator.pk) in council_values]
            newest = max((period for *_, period in published), default=None)
            in_newest = [figures.Named(code, name, value) for code, name, value, period in published if period == newest]
            councils_range = figures.council_range(
                values=in_newest, members=len(councils), period_label=period_label(*newest), period_key=newest) if newest else None
            cells[key] = _council_cell(indicator, councils_range) if councils_range else _cell(indicator, None)
    england = [_cell(i, values.get((ENGLAND_CODE, i.pk))) for i in indicators]
    return cells, england


def indicator_table(*, indicators: list[Indicator], filters: Filters, page_number, authorities=None) -> IndicatorTable:
    """Latest published value of each indicator for each authority (its own, or its member councils' range).

    ``authorities``: the authorities to list (default: every active one), before the filters.
    """
    shown = [i for i in indicators if filters.mission is None or i.mission == filters.mission]
    sorted_by = next((i for i in shown if i.slug == filters.sort), None)
    ordered = table_authorities(filters=filters, sorted_by=sorted_by, authorities=authorities)
    page = Paginator(ordered.only("pk", "name", "short_name", "code", "kind"), ROWS_PER_PAGE).get_page(page_number)
    cells, england = latest_cells(authorities=list(page.object_list), indicators=shown)
    rows = [TableRow(a, [cells[(a.pk, i.pk)] for i in shown]) for a in page.object_list]
    return IndicatorTable(
        indicators=shown, units=[unit_label(i) for i in shown], england=england,
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
    rows_markup: SafeString  # the data table's rows, built once with the chart (``scatter_rows_markup``)


def scatter_rows_markup(rows: list[ScatterRow]) -> SafeString:
    """The chart's data table rows (every counted authority: built in Python, see ``assessments.markup``)."""
    return repeat(
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{}</th>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td><td class="govuk-table__cell">{}</td></tr>',
        ((row.short_name, f"{row.readiness:.2f}", row.text, row.period) for row in rows),
    )


def readiness_scatter(*, round_: Round, indicator: Indicator, filters: Filters) -> ScatterData:
    """Memoised in-process (``rollup_cache.derived``) with the round's rows and the indicator's
    dataset version: placing a thousand labels is the costly part, and it changes only with them."""
    rollup = round_rollup(round_=round_, states=DEFAULT_SCOPE.states)
    found = derived_from_rows(
        rollup, key=("scatter", round_.name, indicator.pk, dataset_version(indicator), filters.kind, filters.region, filters.tier),
        inputs=rollup.rows, compute=lambda: _readiness_scatter(rollup=rollup, indicator=indicator, filters=filters),
    )
    return found if found.round is round_ else replace(found, round=round_)


def _readiness_scatter(*, rollup: RoundRollup, indicator: Indicator, filters: Filters) -> ScatterData:
    round_ = rollup.round
    counted = [
        row for row in rollup.rows
        if (not filters.kind or row.kind == filters.kind) and (not filters.region or filters.region in row.regions)
        and (not filters.tier or row.tier == filters.tier)  # the tier on the round's landscape date
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
    return ScatterData(round=round_, indicator=indicator, chart=chart, rows=rows, without_value=sorted(without),
                       rows_markup=scatter_rows_markup(rows))
