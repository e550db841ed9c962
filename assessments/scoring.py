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
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

POINTS_PER_LEVEL = Decimal(25)
AMBER_FROM = Decimal(50)
GREEN_FROM = Decimal(75)
SHOWN_PLACES = Decimal("0.01")


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return {"red": "Red", "amber": "Amber", "green": "Green"}[self.value]


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return {"not_started": "Not started", "in_progress": "In progress", "completed": "Completed"}[self.value]


@dataclass(frozen=True)
class AnswerValue:
    """One answer: a level 0-4, N/A, or neither (unanswered)."""

    score: int | None = None
    not_applicable: bool = False

    @property
    def is_answered(self) -> bool:
        return self.score is not None or self.not_applicable


UNANSWERED = AnswerValue()


@dataclass(frozen=True)
class CriterionInput:
    step_number: int
    weight: Decimal
    own: AnswerValue = UNANSWERED
    # None means "not moderated"; an AnswerValue (a level or N/A) is the reviewer's call.
    moderated: AnswerValue | None = None

    @property
    def effective(self) -> AnswerValue:
        return self.moderated if self.moderated is not None else self.own


@dataclass(frozen=True)
class StepInput:
    number: int
    weight: Decimal = Decimal(1)


@dataclass(frozen=True)
class StepResult:
    number: int
    score: Decimal | None
    rag: Rag | None
    answered: int
    total: int

    @property
    def status(self) -> TaskStatus:
        return task_status(answered=self.answered, total=self.total)


@dataclass(frozen=True)
class AssessmentResult:
    steps: tuple[StepResult, ...]
    readiness_index: Decimal | None
    rag: Rag | None
    answered: int
    total: int

    @property
    def progress(self) -> Decimal:
        return progress(answered=self.answered, total=self.total)

    @property
    def progress_percent(self) -> int:
        return int((self.progress * 100).to_integral_value(rounding=ROUND_HALF_UP))

    def step(self, number: int) -> StepResult:
        return next(step for step in self.steps if step.number == number)


def shown(value: Decimal) -> Decimal:
    return value.quantize(SHOWN_PLACES, rounding=ROUND_HALF_UP)


def rag_for(score: Decimal | None) -> Rag | None:
    if score is None:
        return None
    if score < AMBER_FROM:
        return Rag.RED
    if score < GREEN_FROM:
        return Rag.AMBER
    return Rag.GREEN


