"""Roll-ups for the dashboards: per assessment x step sums added up in the database.

One grouped query per round (assessments x the framework's criteria, LEFT JOIN answers
and moderations) returns, for each assessment and step, the weighted sum of effective
levels, the weight of the scored criteria and the answered count: at most 8 rows per
authority instead of 24 answers. ``scoring.result_from_sums`` turns them into the same
numbers the results page shows, so there is still one definition of every number.
Those results are stored per assessment (``AssessmentScore``, kept by services/scores.py),
so ``round_rollup`` reads one stored row per authority instead of summing on every view.
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db import connection
from django.db.models import Count

from assessments import scoring
from assessments.deadlines import is_late
from assessments.models import (
    Answer,
    Assessment,
    AssessmentState,
    AuthorityKind,
    Constituent,
    Criterion,
    Moderation,
    Round,
    RoundState,
    Step,
)

SUMS_PLACES = Decimal("0.01")  # levels are whole numbers and weights have two places
ZERO = Decimal(0)
KIND_LABELS = dict(AuthorityKind.choices)
STATE_LABELS = dict(AssessmentState.choices)


class Scope(StrEnum):
    """Which assessments the national numbers count."""

    APPROVED = "approved"
    SUBMITTED = "submitted"
    ALL = "all"

    @property
    def label(self) -> str:
        return SCOPE_LABELS[self]

    @property
    def states(self) -> frozenset[str]:
        return SCOPE_STATES[self]

    @classmethod
    def from_query(cls, value: str | None) -> Scope:
        """The scope a query string asks for; the default for anything else (links get shared and edited)."""
        try:
            return cls(value)
        except ValueError:
            return DEFAULT_SCOPE


SUBMITTED_STATES = frozenset(
    {AssessmentState.SUBMITTED, AssessmentState.IN_REVIEW, AssessmentState.RETURNED, AssessmentState.APPROVED}
)
SCOPE_STATES = {
    Scope.APPROVED: frozenset({AssessmentState.APPROVED}),
    Scope.SUBMITTED: SUBMITTED_STATES,
    Scope.ALL: frozenset(AssessmentState.values),
}
SCOPE_LABELS = {
    Scope.APPROVED: "Approved only",
    Scope.SUBMITTED: "Submitted at least once (submitted, in review, returned or approved)",
    Scope.ALL: "All, including drafts",
}
DEFAULT_SCOPE = Scope.SUBMITTED
# Only an assessment submitted at least once is rated (has scores, an index, a RAG); a draft
# shows its progress only, everywhere: pages, medians, exports.
RATED_STATES = SUBMITTED_STATES


def rated_result(*, state: str, result: scoring.AssessmentResult) -> scoring.AssessmentResult:
    """The result as every reader may show it: a draft's is progress only (``scoring.unrated``)."""
    return result if state in RATED_STATES else scoring.unrated(result)


@dataclass(frozen=True)
class AuthorityRow:
    """One authority's assessment in a round, with every number from the scoring module."""

    assessment_id: int
    authority_id: int
    name: str
    short_name: str
    code: str
    kind: str
    kind_label: str
    regions: tuple[str, ...]
    state: str
    state_label: str
    submitted_at: datetime.datetime | None
    deadline: datetime.date
    result: scoring.AssessmentResult  # already ``rated_result``: a draft's has no scores
    is_late: bool = False  # ``assessments.deadlines.is_late``

    @property
    def rated(self) -> bool:
        return self.result.rated

    @property
    def region_label(self) -> str:
        return ", ".join(self.regions) or "Not known"

    def step_score(self, number: int) -> Decimal | None:
        """As shown (two places)."""
        return self.result.step(number).score

    def step_exact(self, number: int) -> Decimal | None:
        """Exact, for medians, quartiles and differences."""
        return self.result.step(number).exact


