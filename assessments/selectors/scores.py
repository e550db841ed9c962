"""Reading the stored results (``AssessmentScore``).

Readers get ``scoring.AssessmentResult`` objects rebuilt by ``scoring.result_from_scores``,
so a page cannot tell a stored result from one computed on the spot. Writing the rows is
``assessments.services.scores``'s job; every assessment gets its row when it is created.
An assessment without one (made outside the services, before ``refresh_scores`` ran) is
computed here with ``score_sql`` and shown, never stored: reads never write.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from assessments import score_sql, scoring
from assessments.models import AssessmentScore, Step
from assessments.models.framework import STEP_NUMBERS
from assessments.models.summary import (
    OWN_STEP_ANSWERED,
    OWN_STEP_SCORE,
    STEP_ANSWERED,
    STEP_SCORE,
)

# The stored columns (``stored_of``); assessment_id first.
STORED_NAMES = [f.attname for f in AssessmentScore._meta.concrete_fields if f.name not in ("refreshed_at", "version")]
# Only what the effective result needs (``stored_result`` without ``own``): half the columns,
# for readers of a whole round (a thousand rows of decimals, where the conversion is the cost).
EFFECTIVE_NAMES = ["assessment_id", "readiness_index"] + [
    pattern.format(n) for n in STEP_NUMBERS for pattern in (STEP_SCORE, STEP_ANSWERED)
]
EFFECTIVE_LOOKUPS = [f"summary__{name}" for name in EFFECTIVE_NAMES]


def stored_of(summary: AssessmentScore | None) -> dict | None:
    """The stored columns of a (``select_related``) summary row, or None when it has none yet."""
    if summary is None:
        return None
    return {name: getattr(summary, name) for name in STORED_NAMES}


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


# Enough for every assessment of 20 national rounds: a process keeps one result per distinct
# stored row, however many times the round's token changes.
RESULTS_KEPT = 32768


@lru_cache(maxsize=RESULTS_KEPT)
def effective_result(stored: tuple, totals: tuple[tuple[int, int], ...]) -> scoring.AssessmentResult:
    """The effective result of a row fetched with ``EFFECTIVE_LOOKUPS`` (without the leading pk).

    A pure function of the stored values, so it is memoised on them: after a score change
    only the changed assessment's result is built again, not the round's thousand (equal
    decimals in another scale give the same result: ``result_from_scores`` rounds them alike).
    """
    return stored_result(dict(zip(EFFECTIVE_NAMES, stored)), totals=totals)


def missing_results(*, ids: Sequence[int], steps: Sequence[Step]) -> score_sql.Results:
    """Results of assessments with no stored row, computed (one query) and not stored."""
    if not ids:
        return {}
    where, params = score_sql.ids_where(ids)
    return score_sql.assessment_results(ids=ids, steps=steps, where=where, params=params)
