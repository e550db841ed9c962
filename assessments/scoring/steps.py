"""Criterion, step and readiness-index maths: effective scores, step scores, the index, RAG and progress.

The rules are listed in the package docstring (``assessments.scoring``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache

POINTS_PER_LEVEL = Decimal(25)
AMBER_FROM = Decimal(50)
GREEN_FROM = Decimal(75)
SHOWN_PLACES = Decimal("0.01")
# Twelve places is exact for rounding to two: a step score is 25 x w / t with w and t whole
# numbers of hundredths (levels are whole, weights have two places), so a score that is not
# exactly on a half-hundredth lies at least 1 / (200 t) away from it, far more than 1e-12.
EXACT_PLACES = Decimal("1e-12")


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
    score: Decimal | None  # as shown: two places
    rag: Rag | None
    answered: int
    total: int
    exact: Decimal | None = None  # what medians, quartiles and differences are computed from

    @property
    def status(self) -> TaskStatus:
        return task_status(answered=self.answered, total=self.total)


@dataclass(frozen=True)
class AssessmentResult:
    steps: tuple[StepResult, ...]
    readiness_index: Decimal | None  # as shown: two places
    rag: Rag | None
    answered: int
    total: int
    exact_index: Decimal | None = None
    rated: bool = True  # False for a draft: progress only, no score or RAG (see ``unrated``)

    @property
    def progress(self) -> Decimal:
        return progress(answered=self.answered, total=self.total)

    @property
    def progress_percent(self) -> int:
        return int((self.progress * 100).to_integral_value(rounding=ROUND_HALF_UP))

    def step(self, number: int) -> StepResult:
        # Steps are numbered 1..n in order, so the position is the first guess (a round's pages
        # ask this thousands of times); the search covers any other numbering.
        if 0 < number <= len(self.steps) and self.steps[number - 1].number == number:
            return self.steps[number - 1]
        return next(step for step in self.steps if step.number == number)


def shown(value: Decimal | None) -> Decimal | None:
    """The number as displayed: two places, halves rounded up. The only rounding for display."""
    if value is None:
        return None
    return Decimal(value).quantize(SHOWN_PLACES, rounding=ROUND_HALF_UP)


def exact(value: Decimal | None) -> Decimal | None:
    """A computed number as kept and stored (``EXACT_PLACES``): exact for display rounding."""
    if value is None:
        return None
    return Decimal(value).quantize(EXACT_PLACES, rounding=ROUND_HALF_UP)


def difference(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    """``after - before`` from exact numbers (round the result once, with ``shown``); None if either is missing."""
    if before is None or after is None:
        return None
    return Decimal(after) - Decimal(before)


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
    """Exact 0-100 score from a step's sums (see ``step_sums``); None if nothing is scored."""
    if weight_total == 0:
        return None
    return exact((Decimal(weighted_sum) / Decimal(weight_total)) * POINTS_PER_LEVEL)


def exact_readiness_index(step_scores: Iterable[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    """Exact readiness index from (exact step score or None, step weight) pairs."""
    return exact(weighted_mean((score, weight) for score, weight in step_scores if score is not None))


def readiness_index(step_scores: Iterable[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    """Shown readiness index from (exact step score or None, step weight) pairs."""
    return shown(exact_readiness_index(step_scores))


def result_from_sums(*, steps: Sequence[StepInput], sums: dict[int, StepSums]) -> AssessmentResult:
    """Every number of one assessment from per-step sums: the same result as ``score_assessment``."""
    step_results = []
    exact_scores: list[tuple[Decimal | None, Decimal]] = []
    for step in sorted(steps, key=lambda s: s.number):
        step_sums = sums.get(step.number, StepSums())
        score = step_score_from_sums(weighted_sum=step_sums.weighted_sum, weight_total=step_sums.weight_total)
        exact_scores.append((score, step.weight))
        step_results.append(_step_result(step.number, score, step_sums.answered, step_sums.total))
    return _result(step_results, exact_readiness_index(exact_scores))


def result_from_scores(
    *, readiness_index: Decimal | None, steps: Iterable[tuple[int, Decimal | None, int, int]]
) -> AssessmentResult:
    """A result rebuilt from exact numbers stored earlier from ``score_assessment``; shown values and RAG derived again.

    ``steps`` holds (number, exact score or None, answered, total) for each of the framework's steps.
    """
    step_results = [
        _shared_step_result(number, exact(score), answered, total)
        for number, score, answered, total in sorted(steps, key=lambda step: step[0])
    ]
    return _result(step_results, exact(readiness_index))


def _step_result(number: int, exact_score: Decimal | None, answered: int, total: int) -> StepResult:
    score = shown(exact_score)
    return StepResult(number=number, score=score, rag=rag_for(score), answered=answered, total=total, exact=exact_score)


# A round's thousand results hold only a few hundred distinct step results (scores are few
# levels over few criteria): one immutable instance each, shared, instead of 8,000 objects a
# round to build, keep and garbage-collect. Only for exact inputs (``exact``), so that equal
# keys are also equal in every digit.
_shared_step_result = lru_cache(maxsize=8192)(_step_result)


def _result(step_results: Sequence[StepResult], exact_index: Decimal | None) -> AssessmentResult:
    index = shown(exact_index)
    return AssessmentResult(
        steps=tuple(step_results),
        readiness_index=index,
        rag=rag_for(index),
        answered=sum(r.answered for r in step_results),
        total=sum(r.total for r in step_results),
        exact_index=exact_index,
    )


def unrated(result: AssessmentResult) -> AssessmentResult:
    """The same assessment with its progress only: no score, index or RAG (a draft is never rated)."""
    return AssessmentResult(
        steps=tuple(_shared_step_result(s.number, None, s.answered, s.total) for s in result.steps),
        readiness_index=None,
        rag=None,
        answered=result.answered,
        total=result.total,
        rated=False,
    )


def mean_level(*, level_total: int, scored: int) -> Decimal | None:
    """Exact mean level (0-4) of a criterion across authorities (round with ``shown``); None if none scored."""
    if scored == 0:
        return None
    return exact(Decimal(level_total) / Decimal(scored))
