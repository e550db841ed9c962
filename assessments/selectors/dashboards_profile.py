"""One authority's profile: its steps against the national and peer medians, and its trend over rounds."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from assessments import scoring
from assessments.models import Assessment, Authority, Step

from .assessments import AssessmentView, assessment_view
from .dashboards import DEFAULT_SCOPE, round_rollup, step_spreads, step_sums


@dataclass(frozen=True)
class TrendPoint:
    assessment: Assessment
    result: scoring.AssessmentResult


@dataclass(frozen=True)
class Profile:
    authority: Authority
    assessments: list[Assessment]  # newest round first
    view: AssessmentView | None  # the chosen round's assessment, criterion by criterion
    national: dict[int, scoring.Spread]  # step number -> spread of counted authorities
    peers: dict[int, scoring.Spread]  # the same, among authorities of the same kind
    peer_count: int
    trend: list[TrendPoint]  # oldest round first


def _trend(assessments: list[Assessment]) -> list[TrendPoint]:
    """Every round's result for the authority, from one grouped query and one query for steps."""
    if not assessments:
        return []
    ids = [a.pk for a in assessments]
    steps_by_framework = defaultdict(list)
    totals_by_framework = defaultdict(dict)
    steps = Step.objects.filter(framework_id__in={a.round.framework_id for a in assessments})
    for step in steps.annotate(criteria_count=Count("criteria")).order_by("number"):
        steps_by_framework[step.framework_id].append(scoring.StepInput(number=step.number, weight=step.weight))
        totals_by_framework[step.framework_id][step.number] = step.criteria_count
    sums = step_sums(
        where=f"a.id IN ({', '.join(['%s'] * len(ids))})",
        params=ids,
        totals={a.pk: totals_by_framework[a.round.framework_id] for a in assessments},
    )
    points = [
        TrendPoint(a, scoring.result_from_sums(steps=steps_by_framework[a.round.framework_id], sums=sums.get(a.pk, {})))
        for a in assessments
    ]
    return sorted(points, key=lambda p: p.assessment.round.opens_on)


def authority_profile(*, authority: Authority, round_id: int | None) -> Profile:
    assessments = list(
        Assessment.objects.filter(authority=authority).select_related("round__framework").order_by("-round__opens_on")
    )
    chosen = next((a for a in assessments if a.round_id == round_id), assessments[0] if assessments else None)
    # Only spreads leave this function: officials see medians, never other authorities' rows.
    national, peers, peer_count, view = {}, {}, 0, None
    if chosen is not None:
        chosen.authority = authority
        rollup = round_rollup(round_=chosen.round)
        counted = [row for row in rollup.rows if row.state in DEFAULT_SCOPE.states]
        peer_rows = [row for row in counted if row.kind == authority.kind]
        national = step_spreads(rows=counted, steps=rollup.steps)
        peers = step_spreads(rows=peer_rows, steps=rollup.steps)
        peer_count = len(peer_rows)
        view = assessment_view(assessment=chosen)
    return Profile(
        authority=authority,
        assessments=assessments,
        view=view,
        national=national,
        peers=peers,
        peer_count=peer_count,
        trend=_trend(assessments),
    )
