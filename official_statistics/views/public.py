"""The public page of a published round's official statistics: open data, for the authorities with published results."""
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.access.dashboards import published_round

from ..selectors.common import indicators_in_order, sources
from ..selectors.national import Filters, indicator_table
from ..selectors.published import published_authorities


@require_safe
def published_round_statistics(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = published_round(pk=pk)
    indicators = indicators_in_order()
    table = indicator_table(
        indicators=indicators, filters=Filters(), page_number=request.GET.get("page"),
        authorities=published_authorities(round_=round_),
    )
    return render(request, "official_statistics/public_round.html", {
        "round": round_, "table": table, "units": list(zip(table.indicators, table.units)), "sources": sources(indicators),
    })
