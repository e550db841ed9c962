"""The scoring module's roll-up functions: the same numbers from sums as from criteria."""
from decimal import Decimal

import pytest

from assessments import scoring
from assessments.scoring import AnswerValue, CriterionInput, StepInput, StepSums

D = Decimal


def sums_of(criteria: list[CriterionInput]) -> dict[int, StepSums]:
    """What the database query adds up, computed by hand."""
    out: dict[int, StepSums] = {}
    for c in criteria:
        previous = out.get(c.step_number, StepSums())
        scored = c.effective.score is not None
        out[c.step_number] = StepSums(
            weighted_sum=previous.weighted_sum + (D(c.effective.score) * c.weight if scored else 0),
            weight_total=previous.weight_total + (c.weight if scored else 0),
            answered=previous.answered + (1 if c.effective.is_answered else 0),
            total=previous.total + 1,
        )
    return out


EXAMPLES = {
    "plain": (
        [StepInput(1), StepInput(2)],
        [CriterionInput(1, D(1), AnswerValue(2)), CriterionInput(1, D(1), AnswerValue(3)),
         CriterionInput(2, D(1), AnswerValue(4))],
    ),
    "na and unanswered are left out": (
        [StepInput(1), StepInput(2)],
        [CriterionInput(1, D(1), AnswerValue(None, True)), CriterionInput(1, D(1), AnswerValue(1)),
         CriterionInput(1, D(1)), CriterionInput(2, D(1))],
    ),
    "moderation wins, including moderated to N/A": (
        [StepInput(1), StepInput(2)],
        [CriterionInput(1, D(1), AnswerValue(4), moderated=AnswerValue(1)),
         CriterionInput(2, D(1), AnswerValue(3), moderated=AnswerValue(None, True)),
         CriterionInput(2, D(1), AnswerValue(2))],
    ),
    "weights": (
        [StepInput(1, D(3)), StepInput(2, D("0.5"))],
        [CriterionInput(1, D("2.5"), AnswerValue(4)), CriterionInput(1, D("0.25"), AnswerValue(1)),
         CriterionInput(2, D(1), AnswerValue(1)), CriterionInput(2, D("1.75"), AnswerValue(3))],
    ),
    "thirds that round": (
        [StepInput(1), StepInput(2), StepInput(3)],
        [CriterionInput(1, D(1), AnswerValue(1)), CriterionInput(1, D(1), AnswerValue(1)),
         CriterionInput(1, D(1), AnswerValue(2)), CriterionInput(2, D(1), AnswerValue(3)),
         CriterionInput(3, D(1), AnswerValue(0))],
    ),
    "nothing scored": ([StepInput(1)], [CriterionInput(1, D(1)), CriterionInput(1, D(1), AnswerValue(None, True))]),
}


@pytest.mark.parametrize("name", EXAMPLES)
def test_result_from_sums_equals_score_assessment(name):
    steps, criteria = EXAMPLES[name]
    assert scoring.result_from_sums(steps=steps, sums=sums_of(criteria)) == scoring.score_assessment(
        steps=steps, criteria=criteria
    )


def test_weighted_example_by_hand():
    steps, criteria = EXAMPLES["weights"]
    result = scoring.result_from_sums(steps=steps, sums=sums_of(criteria))
    # Step 1: (4 x 2.5 + 1 x 0.25) / 2.75 x 25 = 93.18...; step 2: (1 + 3 x 1.75) / 2.75 x 25 = 56.818...
    assert result.step(1).score == D("93.18")
    assert result.step(2).score == D("56.82")
    # Index from unrounded step scores, weights 3 and 0.5: (93.1818 x 3 + 56.8181 x 0.5) / 3.5
    assert result.readiness_index == D("87.99")
    assert result.rag == scoring.Rag.GREEN


def test_step_score_from_sums_none_without_weight():
    assert scoring.step_score_from_sums(weighted_sum=D(0), weight_total=D(0)) is None
    assert scoring.step_score_from_sums(weighted_sum=D(6), weight_total=D(3)) == D(50)


def test_spread_uses_inclusive_quartiles_and_ignores_none():
    spread = scoring.spread([D(10), None, D(20), D(30), D(40)])
    assert (spread.lower_quartile, spread.median, spread.upper_quartile, spread.count) == (
        D("17.50"), D("25.00"), D("32.50"), 4
    )
    assert scoring.median([D(1), D(3), D(2)]) == D("2.00")


def test_spread_of_nothing_is_none():
    spread = scoring.spread([None])
    assert (spread.median, spread.lower_quartile, spread.count) == (None, None, 0)


def test_mean_level():
    assert scoring.mean_level(level_total=7, scored=3) == D("2.33")
    assert scoring.mean_level(level_total=0, scored=0) is None
