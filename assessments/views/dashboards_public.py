"""The public results pages: published rounds only, approved assessments only, no sign-in."""
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments import scoring
from assessments.access.dashboards import published_round
from assessments.exports.rounds import public_rollup
from assessments.models import Round
from assessments.selectors.dashboards import index_spread, step_spreads
from assessments.selectors.rounds import published_round_list
from assessments.views.listing import page_of


@require_safe
def published_rounds(request: HttpRequest) -> HttpResponse:
    rounds = published_round_list()
    return render(request, "dashboards/public_rounds.html", {"rounds": rounds})


@require_safe
def published_round_page(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = published_round(pk=pk)
    return render(request, "dashboards/public_round.html", public_round_context(request, round_))


def public_round_context(request: HttpRequest, round_: Round) -> dict:
    """What the public page shows; also the admins' preview before publishing."""
    # Filtered in the query itself, not afterwards: nothing but approved assessments is even read.
    rollup = public_rollup(round_=round_)
    spreads = step_spreads(rows=rollup.rows, steps=rollup.steps)
    index = index_spread(rows=rollup.rows)
    return {
        "round": round_,
        "steps": rollup.steps,
        "page": page_of(request, rollup.rows),
        "count": len(rollup.rows),
        "spread_rows": [(step, spreads[step.number]) for step in rollup.steps],
        "index": index,
        "spreads_caption": scoring.group_label(count=index.count, qualifier="approved"),
    }
