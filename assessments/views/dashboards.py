"""National overview and step view of a round, for central staff (officials get the medians only)."""
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from assessments import charts
from assessments.access import authorities_visible_to
from assessments.access.dashboards import (
    access_round,
    access_round_scores,
    can_see_national_scores,
    official_guard,
)
from assessments.access.roles import ADMIN_ROLES, has_role
from assessments.ids import parse_id
from assessments.models import AuthorityKind, Round
from assessments.selectors.criterion_levels import round_levels
from assessments.selectors.dashboards import (
    DEFAULT_SCOPE,
    Scope,
    latest_round_with_submissions,
    round_rollup,
)
from assessments.selectors.dashboards_centre import centre_owed
from assessments.selectors.dashboards_overview import OverviewFilters, overview
from assessments.selectors.dashboards_steps import (
    LEVEL_KEYS,
    LEVEL_LABELS,
    criterion_levels,
)
from assessments.selectors.devolution import TIER_CHOICES
from assessments.selectors.rounds import rounds_newest_first
from assessments.views.listing import SortHeader, page_of, sort_header


def _chosen_round(request: HttpRequest, pk: int | None, rounds: list[Round]) -> Round | None:
    chosen = parse_id(request.GET.get("round", ""))
    if pk is None and chosen is not None:
        pk = chosen
    if pk is not None:
        return access_round(user=request.user, pk=pk)
    # Not an empty new round: the newest one anybody has submitted to.
    return latest_round_with_submissions(rounds)


def _columns(base_url: str, filters: OverviewFilters, steps) -> list[SortHeader]:
    """Sortable column headers: a link that sorts by the column, flipping the order if it is already sorted."""
    labels = [("name", "Authority"), ("kind", "Kind"), ("tier", "Tier"), ("region", "Region"), ("state", "State")]
    labels += [(f"step{s.number}", f"{s.number}. {s.short_title}") for s in steps] + [("index", "Readiness index")]
    query = filters.as_query()
    return [
        sort_header(
            key=key, label=label, query=query, sorted_by=filters.sort, descending=filters.descending,
            descending_first=is_score, numeric=is_score, base_url=base_url,
        )
        for key, label in labels
        for is_score in [key == "index" or key.startswith("step")]
    ]


@login_required
@require_safe
def overview_page(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    rounds = rounds_newest_first()
    round_ = _chosen_round(request, pk, rounds)
    if round_ is None:
        return render(request, "dashboards/no_rounds.html")
    if not can_see_national_scores(user=request.user):
        return _official_overview(request, round_, rounds)
    filters = OverviewFilters.from_query(request.GET)
    data = overview(rollup=round_rollup(round_=round_), filters=filters)
    page = page_of(request, data.rows)
    base_url = reverse("dashboard-round", args=[round_.pk])
    return render(request, "dashboards/overview.html", {
        "round": round_,
        "rounds": rounds,
        "data": data,
        "page": page,
        "columns": _columns(base_url, filters, data.rollup.steps),
        "query_string": urlencode(filters.as_query()),
        "keep_filters": _kept_filters(filters),
        "kinds": AuthorityKind.choices,
        "tiers": TIER_CHOICES,
        "scopes": [(scope.value, scope.label) for scope in Scope],
        "spread_rows": [(step, data.spreads[step.number]) for step in data.rollup.steps],
        "is_admin": has_role(user=request.user, roles=ADMIN_ROLES),
        "can_publish": round_.published_at is None and data.counts["approved"] > 0,
        "centre": centre_owed(rollup=data.rollup, rows=data.rows),
    })


def _kept_filters(filters: OverviewFilters) -> list[tuple[str, str]]:
    """The filters as hidden fields of the round picker, so changing the round keeps them."""
    return sorted(filters.as_query().items())


def _official_overview(request: HttpRequest, round_: Round, rounds: list[Round]) -> HttpResponse:
    """Officials: national medians of the round and links to their own authorities' profiles; no one else's scores."""
    authorities = list(authorities_visible_to(user=request.user).order_by("name"))
    data = overview(
        rollup=round_rollup(round_=round_),
        filters=OverviewFilters(scope=DEFAULT_SCOPE),
        guard=official_guard(user=request.user, round_=round_, authorities=authorities),
    )
    return render(request, "dashboards/overview_official.html", {
        "round": round_,
        "rounds": rounds,
        "index": data.index,
        "spread_rows": [(step, data.spreads[step.number]) for step in data.rollup.steps],
        "spreads_caption": data.label,
        "guarded": True,  # the small-group privacy rule applies: say so under the table
        "counted": data.counts["counted"],
        "authorities": authorities,
    })


@login_required
@require_safe
def step_page(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    round_ = access_round_scores(user=request.user, pk=pk)
    filters = OverviewFilters.from_query(request.GET)
    data = overview(rollup=round_rollup(round_=round_), filters=filters)
    step = next((s for s in data.rollup.steps if s.number == number), None)
    if step is None:
        raise Http404("No such step")
    levels = criterion_levels(step=step, rows=data.rows, levels=round_levels(rollup=data.rollup))
    return render(request, "dashboards/step.html", {
        "round": round_,
        "step": step,
        "steps": data.rollup.steps,
        "data": data,
        "spread": data.spreads[number],
        "levels": levels,
        "level_labels": [LEVEL_LABELS[key] for key in LEVEL_KEYS],
        "strip": charts.strip_plot(
            id="step-scores",
            title=f"Step {number} scores across authorities: {data.label.lower()}",
            points=[(row.short_name, row.step_exact(number)) for row in data.rows],
        ),
        "bars": charts.stacked_bars(
            id="criterion-levels",
            title=f"Levels of each criterion in step {number}",
            rows=[(f"{item.criterion.code} {item.criterion.title}", item.counts) for item in levels],
            labels=LEVEL_LABELS,
        ),
        "ranked": sorted((r for r in data.rows if r.step_score(number) is not None),
                         key=lambda r: (-r.step_score(number), r.name.lower())),
        "query_string": urlencode(filters.as_query()),
    })
