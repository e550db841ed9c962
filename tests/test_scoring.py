"""The scoring rules of docs/framework.md, one by one, with hand-worked numbers.

Pure Python: no database. A step score is the weighted mean level x 25, shown to two places.
"""
from decimal import Decimal

import pytest

from assessments.scoring import (
    UNANSWERED,
    AnswerValue,
    CriterionInput,
    Rag,
    StepInput,
    TaskStatus,
    rag_for,
    score_assessment,
    task_status,
)

NA = AnswerValue(not_applicable=True)


def level(score: int) -> AnswerValue:
    return AnswerValue(score=score)


def criterion(step: int, own: AnswerValue = UNANSWERED, *, moderated=None, weight="1") -> CriterionInput:
    return CriterionInput(step_number=step, weight=Decimal(weight), own=own, moderated=moderated)


def steps(*numbers: int, weights: dict[int, str] | None = None) -> list[StepInput]:
    weights = weights or {}
    return [StepInput(number=n, weight=Decimal(weights.get(n, "1"))) for n in numbers]


def one_step(*criteria: CriterionInput):
    """Score a single step 1 made of the given criteria."""
    return score_assessment(steps=steps(1), criteria=list(criteria)).step(1)


# --- which answers count -------------------------------------------------------------


def test_not_applicable_is_left_out_of_the_step_mean():
    # (4 + 2) / 2 = 3 -> 75; counting N/A as 0 would give (4 + 0 + 2) / 3 x 25 = 50.
    result = one_step(criterion(1, level(4)), criterion(1, NA), criterion(1, level(2)))
    assert result.score == Decimal("75.00")


def test_unanswered_is_not_zero():
    # One criterion at 4 and two unanswered: 100, not 4 / 3 x 25 = 33.33.
    result = one_step(criterion(1, level(4)), criterion(1), criterion(1))
    assert result.score == Decimal("100.00")
    assert result.rag == Rag.GREEN


def test_level_zero_is_a_score_not_a_gap():
    result = one_step(criterion(1, level(0)), criterion(1, level(4)))
    assert result.score == Decimal("50.00")


def test_step_score_is_shown_to_two_places_rounding_half_up():
    # (2 + 2 + 1) / 3 x 25 = 41.666... -> 41.67; (1 + 1 + 2) / 3 x 25 = 33.333... -> 33.33
    assert one_step(*(criterion(1, level(s)) for s in (2, 2, 1))).score == Decimal("41.67")
    assert one_step(*(criterion(1, level(s)) for s in (1, 1, 2))).score == Decimal("33.33")


# --- weights -------------------------------------------------------------------------


def test_criterion_weights_weight_the_step_mean():
    # (4 x 3 + 0 x 1) / (3 + 1) = 3 -> 75; unweighted it would be 50.
    assert one_step(criterion(1, level(4), weight="3"), criterion(1, level(0))).score == Decimal("75.00")
    # (2 x 1.5 + 3 x 0.5) / 2 = 2.25 -> 56.25
    result = one_step(criterion(1, level(2), weight="1.5"), criterion(1, level(3), weight="0.5"))
    assert result.score == Decimal("56.25")


def test_step_weights_weight_the_readiness_index():
    criteria = [criterion(1, level(4)), criterion(2, level(0))]  # step 1 = 100, step 2 = 0

    equal = score_assessment(steps=steps(1, 2), criteria=criteria)
    weighted = score_assessment(steps=steps(1, 2, weights={1: "3"}), criteria=criteria)

    assert equal.readiness_index == Decimal("50.00")
    # (100 x 3 + 0 x 1) / 4 = 75
    assert weighted.readiness_index == Decimal("75.00")
    assert weighted.rag == Rag.GREEN


def test_readiness_index_with_uneven_step_weights_and_fractions():
    # Step 1: (3 + 2) / 2 x 25 = 62.5; step 2: 1 x 25 = 25; step 3: 4 x 25 = 100.
    # Index with weights 2, 1, 0.5: (125 + 25 + 50) / 3.5 = 57.142857... -> 57.14
    criteria = [criterion(1, level(3)), criterion(1, level(2)), criterion(2, level(1)), criterion(3, level(4))]
    result = score_assessment(steps=steps(1, 2, 3, weights={1: "2", 2: "1", 3: "0.5"}), criteria=criteria)
    assert [s.score for s in result.steps] == [Decimal("62.50"), Decimal("25.00"), Decimal("100.00")]
    assert result.readiness_index == Decimal("57.14")
    assert result.rag == Rag.AMBER


# --- moderation ------------------------------------------------------------------------


