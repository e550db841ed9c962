"""One authority's profile, and a print-friendly page of one of its assessments."""
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from assessments import charts
from assessments.access import access_assessment
from assessments.access.dashboards import access_authority_profile
from assessments.selectors.assessments import assessment_view
from assessments.selectors.dashboards_profile import authority_profile
from official_statistics.selectors.profile import authority_statistics


def _round_id(request: HttpRequest) -> int | None:
    value = request.GET.get("round", "")
    return int(value) if value.isdigit() else None


def _criterion_rows(view) -> list[tuple]:
    """(step, criterion, own answer, moderation) in framework order, for the self vs moderated table."""
    return [
        (step, criterion, view.answers.get(criterion.pk), view.moderations.get(criterion.pk))
        for step in view.steps
        for criterion in step.criteria.all()
    ]


@login_required
def profile_page(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_authority_profile(user=request.user, pk=pk)
    profile = authority_profile(authority=authority, round_id=_round_id(request))
    context = {"authority": authority, "profile": profile}
    view = profile.view
    if view is not None:
        steps = view.steps
        labels = [f"Step {s.number}" for s in steps]
        own = [view.result.step(s.number).score for s in steps]
        national = [profile.national[s.number].median for s in steps]
        peers = [profile.peers[s.number].median for s in steps]
        context.update(
            steps=steps,
            step_rows=[(s, view.result.step(s.number), profile.national[s.number], profile.peers[s.number])
                       for s in steps],
            criterion_rows=_criterion_rows(view),
            radar=charts.radar(
                id="profile-radar",
                title=f"{authority.short_name}'s step scores against the national and peer medians",
                labels=labels,
                series=[("self", authority.short_name, own), ("national", "National median", national),
                        ("peers", f"Median of {authority.get_kind_display().lower()}s", peers)],
            ),
        )
    trend = profile.trend
    if trend:
        step_numbers = sorted({s.number for point in trend for s in point.result.steps})
        context.update(
            trend_steps=step_numbers,
            trend=charts.trend_chart(
                id="profile-trend",
                title=f"{authority.short_name}'s readiness index across rounds",
                rounds=[p.assessment.round.name for p in trend],
                series=[("self", "Readiness index", [p.result.readiness_index for p in trend])],
            ),
            trend_rows=[
                (p, [next((s.score for s in p.result.steps if s.number == n), None) for n in step_numbers])
                for p in trend
            ],
        )
    context["official_statistics"] = authority_statistics(authority=authority)
    return render(request, "dashboards/authority.html", context)


@login_required
def print_page(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment(user=request.user, pk=pk)
    view = assessment_view(assessment=assessment)
    return render(request, "dashboards/print.html", {
        "assessment": assessment,
        "view": view,
        "result": view.result,
        "rows": [(step, view.result.step(step.number)) for step in view.steps],
        "criterion_rows": _criterion_rows(view),
    })
