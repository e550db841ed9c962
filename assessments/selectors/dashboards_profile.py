"""One authority's profile: its steps against the national and peer medians, and its trend over rounds."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from assessments import scoring
from assessments.models import Assessment, Authority, Step
from assessments.services.scores import missing_scores_store

from .assessments import AssessmentView, assessment_view
from .dashboards import DEFAULT_SCOPE, round_rollup, step_spreads
from .scores import stored_of, stored_result


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
    """Every round's result for the authority, from the stored scores and one query for steps.

    Assessments not stored yet are computed and stored: two queries per framework version.
    """
    if not assessments:
        return []
    steps_by_framework = defaultdict(list)
    steps = Step.objects.filter(framework_id__in={a.round.framework_id for a in assessments})
    for step in steps.annotate(criteria_count=Count("criteria")).order_by("number"):
        steps_by_framework[step.framework_id].append(step)
    results = {}
    for assessment in assessments:
        stored = stored_of(getattr(assessment, "summary", None))
        if stored is not None:
            totals = [(s.number, s.criteria_count) for s in steps_by_framework[assessment.round.framework_id]]
            results[assessment.pk] = stored_result(stored, totals=totals)
    missing = defaultdict(list)  # framework id -> assessment ids
    for assessment in assessments:
        if assessment.pk not in results:
            missing[assessment.round.framework_id].append(assessment.pk)
    for framework_id, ids in missing.items():
        where = f"a.id IN ({', '.join(['%s'] * len(ids))})"
        found = missing_scores_store(ids=ids, steps=steps_by_framework[framework_id], where=where, params=ids)
        results.update({pk: effective for pk, (effective, _own) in found.items()})
    points = [TrendPoint(a, results[a.pk]) for a in assessments]
    return sorted(points, key=lambda p: p.assessment.round.opens_on)


def authority_profile(*, authority: Authority, round_id: int | None) -> Profile:
    assessments = list(
        Assessment.objects.filter(authority=authority).select_related("round__framework", "summary").order_by("-round__opens_on")
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