def test_moderated_score_wins_over_own_score():
    assert one_step(criterion(1, level(1), moderated=level(3))).score == Decimal("75.00")
    assert one_step(criterion(1, level(4), moderated=level(0))).score == Decimal("0.00")


def test_moderated_not_applicable_removes_the_own_score():
    result = one_step(criterion(1, level(4), moderated=NA), criterion(1, level(2)))
    assert result.score == Decimal("50.00")  # only the 2 counts


def test_moderated_level_counts_where_own_answer_was_not_applicable():
    result = one_step(criterion(1, NA, moderated=level(2)), criterion(1, level(4)))
    assert result.score == Decimal("75.00")  # (2 + 4) / 2


def test_unmoderated_criterion_keeps_own_score_beside_a_moderated_one():
    result = one_step(criterion(1, level(4)), criterion(1, level(4), moderated=level(2)))
    assert result.score == Decimal("75.00")  # (4 + 2) / 2


# --- steps and index with nothing scored ----------------------------------------------------


def test_step_with_nothing_scored_has_no_score_and_is_left_out_of_the_index():
    criteria = [
        criterion(1, level(4)),
        criterion(2),  # unanswered
        criterion(3, NA),  # answered, but N/A
    ]
    result = score_assessment(steps=steps(1, 2, 3), criteria=criteria)

    assert result.step(2).score is None and result.step(2).rag is None
    assert result.step(3).score is None and result.step(3).rag is None
    # Counting the empty steps as 0 would give 33.33.
    assert result.readiness_index == Decimal("100.00")


def test_readiness_index_is_none_when_nothing_is_scored():
    unanswered = score_assessment(steps=steps(1, 2), criteria=[criterion(1), criterion(2)])
    all_na = score_assessment(steps=steps(1, 2), criteria=[criterion(1, NA), criterion(2, NA)])

    for result in (unanswered, all_na):
        assert result.readiness_index is None
        assert result.rag is None


# --- RAG ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "score, expected",
    [
        (Decimal("0"), Rag.RED),
        (Decimal("49.99"), Rag.RED),
        (Decimal("50"), Rag.AMBER),
        (Decimal("50.00"), Rag.AMBER),
        (Decimal("74.99"), Rag.AMBER),
        (Decimal("75"), Rag.GREEN),
        (Decimal("100"), Rag.GREEN),
        (None, None),
    ],
)
def test_rag_boundaries(score, expected):
    assert rag_for(score) == expected


def test_rag_is_judged_on_the_number_as_shown():
    # Weighted mean (2 x 99.98 + 1 x 0.02) / 100 = 1.9998 -> 49.995, shown as 50.00.
    # Shown 50.00 must read amber, never red beside a 50.00.
    result = one_step(criterion(1, level(2), weight="99.98"), criterion(1, level(1), weight="0.02"))
    assert result.score == Decimal("50.00")
    assert result.rag == Rag.AMBER


# --- progress and task status -------------------------------------------------------------------


def test_progress_counts_not_applicable_as_answered():
    result = score_assessment(
        steps=steps(1, 2), criteria=[criterion(1, level(2)), criterion(1, NA), criterion(2), criterion(2)]
    )
    assert (result.answered, result.total) == (2, 4)
    assert result.progress == Decimal("0.5")
    assert result.progress_percent == 50


def test_progress_percent_is_rounded_to_a_whole_number():
    result = score_assessment(steps=steps(1), criteria=[criterion(1, level(1)), criterion(1, NA), criterion(1)])
    assert result.progress_percent == 67  # 2 / 3 = 66.7%


@pytest.mark.parametrize(
    "answered, total, expected",
    [
        (0, 3, TaskStatus.NOT_STARTED),
        (1, 3, TaskStatus.IN_PROGRESS),
        (2, 3, TaskStatus.IN_PROGRESS),
        (3, 3, TaskStatus.COMPLETED),
    ],
)
def test_task_status(answered, total, expected):
    assert task_status(answered=answered, total=total) == expected


def test_step_status_follows_its_answers_including_not_applicable():
    result = score_assessment(
        steps=steps(1, 2, 3),
        criteria=[
            criterion(1),
            criterion(1),
            criterion(2, level(3)),
            criterion(2),
            criterion(3, NA),
            criterion(3, level(0)),
        ],
    )
    assert result.step(1).status == TaskStatus.NOT_STARTED
    assert result.step(2).status == TaskStatus.IN_PROGRESS
    assert result.step(3).status == TaskStatus.COMPLETED
    assert result.step(3).status.label == "Completed"
