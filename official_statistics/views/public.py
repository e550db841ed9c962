"""The public page of a published round's official statistics: open data, for the authorities with published results."""
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.access.dashboards import published_round
from assessments.models import AssessmentState, Authority

from ..selectors.common import indicators_in_order, sources
from ..selectors.national import Filters, indicator_table


@require_safe
def published_round_statistics(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = published_round(pk=pk)
    # The same authorities as the public results page: approved assessments of the round only.
    published = Authority.objects.filter(assessments__round=round_, assessments__state=AssessmentState.APPROVED)
    indicators = indicators_in_order()
    table = indicator_table(
        indicators=indicators, filters=Filters(), page_number=request.GET.get("page"),
        authorities=Authority.objects.filter(pk__in=published.values("pk")),
    )
    return render(request, "official_statistics/public_round.html", {
        "round": round_, "table": table, "units": list(zip(table.indicators, table.units)), "sources": sources(indicators),
    })
