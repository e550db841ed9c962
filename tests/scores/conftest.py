"""Helpers for the stored-results tests: what the row says, and what the pages compute."""
import pytest

from assessments.models import AssessmentScore, Criterion
from assessments.selectors.assessments import assessment_view
from assessments.selectors.dashboards import round_steps
from assessments.selectors.scores import stored_of, stored_result
from assessments.services.answers import AnswerInput


def stored_results(assessment):
    """(effective, own) rebuilt from the assessment's stored row, as the dashboards read it."""
    row = AssessmentScore.objects.get(assessment=assessment)
    totals = [(step.number, step.criteria_count) for step in round_steps(round_=assessment.round)]
    values = stored_of(row)
    return stored_result(values, totals=totals), stored_result(values, totals=totals, own=True)


def stored_centre(assessment):
    """The centre's side as stored with the assessment's results (exact, or None)."""
    return AssessmentScore.objects.get(assessment=assessment).centre_score


def computed_results(assessment):
    """(effective, own) as the results and review pages compute them from the answers."""
    view = assessment_view(assessment=assessment)
    return view.result, view.own_result


def assert_consistent(assessment):
    assert stored_results(assessment) == computed_results(assessment)


def step_inputs(assessment, number: int, levels: dict[str, object]) -> list[AnswerInput]:
    """AnswerInputs for one step by criterion code: a level, "na", or None (left blank)."""
    criteria = Criterion.objects.filter(step__framework=assessment.round.framework, step__number=number)
    inputs = []
    for criterion in criteria.order_by("position"):
        level = levels.get(criterion.code)
        if level == "na":
            inputs.append(AnswerInput(criterion=criterion, not_applicable=True, justification="Not a mayoral body."))
        elif level is None:
            inputs.append(AnswerInput(criterion=criterion))
        else:
            inputs.append(AnswerInput(
                criterion=criterion, score=level, justification="Agreed by the board.",
                new_link="https://example.gov.uk/evidence" if level >= 3 else "",
            ))
    return inputs


@pytest.fixture
def criterion_of(open_round):
    def _criterion(code: str) -> Criterion:
        return Criterion.objects.get(step__framework=open_round.framework, code=code)

    return _criterion
