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
    spread = scoring.spread([D(10), None, D(20), D(30), D(40), D(50)])
    assert (spread.lower_quartile, spread.median, spread.upper_quartile, spread.count) == (
        D("20.00"), D("30.00"), D("40.00"), 5
    )
    assert scoring.median([D(1), D(3), D(2), D(5), D(4)]) == D("3.00")


def test_spread_of_nothing_is_none():
    spread = scoring.spread([None])
    assert (spread.median, spread.lower_quartile, spread.count) == (None, None, 0)


def test_fewer_than_five_show_their_count_and_no_median_or_quartiles():
    four = scoring.spread([D(10), D(20), D(30), D(40), None])
    assert (four.lower_quartile, four.median, four.upper_quartile, four.count) == (None, None, None, 4)
    assert not four.summarised and four.reason == "Too few to summarise"
    five = scoring.spread([D(10), D(20), D(30), D(40), D(50)])
    assert five.summarised and five.median == D("30.00") and five.reason == ""


def test_medians_come_from_exact_scores_rounded_once():
    # Exact readiness indexes 25 x K / 24 (steps of three equally weighted criteria):
    # 71.875 shows as 71.88 and 68.75 as 68.75. The median of six such values falls midway
    # between 68.75 and 71.875: exactly 70.3125, shown 70.31. From the shown numbers it would
    # be (68.75 + 71.88) / 2 = 70.315, shown 70.32.
    exact = [D("60"), D("65"), D("68.75"), D("71.875"), D("80"), D("90")]
    assert scoring.median(exact) == D("70.31")
    assert scoring.median(scoring.shown(v) for v in exact) == D("70.32")  # the wrong rule differs


def test_differences_come_from_exact_scores():
    # One level down in a three-criterion step is -16.666..., whatever the two scores look like.
    first = scoring.difference(D("75"), D("58.333333333333"))
    second = scoring.difference(D("83.333333333333"), D("66.666666666667"))
    assert scoring.shown(first) == scoring.shown(second) == D("-16.67")
    # Differences of the shown scores disagree: 58.33 - 75.00 = -16.67 but 66.67 - 83.33 = -16.66.
    assert D("66.67") - D("83.33") == D("-16.66")


def test_stored_exact_scores_round_to_the_same_shown_values():
    result = scoring.result_from_scores(readiness_index=D("70.312500000000"), steps=[(1, D("58.333333333333"), 3, 3)])
    assert result.readiness_index == D("70.31") and result.exact_index == D("70.3125")
    assert result.step(1).score == D("58.33") and result.step(1).exact == D("58.333333333333")


def test_mean_level_is_exact_until_shown():
    assert scoring.mean_level(level_total=7, scored=3) == D("2.333333333333")
    assert scoring.shown(scoring.mean_level(level_total=7, scored=3)) == D("2.33")
    assert scoring.mean_level(level_total=0, scored=0) is None


def test_unrated_keeps_progress_only():
    rated = scoring.result_from_scores(readiness_index=D("80"), steps=[(1, D("80"), 2, 3)])
    draft = scoring.unrated(rated)
    assert (draft.readiness_index, draft.rag, draft.exact_index, draft.rated) == (None, None, None, False)
    assert draft.step(1).score is None and draft.step(1).rag is None and draft.step(1).exact is None
    assert (draft.answered, draft.total, draft.progress_percent) == (2, 3, 67)


@pytest.mark.parametrize("kwargs, label", [
    ({"count": 12}, "National median of 12 authorities"),
    ({"count": 1}, "National median of 1 authority"),
    ({"count": 6, "kind": "mayoral combined authority", "region": "North West"},
     "Median of 6 mayoral combined authorities in the North West"),
    ({"count": 2, "kind": "local enterprise partnership"}, "Median of 2 local enterprise partnerships"),
    ({"count": 7, "region": "London"}, "Median of 7 authorities in London"),
    ({"count": 9, "qualifier": "approved"}, "Median of 9 approved authorities"),
])
def test_group_labels_say_what_was_counted_with_plurals(kwargs, label):
    assert scoring.group_label(**kwargs) == label


def test_guarded_spread_withholds_figures_resting_on_one_to_four_others():
    own = [(D(25), False)]
    four_others = [(D(v), True) for v in (60, 70, 80, 90)]
    withheld = scoring.guarded_spread(own + four_others)
    assert withheld.median is None and withheld.reason == "Not enough authorities yet" and withheld.count == 5
    # Central staff (no guard) see the same five scores summarised.
    assert scoring.spread(v for v, _ in own + four_others).median == D("70.00")
    five_others = four_others + [(D(100), True)]
    assert scoring.guarded_spread(own + five_others).median == D("75.00")
    # Published (not "others' unpublished") values do not count towards the rule.
    public = [(D(v), False) for v in (10, 20, 30, 40, 50)]
    assert scoring.guarded_spread(public).median == D("30.00")
    assert scoring.guarded_spread(public + [(D(60), True)]).reason == "Not enough authorities yet"
