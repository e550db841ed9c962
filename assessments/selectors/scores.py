"""Reading the stored results (``AssessmentScore``) and the database sums they are refreshed from.

Readers get ``scoring.AssessmentResult`` objects rebuilt by ``scoring.result_from_scores``,
so a page cannot tell a stored result from one computed on the spot. Writing the rows is
``assessments.services.scores``'s job.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import connection

from assessments import scoring
from assessments.models import Answer, AssessmentScore, Criterion, Step
from assessments.models.summary import (
    OWN_STEP_ANSWERED,
    OWN_STEP_SCORE,
    STEP_ANSWERED,
    STEP_SCORE,
)

from .dashboards import _exact, _table, effective_sql

# The stored columns every reader fetches, in this order (assessment_id first: None means no row yet).
STORED_NAMES = [f.attname for f in AssessmentScore._meta.concrete_fields if f.name != "refreshed_at"]
# The same through the assessment, for ``Assessment.objects.values_list(*STORED_LOOKUPS)``.
STORED_LOOKUPS = [f"summary__{name}" for name in STORED_NAMES]


def stored_of(summary: AssessmentScore | None) -> dict | None:
    """The stored columns of a (``select_related``) summary row, or None when it has none yet."""
    if summary is None:
        return None
    return {name: getattr(summary, name) for name in STORED_NAMES}


def stored_from_values(values: Sequence) -> dict | None:
    """The stored columns from a tuple fetched with ``STORED_LOOKUPS``, or None when there is no row."""
    return None if values[0] is None else dict(zip(STORED_NAMES, values))


def stored_result(
    stored: Mapping, *, totals: Sequence[tuple[int, int]], own: bool = False
) -> scoring.AssessmentResult:
    """The effective (or with ``own``, the self-assessed) result from stored columns.

    ``totals`` is (step number, criteria in the step) for each step of the framework.
    """
    score, answered, index = (OWN_STEP_SCORE, OWN_STEP_ANSWERED, "own_readiness_index") if own else (
        STEP_SCORE, STEP_ANSWERED, "readiness_index"
    )
    return scoring.result_from_scores(
        readiness_index=stored[index],
        steps=[
            (number, stored[score.format(number)], stored[answered.format(number)], total) for number, total in totals
        ],
    )


# --- The sums a refresh starts from ------------------------------------------------------


@dataclass
class BothSums:
    """One assessment's per-step sums: effective (moderated where moderated) and self-assessed."""

    effective: dict[int, scoring.StepSums] = field(default_factory=dict)
    own: dict[int, scoring.StepSums] = field(default_factory=dict)


def _sums_sql(where: str) -> str:
    # Every own answer is a row of effective_sql (its answers-first half), so joining the
    # answer again by (assessment, criterion) adds the self-assessed sums in the same pass.
    return f"""
        SELECT x.assessment_id, s.number,
          SUM(x.score * c.weight),
          SUM(CASE WHEN x.score IS NOT NULL THEN c.weight END),
          SUM(x.answered),
          SUM(own.score * c.weight),
          SUM(CASE WHEN own.score IS NOT NULL THEN c.weight END),
          SUM(CASE WHEN own.score IS NOT NULL OR own.not_applicable THEN 1 ELSE 0 END)
        FROM ({effective_sql(where)}) x
        JOIN {_table(Criterion)} c ON c.id = x.criterion_id
        JOIN {_table(Step)} s ON s.id = c.step_id
        LEFT JOIN {_table(Answer)} own ON own.assessment_id = x.assessment_id AND own.criterion_id = x.criterion_id
        GROUP BY x.assessment_id, s.number
    """


def both_step_sums(*, where: str, params: list, totals: dict[int, dict[int, int]]) -> dict[int, BothSums]:
    """assessment id -> effective and own sums per step, in one grouped query.

    ``where`` filters assessments (alias ``a``); only the assessments in ``totals``
    (id -> step number -> criteria in the step) are returned, each with every step.
    """
    found = {pk: BothSums() for pk in totals}
    with connection.cursor() as cursor:
        cursor.execute(_sums_sql(where), params + params)
        for pk, number, weighted, weight, answered, own_weighted, own_weight, own_answered in cursor.fetchall():
            if pk not in found:
                continue
            total = totals[pk].get(number, 0)
            found[pk].effective[number] = scoring.StepSums(_exact(weighted), _exact(weight), int(answered), total)
            found[pk].own[number] = scoring.StepSums(_exact(own_weighted), _exact(own_weight), int(own_answered), total)
    for pk, steps in totals.items():  # steps with nothing answered
        for number, total in steps.items():
            found[pk].effective.setdefault(number, scoring.StepSums(total=total))
            found[pk].own.setdefault(number, scoring.StepSums(total=total))
    return found


def totals_by_assessment(ids, steps: Sequence[tuple[int, int]]) -> dict[int, dict[int, int]]:
    """The same framework totals for each of ``ids``: id -> step number -> criteria."""
    per_step = dict(steps)
    return {pk: per_step for pk in ids}

