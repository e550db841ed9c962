"""The one definition of every readiness number the service shows.

Pure Python, no ORM: selectors gather plain values from the database and pass them
here, so the results page, the dashboards and the exports cannot disagree. The rules
are those of ``docs/framework.md`` ("Scoring rules"):

* A criterion's effective score is the reviewer's moderated score where one exists,
  else the authority's own. Unanswered is ``None``, never 0. N/A is excluded.
* Step score = weighted mean of effective scores in the step x 25 (0-100); ``None``
  when no criterion in the step is scored.
* Readiness index = weighted mean of the step scores that exist (step weights).
* RAG: red below 50, amber 50 to under 75, green 75 and above, judged on the
  number as shown (two decimal places), so a label never contradicts its number.
* Progress = answered criteria (a score or N/A) / criteria in the framework.
* Every number is kept exact (``EXACT_PLACES``) and rounded once, for display, to two
  places: medians, quartiles and differences are computed from the exact numbers.
* A group of fewer than ``MIN_SUMMARISED`` scores shows its count, never a median or
  quartiles ("too few to summarise").
* Drafts are never rated: ``unrated`` keeps an unsubmitted assessment's progress only.

The package is three modules: ``steps`` (one assessment's numbers), ``spreads`` (medians
and quartiles across authorities) and ``words`` (what a number counts, in words). Import
from ``assessments.scoring`` itself.
"""
from .spreads import (
    MIN_OTHER_AUTHORITIES,
    MIN_SUMMARISED,
    Spread,
    SpreadStatus,
    exact_spread,
    guarded_spread,
    median,
    quantile,
    spread,
    withheld,
)
from .steps import (
    AMBER_FROM,
    EXACT_PLACES,
    GREEN_FROM,
    POINTS_PER_LEVEL,
    SHOWN_PLACES,
    UNANSWERED,
    AnswerValue,
    AssessmentResult,
    CriterionInput,
    Rag,
    StepInput,
    StepResult,
    StepSums,
    TaskStatus,
    difference,
    exact,
    exact_readiness_index,
    mean_level,
    progress,
    rag_for,
    readiness_index,
    result_from_scores,
    result_from_sums,
    score_assessment,
    shown,
    step_score_from_sums,
    step_sums,
    task_status,
    unrated,
    weighted_mean,
)
from .words import (
    group_label,
    plural,
)

__all__ = [
    "AMBER_FROM",
    "AnswerValue",
    "AssessmentResult",
    "CriterionInput",
    "EXACT_PLACES",
    "GREEN_FROM",
    "MIN_OTHER_AUTHORITIES",
    "MIN_SUMMARISED",
    "POINTS_PER_LEVEL",
    "Rag",
    "SHOWN_PLACES",
    "Spread",
    "SpreadStatus",
    "StepInput",
    "StepResult",
    "StepSums",
    "TaskStatus",
    "UNANSWERED",
    "difference",
    "exact",
    "exact_readiness_index",
    "exact_spread",
    "group_label",
    "guarded_spread",
    "mean_level",
    "median",
    "plural",
    "progress",
    "quantile",
    "rag_for",
    "readiness_index",
    "result_from_scores",
    "result_from_sums",
    "score_assessment",
    "shown",
    "spread",
    "step_score_from_sums",
    "step_sums",
    "task_status",
    "unrated",
    "weighted_mean",
    "withheld",
]
