"""Reads for the review queue: one round's assessments, filtered, sorted and scored a page at a time.

Query count per page does not grow with the number of rows: the page itself, the
headline counts, one query for the councils' regions, one aggregation of the page's
answers and moderations by assessment and step, and two for the framework. The numbers
come from ``scoring.result_from_sums``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from assessments import scoring
from assessments.models import (
    Answer,
    Assessment,
    Constituent,
    Moderation,
    Round,
    RoundState,
    User,
)

from .framework import framework_steps

ASSIGNED_TO_ME, UNASSIGNED = "me", "none"
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
        .filter(Q(score__isnull=False) | Q(not_applicable=True))
        .order_by()
        .values("assessment")
        .annotate(n=Count("id"))
        .values("n")
    )
    queryset = (
        Assessment.objects.filter(round=query.round)
        .select_related("authority", "assigned_reviewer", "round")
        .annotate(answered_count=Coalesce(Subquery(answered, output_field=IntegerField()), Value(0)))
    )
    if query.state:
        queryset = queryset.filter(state=query.state)
    if query.kind:
        queryset = queryset.filter(authority__kind=query.kind)
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

    steps = framework_steps(framework=round_.framework)
    step_inputs = [scoring.StepInput(number=s.number, weight=s.weight) for s in steps]
    totals = {step.number: len(step.criteria.all()) for step in steps}
    own, effective, moderated = step_sums(assessment_ids=ids, totals=totals)
    rows = []
    for assessment in assessments:
        own_result = scoring.result_from_sums(steps=step_inputs, sums=own.get(assessment.pk, {}))
        effective_result = (
            scoring.result_from_sums(steps=step_inputs, sums=effective.get(assessment.pk, {}))
            if assessment.pk in moderated
            else own_result
        )
        rows.append(QueueRow(assessment, sorted(regions.get(assessment.authority_id, ())), own_result, effective_result))
    return rows


def step_sums(*, assessment_ids: list[int], totals: dict[int, int]):
    """Per assessment and step, the sums ``scoring.result_from_sums`` needs, self-assessed and effective.

    One query: answers grouped by assessment and step, with each criterion's moderated
    value (where there is one) looked up in a subquery, so the effective sums use it.
    Returns (own sums, effective sums, ids of assessments with any moderation).
    """
    moderation = Moderation.objects.filter(assessment_id=OuterRef("assessment_id"), criterion_id=OuterRef("criterion_id"))
    weight = F("criterion__weight")
    own_scored = Q(score__isnull=False)
    own_answered = own_scored | Q(not_applicable=True)
    rows = (
        Answer.objects.filter(assessment_id__in=assessment_ids)
        .annotate(
            moderated=Exists(moderation),
            mod_score=Subquery(moderation.values("score")[:1]),
            mod_na=Subquery(moderation.values("not_applicable")[:1]),
        )
        .annotate(
            effective_score=Case(When(moderated=True, then=F("mod_score")), default=F("score")),
            effective_na=Case(When(moderated=True, then=F("mod_na")), default=F("not_applicable")),
        )
        .values("assessment_id", "criterion__step__number")
        .annotate(
            own_sum=Sum(F("score") * weight, filter=own_scored, output_field=DecimalField()),
            own_weight=Sum(weight, filter=own_scored),
            own_answered=Count("id", filter=own_answered),
            eff_sum=Sum(F("effective_score") * weight, filter=Q(effective_score__isnull=False), output_field=DecimalField()),
            eff_weight=Sum(weight, filter=Q(effective_score__isnull=False)),
            eff_answered=Count("id", filter=Q(effective_score__isnull=False) | Q(effective_na=True)),
            moderations=Count("id", filter=Q(moderated=True)),
        )
        .order_by()
    )
    own: dict[int, dict[int, scoring.StepSums]] = defaultdict(dict)
    effective: dict[int, dict[int, scoring.StepSums]] = defaultdict(dict)
    moderated: set[int] = set()
    for row in rows:
        pk, number = row["assessment_id"], row["criterion__step__number"]
        total = totals.get(number, 0)
        own[pk][number] = scoring.StepSums(
            Decimal(row["own_sum"] or 0), Decimal(row["own_weight"] or 0), row["own_answered"], total
        )
        effective[pk][number] = scoring.StepSums(
            Decimal(row["eff_sum"] or 0), Decimal(row["eff_weight"] or 0), row["eff_answered"], total
        )
        if row["moderations"]:
            moderated.add(pk)
    # Steps with no answers still count their criteria in the totals.
    for pk in assessment_ids:
        for number, total in totals.items():
            own[pk].setdefault(number, scoring.StepSums(total=total))
            effective[pk].setdefault(number, scoring.StepSums(total=total))
    return own, effective, moderated