def weighted_mean(pairs: Iterable[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Mean of (value, weight) pairs; None when there is nothing to average."""
    total_weight = Decimal(0)
    total = Decimal(0)
    for value, weight in pairs:
        total += Decimal(value) * Decimal(weight)
        total_weight += Decimal(weight)
    if total_weight == 0:
        return None
    return total / total_weight


def step_sums(criteria: Sequence[CriterionInput]) -> StepSums:
    """The sums one step's score is made of (the same sums the database roll-ups add up)."""
    scored = [c for c in criteria if c.effective.score is not None]
    return StepSums(
        weighted_sum=sum((Decimal(c.effective.score) * Decimal(c.weight) for c in scored), Decimal(0)),
        weight_total=sum((Decimal(c.weight) for c in scored), Decimal(0)),
        answered=sum(1 for c in criteria if c.effective.is_answered),
        total=len(criteria),
    )


def progress(*, answered: int, total: int) -> Decimal:
    if total == 0:
        return Decimal(0)
    return Decimal(answered) / Decimal(total)


def task_status(*, answered: int, total: int) -> TaskStatus:
    if answered == 0:
        return TaskStatus.NOT_STARTED
    if answered >= total:
        return TaskStatus.COMPLETED
    return TaskStatus.IN_PROGRESS


def score_assessment(*, steps: Sequence[StepInput], criteria: Sequence[CriterionInput]) -> AssessmentResult:
    """Every number of one assessment, from its framework's steps and its criteria."""
    by_step: dict[int, list[CriterionInput]] = {step.number: [] for step in steps}
    for criterion in criteria:
        by_step.setdefault(criterion.step_number, []).append(criterion)
    return result_from_sums(steps=steps, sums={step.number: step_sums(by_step[step.number]) for step in steps})


# --- Roll-ups: the same numbers from sums the database has already added up ---------


@dataclass(frozen=True)
class StepSums:
    """One step of one assessment, summed in the database over its criteria's effective answers.

    ``weighted_sum`` is the sum of effective level x criterion weight over scored criteria,
    ``weight_total`` the sum of those criteria's weights; ``answered`` counts a score or N/A.
    """

    weighted_sum: Decimal = Decimal(0)
    weight_total: Decimal = Decimal(0)
    answered: int = 0
    total: int = 0


def step_score_from_sums(*, weighted_sum: Decimal, weight_total: Decimal) -> Decimal | None:
    """0-100 score from a step's sums (see ``step_sums``), unrounded; None if nothing is scored."""
    if weight_total == 0:
        return None
    return (Decimal(weighted_sum) / Decimal(weight_total)) * POINTS_PER_LEVEL


def readiness_index(step_scores: Iterable[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    """Shown readiness index from (unrounded step score or None, step weight) pairs."""
    index = weighted_mean((score, weight) for score, weight in step_scores if score is not None)
    return None if index is None else shown(index)


def result_from_sums(*, steps: Sequence[StepInput], sums: dict[int, StepSums]) -> AssessmentResult:
    """Every number of one assessment from per-step sums: the same result as ``score_assessment``."""
    step_results = []
    exact_scores: list[tuple[Decimal | None, Decimal]] = []
    for step in sorted(steps, key=lambda s: s.number):
        step_sums = sums.get(step.number, StepSums())
        exact = step_score_from_sums(weighted_sum=step_sums.weighted_sum, weight_total=step_sums.weight_total)
        exact_scores.append((exact, step.weight))
        score = None if exact is None else shown(exact)
        step_results.append(
            StepResult(number=step.number, score=score, rag=rag_for(score), answered=step_sums.answered, total=step_sums.total)
        )
    return _result(step_results, readiness_index(exact_scores))


def result_from_scores(
    *, readiness_index: Decimal | None, steps: Iterable[tuple[int, Decimal | None, int, int]]
) -> AssessmentResult:
    """A result rebuilt from numbers stored earlier from ``score_assessment``; RAG derived again.

    ``steps`` holds (number, shown score or None, answered, total) for each of the framework's steps.
    """
    step_results = [
        StepResult(number=number, score=score, rag=rag_for(score), answered=answered, total=total)
        for number, score, answered, total in sorted(steps, key=lambda step: step[0])
    ]
    return _result(step_results, readiness_index)


def _result(step_results: Sequence[StepResult], index: Decimal | None) -> AssessmentResult:
    return AssessmentResult(
        steps=tuple(step_results),
        readiness_index=index,
        rag=rag_for(index),
        answered=sum(r.answered for r in step_results),
        total=sum(r.total for r in step_results),
    )


@dataclass(frozen=True)
class Spread:
    """Lower quartile, median and upper quartile of a set of scores, and how many there were."""

    lower_quartile: Decimal | None
    median: Decimal | None
    upper_quartile: Decimal | None
    count: int


def quantile(sorted_values: Sequence[Decimal], fraction: Decimal) -> Decimal | None:
    """Linear interpolation between closest ranks (the "inclusive" method, as spreadsheets' QUARTILE)."""
    if not sorted_values:
        return None
    position = Decimal(len(sorted_values) - 1) * Decimal(fraction)
    below = int(position)
    above = min(below + 1, len(sorted_values) - 1)
    part = position - below
    return Decimal(sorted_values[below]) + (Decimal(sorted_values[above]) - Decimal(sorted_values[below])) * part


def median(values: Iterable[Decimal | None]) -> Decimal | None:
    """Median of the values that exist, shown to two places; None when there are none."""
    return spread(values).median


def spread(values: Iterable[Decimal | None]) -> Spread:
    """Quartiles and median (shown to two places) of the values that exist; ``None`` never counts."""
    ordered = sorted(Decimal(v) for v in values if v is not None)
    points = [quantile(ordered, Decimal(f)) for f in ("0.25", "0.5", "0.75")]
    q1, mid, q3 = (None if p is None else shown(p) for p in points)
    return Spread(lower_quartile=q1, median=mid, upper_quartile=q3, count=len(ordered))


def mean_level(*, level_total: int, scored: int) -> Decimal | None:
    """Mean level (0-4) of a criterion across authorities, shown to two places; None if none scored."""
    if scored == 0:
        return None
    return shown(Decimal(level_total) / Decimal(scored))
