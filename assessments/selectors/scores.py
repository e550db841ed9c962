"""Reading the stored results (``AssessmentScore``).

Readers get ``scoring.AssessmentResult`` objects rebuilt by ``scoring.result_from_scores``,
so a page cannot tell a stored result from one computed on the spot. Writing the rows is
``assessments.services.scores``'s job; every assessment gets its row when it is created.
An assessment without one (made outside the services, before ``refresh_scores`` ran) is
computed here with ``score_sql`` and shown, never stored: reads never write.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from assessments import score_sql, scoring
from assessments.models import AssessmentScore, Step
from assessments.models.summary import (
    OWN_STEP_ANSWERED,
    OWN_STEP_SCORE,
    STEP_ANSWERED,
    STEP_SCORE,
)

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


def missing_results(*, ids: Sequence[int], steps: Sequence[Step]) -> score_sql.Results:
    """Results of assessments with no stored row, computed (one query) and not stored."""
    if not ids:
        return {}
    where, params = score_sql.ids_where(ids)
    return score_sql.assessment_results(ids=ids, steps=steps, where=where, params=params)
