"""Every write through the services leaves the stored results equal to what the pages compute."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import Answer, AssessmentScore, AssessmentState
from assessments.services.answers import assessment_save_step
from assessments.services.errors import ActionRefused
from assessments.services.moderation import moderation_remove, moderation_set
from assessments.services.previous_round import assessment_copy_previous
from assessments.services.review import assessment_approve, assessment_return
from assessments.services.submission import assessment_submit
from tests.factories import (
    AnswerFactory,
    AssessmentFactory,
    RoundFactory,
    answer_every_criterion,
)

from .conftest import assert_consistent, step_inputs, stored_results

pytestmark = pytest.mark.django_db
D = Decimal
REASON = "The evidence does not support the level claimed."


def save(assessment, user, number, levels):
    return assessment_save_step(
        assessment=assessment, step=assessment.round.framework.steps.get(number=number), user=user,
        answers=step_inputs(assessment, number, levels),
    )


def test_saving_steps_stores_the_results_page_numbers(assessment, people):
    editor = people["editor"]
    save(assessment, editor, 1, {"1.1": 4, "1.2": 2})              # 1.3 left blank
    save(assessment, editor, 3, {"3.1": 1, "3.3": "na"})           # N/A is left out, not zero
    assert_consistent(assessment)
    effective, own = stored_results(assessment)
    assert effective.step(1).score == D("75.00") and effective.step(3).score == D("25.00")
    assert effective.readiness_index == D("50.00") and effective.answered == 4
    assert own == effective  # nothing moderated

    save(assessment, editor, 1, {"1.1": 0, "1.2": 2, "1.3": 1})    # changed again
    assert_consistent(assessment)
    assert stored_results(assessment)[0].step(1).score == D("25.00")


def test_a_refused_save_leaves_the_stored_row_as_it_was(assessment, people):
    save(assessment, people["editor"], 1, {"1.1": 2})
    before = AssessmentScore.objects.get(assessment=assessment)
    bad = step_inputs(assessment, 1, {"1.1": 4})
    bad[0] = type(bad[0])(criterion=bad[0].criterion, score=4, justification="No evidence link given.")
    with pytest.raises(ActionRefused):
        assessment_save_step(
            assessment=assessment, step=assessment.round.framework.steps.get(number=1), user=people["editor"], answers=bad
        )
    after = AssessmentScore.objects.get(assessment=assessment)
    assert (after.readiness_index, after.step_1, after.refreshed_at) == (before.readiness_index, before.step_1, before.refreshed_at)


@pytest.fixture
def submitted(assessment, people):
    answer_every_criterion(assessment, score=2)  # written directly: the submission must catch up
    return assessment_submit(assessment=assessment, user=people["editor"])


def test_submitting_stores_answers_written_outside_the_services(submitted):
    assert_consistent(submitted)
    assert stored_results(submitted)[0].readiness_index == D("50.00")


def test_moderating_and_removing_a_moderation(submitted, people, criterion_of):
    reviewer = people["reviewer"]
    moderation_set(assessment=submitted, criterion=criterion_of("1.1"), user=reviewer, reason=REASON, score=0)
    moderation_set(assessment=submitted, criterion=criterion_of("3.3"), user=reviewer, reason=REASON, not_applicable=True)
    assert_consistent(submitted)
    effective, own = stored_results(submitted)
    assert effective.step(1).score == D("33.33")  # (0 + 2 + 2) / 3 x 25
    assert effective.step(3).score == D("50.00")  # N/A moderated in: left out
    assert own.step(1).score == D("50.00") and own.readiness_index == D("50.00")
    assert AssessmentScore.objects.get(assessment=submitted).own_readiness_index == D("50.00")

    moderation_remove(assessment=submitted, criterion=criterion_of("1.1"), user=reviewer, reason="Evidence found.")
    assert_consistent(submitted)
    assert stored_results(submitted)[0].step(1).score == D("50.00")


def test_moderating_an_unanswered_criterion_counts_it_as_answered(assessment, people, criterion_of):
    save(assessment, people["editor"], 1, {"1.1": 2})
    # The rest is answered directly, then the assessment is submitted.
    for code in [f"{s}.{p}" for s in range(1, 9) for p in range(1, 4) if f"{s}.{p}" not in ("1.1", "8.3")]:
        AnswerFactory(assessment=assessment, criterion=criterion_of(code), score=1)
    AnswerFactory(assessment=assessment, criterion=criterion_of("8.3"), score=3)
    assessment_submit(assessment=assessment, user=people["editor"])
    Answer.objects.filter(assessment=assessment, criterion=criterion_of("8.3")).delete()  # behind the services' back
    moderation_set(assessment=assessment, criterion=criterion_of("8.3"), user=people["reviewer"], reason=REASON, score=4)
    assert_consistent(assessment)
    effective, own = stored_results(assessment)
    assert effective.answered == 24 and own.answered == 23
    assert effective.step(8).score == D("50.00") and own.step(8).score == D("25.00")


def test_every_transition_keeps_the_row_consistent(submitted, people, criterion_of):
    moderation_set(assessment=submitted, criterion=criterion_of("2.1"), user=people["reviewer"], reason=REASON, score=4)
    assessment_return(assessment=submitted, user=people["reviewer"], message="Please add evidence for 4.2.")
    assert_consistent(submitted)
    save(submitted, people["editor"], 4, {"4.1": 3, "4.2": 3, "4.3": 3})
    assessment_submit(assessment=submitted, user=people["editor"])
    assessment_approve(assessment=submitted, user=people["lead_reviewer"])
    submitted.refresh_from_db()
    assert submitted.state == AssessmentState.APPROVED
    assert_consistent(submitted)
    assert stored_results(submitted)[0].step(2).score == D("66.67")  # (4 + 2 + 2) / 3 x 25, moderated


def test_a_transition_puts_right_a_row_that_drifted(submitted, people):
    AssessmentScore.objects.filter(assessment=submitted).update(readiness_index=D("99.00"), step_1=None)
    assessment_approve(assessment=submitted, user=people["lead_reviewer"])
    assert_consistent(submitted)


def test_copying_the_previous_round_stores_the_copied_scores(assessment, people):
    old_round = RoundFactory(
        closed=True, framework=assessment.round.framework,
        opens_on=timezone.localdate() - datetime.timedelta(days=400),
        closes_on=timezone.localdate() - datetime.timedelta(days=300),
    )
    previous = AssessmentFactory(round=old_round, authority=assessment.authority, submitted=True)
    answer_every_criterion(previous, score=3)
    previous.state = AssessmentState.APPROVED
    previous.save()
    save(assessment, people["editor"], 1, {"1.1": 1})  # kept: copying never overwrites
    assert assessment_copy_previous(assessment=assessment, user=people["editor"]) == 23
    assert_consistent(assessment)
    effective, _ = stored_results(assessment)
    assert effective.step(1).score == D("58.33") and effective.step(2).score == D("75.00")
    assert effective.answered == 24

