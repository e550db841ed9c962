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
# Twelve places is exact for rounding to two: a step score is 25 x w / t with w and t whole
# numbers of hundredths (levels are whole, weights have two places), so a score that is not
# exactly on a half-hundredth lies at least 1 / (200 t) away from it, far more than 1e-12.
EXACT_PLACES = Decimal("1e-12")
MIN_SUMMARISED = 5  # fewer scores than this: the count only, no median or quartiles


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
        _step_result(number, exact(score), answered, total)
        for number, score, answered, total in sorted(steps, key=lambda step: step[0])
    ]
    return _result(step_results, exact(readiness_index))


def _step_result(number: int, exact_score: Decimal | None, answered: int, total: int) -> StepResult:
    score = shown(exact_score)
    return StepResult(number=number, score=score, rag=rag_for(score), answered=answered, total=total, exact=exact_score)


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
        steps=tuple(StepResult(s.number, None, None, s.answered, s.total) for s in result.steps),
        readiness_index=None,
        rag=None,
        answered=result.answered,
        total=result.total,
        rated=False,
    )


class SpreadStatus(StrEnum):
    SUMMARISED = "summarised"
    TOO_FEW = "too_few"  # fewer than MIN_SUMMARISED scores
    WITHHELD = "withheld"  # a privacy rule hides it from this reader (see ``withheld``)

    @property
    def label(self) -> str:
        return {"summarised": "", "too_few": "Too few to summarise",
                "withheld": "Not enough authorities yet"}[self.value]


@dataclass(frozen=True)
class Spread:
    """Lower quartile, median and upper quartile of a set of scores (shown: two places), and how many there were.

    Below ``MIN_SUMMARISED`` scores, or when withheld, the three figures are ``None`` and
    ``status`` says why; the count is always there.
    """

    lower_quartile: Decimal | None
    median: Decimal | None
    upper_quartile: Decimal | None
    count: int
    status: SpreadStatus = SpreadStatus.SUMMARISED
    exact_median: Decimal | None = None  # for differences between medians (rounded once, after)

    @property
    def summarised(self) -> bool:
        return self.status == SpreadStatus.SUMMARISED

    @property
    def reason(self) -> str:
        """Why there are no figures ("Too few to summarise"), or "" when there are."""
        return self.status.label


def quantile(sorted_values: Sequence[Decimal], fraction: Decimal) -> Decimal | None:
    """Linear interpolation between closest ranks (the "inclusive" method, as spreadsheets' QUARTILE)."""
    if not sorted_values:
        return None
    position = Decimal(len(sorted_values) - 1) * Decimal(fraction)
    below = int(position)
    above = min(below + 1, len(sorted_values) - 1)
    part = position - below
    return Decimal(sorted_values[below]) + (Decimal(sorted_values[above]) - Decimal(sorted_values[below])) * part


def exact_spread(values: Iterable[Decimal | None]) -> tuple[Decimal | None, Decimal | None, Decimal | None, int]:
    """Exact (lower quartile, median, upper quartile, count) of the values that exist, whatever their number."""
    ordered = sorted(Decimal(v) for v in values if v is not None)
    q1, mid, q3 = (quantile(ordered, Decimal(f)) for f in ("0.25", "0.5", "0.75"))
    return q1, mid, q3, len(ordered)


def spread(values: Iterable[Decimal | None]) -> Spread:
    """Quartiles and median of the exact values that exist, rounded once; ``None`` never counts.

    Pass exact numbers (``StepResult.exact``, ``AssessmentResult.exact_index``), never shown ones.
    """
    q1, mid, q3, count = exact_spread(values)
    if count < MIN_SUMMARISED:
        return Spread(None, None, None, count, SpreadStatus.TOO_FEW)
    return Spread(shown(q1), shown(mid), shown(q3), count, exact_median=mid)


def withheld(count: int) -> Spread:
    """A spread the reader may not see (too few other authorities' unpublished scores behind it)."""
    return Spread(None, None, None, count, SpreadStatus.WITHHELD)


MIN_OTHER_AUTHORITIES = 5


def guarded_spread(values: Iterable[tuple[Decimal | None, bool]]) -> Spread:
    """The spread an authority's user may see; each value comes flagged "another authority's unpublished data".

    Officials see national medians of other authorities' unpublished, submitted scores, but
    no figure derived from fewer than ``MIN_OTHER_AUTHORITIES`` of them: with one to four
    such values behind it the spread is withheld ("Not enough authorities yet").
    """
    present = [(value, flagged) for value, flagged in values if value is not None]
    others = sum(1 for _value, flagged in present if flagged)
    if 0 < others < MIN_OTHER_AUTHORITIES:
        return withheld(len(present))
    return spread(value for value, _flagged in present)


def median(values: Iterable[Decimal | None]) -> Decimal | None:
    """Median of the exact values that exist, shown to two places; None when too few to summarise."""
    return spread(values).median


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 authority", "6 authorities": the count with the right form of the noun."""
    if count == 1:
        return f"{count} {singular}"
    return f"{count} {plural_form or _pluralise(singular)}"


def _pluralise(noun: str) -> str:
    """English plural of the last word: authority -> authorities, partnership -> partnerships."""
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def group_label(*, count: int, kind: str = "", region: str = "", qualifier: str = "", noun: str = "authority") -> str:
    """What a median counts, in words: "National" only when nothing narrows the group.

    ``kind`` is a kind of authority in the singular, lower case ("mayoral combined authority");
    ``qualifier`` an adjective such as "approved". E.g. "Median of 6 mayoral combined
    authorities in the North West", "National median of 1 authority".
    """
    if not kind and not region and not qualifier:
        return f"National median of {plural(count, noun)}"
    described = plural(count, " ".join(filter(None, [qualifier, kind or noun])))
    if region:
        described += f" in {_region_phrase(region)}"
    return f"Median of {described}"


def _region_phrase(region: str) -> str:
    # ONS region names that read with "the": "the North West", "the East Midlands"; not "London".
    return region if region in {"London", "Yorkshire and The Humber", "Wales", "Scotland"} else f"the {region}"


def mean_level(*, level_total: int, scored: int) -> Decimal | None:
    """Exact mean level (0-4) of a criterion across authorities (round with ``shown``); None if none scored."""
    if scored == 0:
        return None
    return exact(Decimal(level_total) / Decimal(scored))
