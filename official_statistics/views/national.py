"""The national indicators page (central staff): authorities x indicators, and readiness against one indicator."""
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from assessments.selectors.rounds import rounds_newest_first
from assessments.views.listing import SortHeader, sort_header

from ..access import access_national_statistics
from ..forms import IndicatorFilterForm
from ..selectors.common import indicators_in_order, sources
from ..selectors.national import Filters, indicator_table, readiness_scatter, regions


def _columns(filters: Filters, table, query: dict) -> list[SortHeader]:
    """Sortable headers: the authority's name, then each indicator (best first on the first click)."""
    return [
        sort_header(
            key=key, label=label, query=query, sorted_by=filters.sort, descending=filters.descending,
            descending_first=best_first_desc, numeric=numeric,
        )
        for key, label, best_first_desc, numeric in [("name", "Authority", False, False)] + [
            (i.slug, i.label, i.higher_is_better, True) for i in table.indicators
        ]
    ]


@login_required
@require_safe
def indicators_page(request: HttpRequest) -> HttpResponse:
    access_national_statistics(user=request.user)
    indicators = indicators_in_order()
    rounds = rounds_newest_first()
    form = IndicatorFilterForm(request.GET or None, regions=regions(), indicators=indicators, rounds=rounds)
    filters = Filters(
        kind=form.value("kind") or "", tier=form.value("tier") or "", region=form.value("region") or "",
        mission=form.value("mission"),
        sort=form.value("sort") or "name", descending=form.value("order") == "desc",
    )
    table = indicator_table(indicators=indicators, filters=filters, page_number=request.GET.get("page"))
    query = {k: v for k, v in {"kind": filters.kind, "tier": filters.tier, "region": filters.region, "mission": filters.mission or "",
                                "indicator": form.value("indicator") or "", "round": form.value("round") or ""}.items() if v}
    chosen_slug = form.value("indicator") or next((i.slug for i in indicators if i.name == "Gross value added per hour worked"), None)
    indicator = next((i for i in indicators if i.slug == chosen_slug), indicators[0] if indicators else None)
    round_id = form.value("round")
    round_ = next((r for r in rounds if r.pk == round_id), rounds[0] if rounds else None)
    chart = readiness_scatter(round_=round_, indicator=indicator, filters=filters) if indicator and round_ else None
    sort_query = {**query, "sort": filters.sort, "order": "desc" if filters.descending else "asc"}
    return render(request, "official_statistics/indicators.html", {
        "form": form, "filters": filters, "table": table, "columns": _columns(filters, table, query),
        "scatter": chart, "indicators": indicators, "rounds": rounds, "chosen_indicator": indicator, "chosen_round": round_,
        "page_query": urlencode(sort_query), "base_url": reverse("statistics-indicators"),
        "units": list(zip(table.indicators, table.units)), "sources": sources(indicators),
    })
