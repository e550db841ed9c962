"""Two rounds side by side, for central staff."""
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from assessments.access.dashboards import (
    NATIONAL_SCORES_REFUSED,
    can_see_national_scores,
)
from assessments.models import Round
from assessments.selectors.dashboards import (
    Scope,
    latest_round_with_submissions,
)
from assessments.selectors.dashboards_compare import compare_rounds
from assessments.selectors.rounds import rounds_newest_first
from assessments.views.listing import page_of


def _pick(rounds: list[Round], value: str, fallback: Callable[[], Round | None]) -> Round | None:
    """The round whose id is ``value``, else ``fallback()`` (only worked out when needed)."""
    chosen = next((r for r in rounds if str(r.pk) == value), None)
    return chosen if chosen is not None else fallback()


@login_required
@require_safe
def compare_page(request: HttpRequest) -> HttpResponse:
    if not can_see_national_scores(user=request.user):
        raise PermissionDenied(NATIONAL_SCORES_REFUSED)
    rounds = rounds_newest_first()
    # By default the latest round with submissions, against the round before it.
    after = _pick(rounds, request.GET.get("after", ""), lambda: latest_round_with_submissions(rounds))
    older = [r for r in rounds if after is not None and r.pk != after.pk and rounds.index(r) > rounds.index(after)]
    other = older[0] if older else next((r for r in rounds if after is not None and r.pk != after.pk), None)
    before = _pick(rounds, request.GET.get("before", ""), lambda: other)
    scope = Scope.from_query(request.GET.get("scope"))
    context = {"rounds": rounds, "before": before, "after": after, "scope": scope,
               "scopes": [(s.value, s.label) for s in Scope]}
    error = None
    if before is None or after is None:
        error = "There need to be at least two rounds to compare."
    elif before.pk == after.pk:
        error = "Choose two different rounds to compare."
    if error:
        context["error"] = error
        return render(request, "dashboards/compare.html", context, status=400 if len(rounds) > 1 else 200)
    comparison = compare_rounds(before=before, after=after, scope=scope)
    step_headings = [comparison.step_titles.get(n) or n for n in comparison.step_numbers]
    context.update(
        comparison=comparison,
        page=page_of(request, comparison.authorities),
        query_string=urlencode({"before": before.pk, "after": after.pk, "scope": scope.value}),
        step_medians=list(zip(step_headings, comparison.medians)),
        step_headings=step_headings,
    )
    return render(request, "dashboards/compare.html", context)
