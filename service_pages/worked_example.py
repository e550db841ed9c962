"""The worked example on the help page: made-up answers, scored by assessments/scoring/
itself, so the example cannot disagree with the numbers the service shows."""
from dataclasses import dataclass
from decimal import Decimal

from assessments import scoring
from assessments.levels import level_label
from assessments.scoring import AnswerValue, CriterionInput, StepInput


@dataclass(frozen=True)
class ExampleCriterion:
    code: str
    own: str
    moderated: str
    effective: str
    counts: bool


@dataclass(frozen=True)
class ExampleStep:
    number: int
    criteria: tuple[ExampleCriterion, ...]
    mean_level: Decimal | None
    exact_score: Decimal | None
    result: scoring.StepResult

    @property
    def counted_levels(self) -> str:
        """ "3, 1 and 4": the effective levels that count towards the score."""
        levels = [c.effective.removeprefix("Level ") for c in self.criteria if c.counts]
        return ", ".join(levels[:-1]) + " and " + levels[-1] if len(levels) > 1 else "".join(levels)

    @property
    def mean_text(self) -> str:
        return _plain(self.mean_level)

    @property
    def exact_text(self) -> str:
        return _plain(self.exact_score)


def _plain(value: Decimal | None) -> str:
    """Up to four decimal places, without trailing zeros: 2.6667, 3.5, 87.5."""
    if value is None:
        return ""
    return format(value.quantize(Decimal("0.0001")).normalize(), "f")


@dataclass(frozen=True)
class WorkedExample:
    steps: tuple[ExampleStep, ...]
    result: scoring.AssessmentResult
    # The index if the rounded step scores were averaged instead: shown so the difference is explained.
    index_from_rounded: Decimal | None


# (code, own answer, reviewer's moderated answer or None); "NA" is not applicable, None unanswered.
_ANSWERS = {
    1: [("1.1", 3, None), ("1.2", 2, 1), ("1.3", 4, None)],
    2: [("2.1", None, None), ("2.2", None, None), ("2.3", None, None)],
    3: [("3.1", 4, None), ("3.2", 3, None), ("3.3", "NA", None)],
}


def _value(answer) -> AnswerValue:
    if answer == "NA":
        return AnswerValue(not_applicable=True)
    return AnswerValue(score=answer)


def _words(value: AnswerValue | None) -> str:
    if value is None:
        return "Not moderated"
    return level_label(value.score, value.not_applicable)


def worked_example() -> WorkedExample:
    steps = [StepInput(number=number) for number in _ANSWERS]
    inputs: dict[int, list[CriterionInput]] = {}
    rows: dict[int, list[ExampleCriterion]] = {}
    for number, answers in _ANSWERS.items():
        for code, own, moderated in answers:
            criterion = CriterionInput(
                step_number=number, weight=Decimal(1),
                own=AnswerValue() if own is None else _value(own),
                moderated=None if moderated is None else _value(moderated),
            )
            inputs.setdefault(number, []).append(criterion)
            rows.setdefault(number, []).append(ExampleCriterion(
                code=code, own=_words(criterion.own), moderated=_words(criterion.moderated),
                effective=_words(criterion.effective), counts=criterion.effective.score is not None,
            ))
    result = scoring.score_assessment(steps=steps, criteria=[c for group in inputs.values() for c in group])
    example_steps = []
    for step in steps:
        sums = scoring.step_sums(inputs[step.number])
        exact = scoring.step_score_from_sums(weighted_sum=sums.weighted_sum, weight_total=sums.weight_total)
        mean = sums.weighted_sum / sums.weight_total if sums.weight_total else None
        example_steps.append(ExampleStep(step.number, tuple(rows[step.number]), mean, exact, result.step(step.number)))
    rounded = [(s.result.score, Decimal(1)) for s in example_steps]
    return WorkedExample(tuple(example_steps), result, scoring.readiness_index(rounded))
