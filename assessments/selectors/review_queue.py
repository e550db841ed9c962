"""Reads for the review queue: one round's assessments, filtered, sorted and scored a page at a time.

Query count per page does not grow with the number of rows: the page itself (with each
assessment's stored scores, ``AssessmentScore``), the headline counts, one query for the
councils' regions and one for the framework's steps; rows without a stored row are
computed (not stored) in one more. The numbers come from the scoring module either way.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from assessments import scoring
from assessments.models import (
    Answer,
    Assessment,
    Constituent,
    Round,
    RoundState,
    User,
)
from assessments.models.rounds import answered_q
from assessments.transitions import REVIEWABLE_STATES

from .dashboards import rated_result, round_steps
from .devolution import tier_expression
from .landscapes import round_landscape_day
from .scores import missing_results, stored_of, stored_result

ASSIGNED_TO_ME, UNASSIGNED = "me", "none"
# The queue's own status filter: everything a reviewer can act on (submitted or in review).
NEEDS_REVIEW = "needs_review"
# Sort key in the URL -> database ordering.
SORTS = {
    "authority": "authority__name",
    "kind": "authority__kind",
    "state": "state",
    "progress": "answered_count",
    "submitted": "submitted_at",
    "reviewer": "assigned_reviewer__full_name",
}
DEFAULT_SORT = "authority"


@dataclass(frozen=True)
class QueueQuery:
    round: Round
    state: str = ""
    kind: str = ""
    tier: str = ""  # a StrategicTier value or NO_TIER: the tier on the round's landscape date
    assigned: str = ""
    search: str = ""
    sort: str = DEFAULT_SORT
    descending: bool = False


@dataclass(frozen=True)
class QueueRow:
    assessment: Assessment
    regions: list[str]
    own: scoring.AssessmentResult
    effective: scoring.AssessmentResult

    @property
    def moderated(self) -> bool:
        return self.own != self.effective


def queue_rounds() -> list[Round]:
    return list(Round.objects.order_by("-opens_on"))


def default_round(rounds: list[Round]) -> Round | None:
    """The newest open round, else the newest round."""
    return next((r for r in rounds if r.state == RoundState.OPEN), rounds[0] if rounds else None)


def state_counts(*, round_: Round) -> dict[str, int]:
    """state -> number of the round's assessments, whatever the other filters say."""
    rows = Assessment.objects.filter(round=round_).values("state").annotate(n=Count("id")).order_by()
    return {row["state"]: row["n"] for row in rows}


def queue_assessments(*, query: QueueQuery, user: User) -> QuerySet[Assessment]:
    answered = (
        Answer.objects.filter(assessment=OuterRef("pk"))
        .filter(answered_q())
        .order_by()
        .values("assessment")
        .annotate(n=Count("id"))
        .values("n")
    )
    day = round_landscape_day(round_=query.round)
    queryset = (
        Assessment.objects.filter(round=query.round)
        .select_related("authority", "assigned_reviewer", "round", "summary")
        .annotate(answered_count=Coalesce(Subquery(answered, output_field=IntegerField()), Value(0)))
        .annotate(tier_then=tier_expression(day=day, authority_ref="authority_id"))
    )
    if query.state == NEEDS_REVIEW:
        queryset = queryset.filter(state__in=REVIEWABLE_STATES)
    elif query.state:
        queryset = queryset.filter(state=query.state)
    if query.kind:
        queryset = queryset.filter(authority__kind=query.kind)
    if query.tier:
        queryset = queryset.filter(tier_then=query.tier)
    if query.assigned == ASSIGNED_TO_ME:
        queryset = queryset.filter(assigned_reviewer=user)
    elif query.assigned == UNASSIGNED:
        queryset = queryset.filter(assigned_reviewer__isnull=True)
    if query.search:
        term = query.search.strip()
        queryset = queryset.filter(
            Q(authority__name__icontains=term) | Q(authority__short_name__icontains=term) | Q(authority__code__iexact=term)
        )
    field = F(SORTS.get(query.sort, SORTS[DEFAULT_SORT]))
    ordering = field.desc(nulls_last=True) if query.descending else field.asc(nulls_last=True)
    return queryset.order_by(ordering, "authority__name", "pk")


def queue_rows(*, assessments: list[Assessment], round_: Round) -> list[QueueRow]:
    """Regions and readiness for one page of the queue, in a fixed number of queries."""
    ids = [a.pk for a in assessments]
    if not ids:
        return []
    regions: dict[int, set[str]] = defaultdict(set)
    constituents = Constituent.objects.filter(
        authority_id__in={a.authority_id for a in assessments}, landscape=round_.landscape
    ).values_list("authority_id", "local_authority__region")
    for authority_id, region in constituents.distinct():
        if region:
            regions[authority_id].add(region)

    steps = round_steps(round_=round_)
    totals = [(step.number, step.criteria_count) for step in steps]
    stored = {a.pk: stored_of(getattr(a, "summary", None)) for a in assessments}
    missing = [pk for pk, values in stored.items() if values is None]
    computed = missing_results(ids=missing, steps=steps)
    rows = []
    for assessment in assessments:
        values = stored[assessment.pk]
        if values is None:
            effective_result, own_result = computed[assessment.pk]
        else:
            effective_result = stored_result(values, totals=totals)
            own_result = stored_result(values, totals=totals, own=True)
        rows.append(QueueRow(
            assessment, sorted(regions.get(assessment.authority_id, ())),
            rated_result(state=assessment.state, result=own_result),
            rated_result(state=assessment.state, result=effective_result),
        ))
    return rows