@dataclass(frozen=True)
class RoundRollup:
    round: Round
    steps: list[Step]
    rows: list[AuthorityRow]

    @property
    def step_inputs(self) -> list[scoring.StepInput]:
        return [scoring.StepInput(number=s.number, weight=s.weight) for s in self.steps]


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def effective_sql(where: str) -> str:
    """One row per answered or moderated criterion of the assessments matching ``where`` (on ``a``).

    Columns: assessment_id, criterion_id, score (effective: the moderation where one exists,
    else the authority's own; NULL for N/A or unanswered) and answered (1 for a level or N/A).
    Criteria with no answer row and no moderation are unanswered and simply have no row.
    Written answers-first so that PostgreSQL probes the answer index per assessment instead
    of hashing the whole answer table (the difference at 480,000 answers is 10x).
    Parameters: those of ``where``, twice.
    """
    return f"""
        SELECT ans.assessment_id, ans.criterion_id,
          CASE WHEN m.id IS NOT NULL THEN m.score ELSE ans.score END AS score,
          CASE WHEN m.id IS NOT NULL OR ans.score IS NOT NULL OR ans.not_applicable THEN 1 ELSE 0 END AS answered
        FROM {_table(Assessment)} a
        JOIN {_table(Answer)} ans ON ans.assessment_id = a.id
        LEFT JOIN {_table(Moderation)} m ON m.assessment_id = ans.assessment_id AND m.criterion_id = ans.criterion_id
        WHERE {where}
        UNION ALL
        SELECT m.assessment_id, m.criterion_id, m.score, 1
        FROM {_table(Assessment)} a
        JOIN {_table(Moderation)} m ON m.assessment_id = a.id
        WHERE {where} AND NOT EXISTS (
          SELECT 1 FROM {_table(Answer)} own WHERE own.assessment_id = m.assessment_id AND own.criterion_id = m.criterion_id
        )
    """


def _rollup_sql(where: str) -> str:
    # NULL x weight is NULL, which SUM skips: N/A and unanswered never count as zero.
    return f"""
        SELECT x.assessment_id, s.number,
          SUM(x.score * c.weight),
          SUM(CASE WHEN x.score IS NOT NULL THEN c.weight END),
          SUM(x.answered)
        FROM ({effective_sql(where)}) x
        JOIN {_table(Criterion)} c ON c.id = x.criterion_id
        JOIN {_table(Step)} s ON s.id = c.step_id
        GROUP BY x.assessment_id, s.number
    """


def _exact(value) -> Decimal:
    """A database sum as an exact Decimal (SQLite may hand back a float for decimal columns)."""
    if value is None:
        return ZERO
    if isinstance(value, (Decimal, int)):  # PostgreSQL: already exact
        return Decimal(value)
    return Decimal(str(value)).quantize(SUMS_PLACES)


