"""One authority's profile: its steps against the national and peer medians, and its trend over rounds."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Count

from assessments import scoring
from assessments.models import Assessment, Authority, Step

from .assessments import AssessmentView, assessment_view
from .dashboards import (
    KIND_LABELS,
    SUBMITTED_STATES,
    Guard,
    rated_result,
    round_rollup,
)
from .dashboards_centre import CentreOwed, centre_owed
from .dashboards_overview import OverviewFilters, overview
from .devolution import LineageLine, lineage_lines, predecessor_ids, tier_on
from .landscapes import round_landscape_day
from .scores import missing_results, stored_of, stored_result


@dataclass(frozen=True)
class TrendPoint:
    assessment: Assessment
    result: scoring.AssessmentResult
    via: str = ""  # the earlier body's name, for a predecessor's round (the line the trend follows)

    @property
    def label(self) -> str:
        name = self.assessment.round.name
        return f"{name} (as {self.via})" if self.via else name


@dataclass(frozen=True)
class Profile:
    authority: Authority
    assessments: list[Assessment]  # newest round first
    view: AssessmentView | None  # the chosen round's assessment, criterion by criterion
    national: dict[int, scoring.Spread]  # step number -> spread of counted authorities
    peers: dict[int, scoring.Spread]  # the same, among authorities of the same kind
    peer_count: int
    trend: list[TrendPoint]  # oldest round first; drafts unrated
    national_index: scoring.Spread | None = None
    peer_index: scoring.Spread | None = None
    national_label: str = ""  # "National median of 12 authorities"
    peer_label: str = ""  # "Median of 6 mayoral combined authorities"
    lineage: list[LineageLine] = field(default_factory=list)  # "Formed from …", "Renamed from …"
    successors: list[LineageLine] = field(default_factory=list)  # "Became part of …"
    tier: str | None = None  # the strategic-authority tier on the chosen round's landscape date
    centre: CentreOwed | None = None  # what the centre owes the area in the chosen round (its row only)

    @property
    def result(self) -> scoring.AssessmentResult | None:
        """The chosen assessment's result as it may be shown (a draft's: progress only)."""
        if self.view is None:
            return None
        return rated_result(state=self.view.assessment.state, result=self.view.result)


def _trend(assessments: list[Assessment], names: dict[int, str]) -> list[TrendPoint]:
    """Every round's result for the authority, from the stored scores and one query for steps.

    Assessments without a stored row are computed, not stored: one query per framework version.
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
        found = missing_results(ids=ids, steps=steps_by_framework[framework_id])
        results.update({pk: effective for pk, (effective, _own) in found.items()})
    points = [
        TrendPoint(a, rated_result(state=a.state, result=results[a.pk]), via=names.get(a.authority_id, ""))
        for a in assessments
    ]
    return sorted(points, key=lambda p: (p.assessment.round.opens_on, p.via))


def _line_assessments(*, authority: Authority, own: list[Assessment]) -> tuple[list[Assessment], dict[int, str]]:
    """The submitted assessments of the bodies ``authority`` came from, in rounds it was not in itself."""
    ancestors = predecessor_ids(authority_ids={authority.pk})[authority.pk]
    if not ancestors:
        return [], {}
    own_rounds = {a.round_id for a in own}
    earlier = (
        Assessment.objects.filter(authority_id__in=ancestors, state__in=SUBMITTED_STATES)
        .exclude(round_id__in=own_rounds)
        .select_related("round__framework", "summary", "authority")
    )
    found = list(earlier)
    return found, {a.authority_id: a.authority.name for a in found}


def authority_profile(*, authority: Authority, round_id: int | None, guard: Guard | None = None) -> Profile:
    """``guard``: an authority's user reads, so the small-group privacy rule applies (see ``Guard``)."""
    assessments = list(
        Assessment.objects.filter(authority=authority).select_related("round__framework", "summary").order_by("-round__opens_on")
    )
    chosen = next((a for a in assessments if a.round_id == round_id), assessments[0] if assessments else None)
    # Only spreads leave this function: officials see medians, never other authorities' rows.
    national, peers, peer_count, view, extra = {}, {}, 0, None, {}
    if chosen is not None:
        chosen.authority = authority
        if guard is not None:
            guard = replace(guard, published=chosen.round.published_at is not None)
        rollup = round_rollup(round_=chosen.round)
        # The overview's counting (memoised with the rows): everyone submitted, and the same kind.
        everyone = overview(rollup=rollup, filters=OverviewFilters(), guard=guard)
        same_kind = overview(rollup=rollup, filters=OverviewFilters(kind=authority.kind), guard=guard)
        national, peers = everyone.spreads, same_kind.spreads
        peer_count = same_kind.counts["counted"]
        view = assessment_view(assessment=chosen)
        national_index, peer_index = everyone.index, same_kind.index
        own_rows = [row for row in rollup.rows if row.assessment_id == chosen.pk]
        criteria = [criterion for step in view.steps for criterion in step.criteria.all()]
        extra = {
            "centre": centre_owed(rollup=rollup, rows=own_rows, criteria=criteria),
            "national_index": national_index,
            "peer_index": peer_index,
            "national_label": scoring.group_label(count=national_index.count),
            "peer_label": scoring.group_label(count=peer_index.count, kind=KIND_LABELS[authority.kind].lower()),
        }
    line, names = _line_assessments(authority=authority, own=assessments)
    lineage, successors = lineage_lines(authority=authority)
    return Profile(
        authority=authority,
        assessments=assessments,
        view=view,
        national=national,
        peers=peers,
        peer_count=peer_count,
        trend=_trend([*assessments, *line], names),
        lineage=lineage,
        successors=successors,
        tier=tier_on(authority=authority, day=round_landscape_day(round_=chosen.round)) if chosen else None,
        **extra,
    )
