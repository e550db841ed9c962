"""One authority's profile, and a print-friendly page of one of its assessments."""
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments import charts
from assessments.access import access_assessment, user_authority_levels
from assessments.access.dashboards import (
    access_authority_profile,
    can_see_national_scores,
)
from assessments.ids import parse_id
from assessments.selectors.assessments import assessment_view
from assessments.selectors.dashboards import Guard, rated_result
from assessments.selectors.dashboards_profile import authority_profile
from assessments.selectors.review import latest_submission
from evidence.selectors import AS_SENT_STATES, cited_by_submission
from official_statistics.selectors.profile import authority_statistics


def _round_id(request: HttpRequest) -> int | None:
    return parse_id(request.GET.get("round", ""))


def _criterion_rows(view) -> list[tuple]:
    """(step, criterion, own answer, moderation) in framework order, for the self vs moderated table."""
    return [
        (step, criterion, view.answers.get(criterion.pk), view.moderations.get(criterion.pk))
        for step in view.steps
        for criterion in step.criteria.all()
    ]


@login_required
@require_safe
def profile_page(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_authority_profile(user=request.user, pk=pk)
    guard = None
    if not can_see_national_scores(user=request.user):
        # An official: the small-group privacy rule applies to every median they see.
        guard = Guard(own_authority_ids=frozenset(user_authority_levels(user=request.user)))
    profile = authority_profile(authority=authority, round_id=_round_id(request), guard=guard)
    context = {"authority": authority, "profile": profile, "guarded": guard is not None}
    view = profile.view
    if view is not None:
        steps = view.steps
        result = profile.result
        labels = [f"Step {s.number}" for s in steps]
        own = [result.step(s.number).score for s in steps]
        national = [profile.national[s.number].median for s in steps]
        peers = [profile.peers[s.number].median for s in steps]
        context.update(
            steps=steps,
            result=result,
            step_rows=[(s, result.step(s.number), profile.national[s.number], profile.peers[s.number])
                       for s in steps],
            criterion_rows=_criterion_rows(view),
            radar=charts.radar(
                id="profile-radar",
                title=f"{authority.short_name}'s step scores against the national and peer medians",
                labels=labels,
                series=[("self", authority.short_name, own), ("national", profile.national_label, national),
                        ("peers", profile.peer_label, peers)],
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
                rounds=[p.label for p in trend],
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
@require_safe
def print_page(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment(user=request.user, pk=pk)
    view = assessment_view(assessment=assessment)
    result = rated_result(state=assessment.state, result=view.result)  # a draft: progress only
    return render(request, "dashboards/print.html", {
        "assessment": assessment,
        "view": view,
        "result": result,
        "rows": [(step, result.step(step.number)) for step in view.steps],
        "criterion_rows": _criterion_rows(view),
        # An assessment as sent lists the evidence versions its submission fixed.
        "cited_evidence": cited_by_submission(submission=latest_submission(assessment=assessment))
        if assessment.state in AS_SENT_STATES else None,
    })