def step_sums(*, where: str, params: list, totals: dict[int, dict[int, int]]) -> dict[int, dict[int, scoring.StepSums]]:
    """assessment id -> step number -> sums, in one grouped query.

    ``totals`` maps assessment id -> step number -> criteria in that step (from the framework),
    so steps nobody answered still report how many criteria they have.
    """
    sums: dict[int, dict[int, scoring.StepSums]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(_rollup_sql(where), params + params)
        for assessment_id, number, weighted, weight_total, answered in cursor.fetchall():
            total = totals.get(assessment_id, {}).get(number, 0)
            sums[assessment_id][number] = scoring.StepSums(
                weighted_sum=_exact(weighted), weight_total=_exact(weight_total), answered=int(answered), total=total
            )
    for assessment_id, steps in totals.items():  # steps with no answer at all
        found = sums[assessment_id]
        for number, total in steps.items():
            if number not in found:
                found[number] = scoring.StepSums(total=total)
    return sums


def _regions(*, landscape: str) -> dict[int, tuple[str, ...]]:
    """authority id -> the regions of its member councils in this landscape (one query)."""
    found: dict[int, set[str]] = defaultdict(set)
    rows = (
        Constituent.objects.filter(landscape=landscape)
        .exclude(local_authority__region="")
        .values_list("authority_id", "local_authority__region")
        .distinct()
    )
    for authority_id, region in rows:
        found[authority_id].add(region)
    return {key: tuple(sorted(value)) for key, value in found.items()}


def round_steps(*, round_: Round) -> list[Step]:
    """The round's steps in order, each with ``criteria_count``."""
    return list(
        Step.objects.filter(framework_id=round_.framework_id).annotate(criteria_count=Count("criteria")).order_by("number")
    )


ROW_FIELDS = (
    "pk", "authority_id", "authority__name", "authority__short_name", "authority__code", "authority__kind",
    "state", "submitted_at", "deadline_override",
)


def round_rollup(*, round_: Round, states: frozenset[str] | None = None) -> RoundRollup:
    """Every assessment of the round (optionally only in ``states``) with its stored scores: three queries.

    Assessments with no stored row yet (new ones, or before ``refresh_scores`` first ran)
    are computed and stored here, in two more queries, whatever their number.
    """
    from .scores import STORED_LOOKUPS, stored_from_values, stored_result

    steps = round_steps(round_=round_)
    totals = [(step.number, step.criteria_count) for step in steps]
    # Plain tuples, not model instances: a thousand rows a page view, so it matters.
    assessments = Assessment.objects.filter(round=round_).order_by("authority__name")
    if states is not None:
        assessments = assessments.filter(state__in=states)
    values = list(assessments.values_list(*ROW_FIELDS, *STORED_LOOKUPS))
    width = len(ROW_FIELDS)
    missing = [v[0] for v in values if v[width] is None]
    computed = _store_missing(round_=round_, steps=steps, ids=missing) if missing else {}
    regions = _regions(landscape=round_.landscape)
    rows = []
    for v in values:
        stored = stored_from_values(v[width:])
        result = computed[v[0]] if stored is None else stored_result(stored, totals=totals)
        rows.append(_row(v[:width], regions.get(v[1], ()), result, round_))
    return RoundRollup(round=round_, steps=steps, rows=rows)


def _store_missing(*, round_: Round, steps: list[Step], ids: list[int]) -> dict[int, scoring.AssessmentResult]:
    # Imported here: the service builds on this module's SQL.
    from assessments.services.scores import missing_scores_store

    found = missing_scores_store(ids=ids, steps=steps, where="a.round_id = %s", params=[round_.pk])
    return {pk: effective for pk, (effective, _own) in found.items()}


def _row(values, regions, result, round_) -> AuthorityRow:
    pk, authority_id, name, short_name, code, kind, state, submitted_at, deadline_override = values
    deadline = deadline_override or round_.closes_on
    return AuthorityRow(
        assessment_id=pk,
        authority_id=authority_id,
        name=name,
        short_name=short_name,
        code=code or "",
        kind=kind,
        kind_label=KIND_LABELS.get(kind, kind),
        regions=regions,
        state=state,
        state_label=STATE_LABELS.get(state, state),
        submitted_at=submitted_at,
        deadline=deadline,
        result=rated_result(state=state, result=result),
        is_late=is_late(
            state=state, submitted_at=submitted_at, deadline=deadline,
            round_closed=round_.state == RoundState.CLOSED, has_extension=deadline_override is not None,
        ),
    )


def step_spreads(
    *, rows: list[AuthorityRow], steps: list[Step], guard: Guard | None = None
) -> dict[int, scoring.Spread]:
    """step number -> quartiles and median of the rows' exact step scores.

    With a ``guard`` (an authority's user reading), see ``Guard``.
    """
    return {step.number: _spread(rows, lambda row, n=step.number: row.step_exact(n), guard) for step in steps}


def index_spread(*, rows: list[AuthorityRow], guard: Guard | None = None) -> scoring.Spread:
    return _spread(rows, lambda row: row.result.exact_index, guard)


@dataclass(frozen=True)
class Guard:
    """Who reads a spread, for the small-group privacy rule (``scoring.guarded_spread``).

    ``own_authority_ids``: the reader's authorities, whose data is theirs to see.
    ``published``: the round is published, so its approved assessments are public data.
    Central staff read without a guard.
    """

    own_authority_ids: frozenset[int]
    published: bool = False

    def is_others_unpublished(self, row: AuthorityRow) -> bool:
        if row.authority_id in self.own_authority_ids:
            return False
        return not (self.published and row.state == AssessmentState.APPROVED)


def _spread(rows: list[AuthorityRow], value_of, guard: Guard | None) -> scoring.Spread:
    if guard is None:
        return scoring.spread(value_of(row) for row in rows)
    return scoring.guarded_spread((value_of(row), guard.is_others_unpublished(row)) for row in rows)


def latest_round_with_submissions(rounds: list[Round]) -> Round | None:
    """The newest of ``rounds`` (newest first) with a submitted assessment, else the newest (one query)."""
    if not rounds:
        return None
    with_submissions = set(
        Assessment.objects.filter(round__in=rounds, state__in=SUBMITTED_STATES).values_list("round_id", flat=True).distinct()
    )
    return next((r for r in rounds if r.pk in with_submissions), rounds[0])
