"""Roll-ups summed in the database equal the scoring module's numbers (run on SQLite and PostgreSQL)."""
from decimal import Decimal

import pytest

from assessments.models import AssessmentState, Criterion, Step
from assessments.selectors.assessments import assessment_view
from assessments.selectors.dashboards import round_rollup
from tests.builders import answer_by_code, moderate, set_state
from tests.factories import AssessmentFactory, RoundFactory, answer_every_criterion

pytestmark = pytest.mark.django_db
D = Decimal


def test_na_unanswered_moderated_and_weights(open_round):
    framework = open_round.framework
    Criterion.objects.filter(step__framework=framework, code="1.1").update(weight=D("2.50"))
    Criterion.objects.filter(step__framework=framework, code="2.2").update(weight=D("0.25"))
    Step.objects.filter(framework=framework, number=4).update(weight=D(3))
    assessment = AssessmentFactory(round=open_round)
    answer_by_code(assessment, {
        "1.1": 4, "1.2": 1, "1.3": 0,       # 1.1 weighs 2.5
        "2.1": 3, "2.2": 4,                 # 2.3 unanswered: left out, not zero
        "3.1": 2, "3.2": 2, "3.3": "na",    # N/A left out
        "4.1": 4, "4.2": 4, "4.3": 4,       # step weight 3
        "5.1": 3, "5.2": "na",              # moderated below
        # step 6 entirely unanswered: no score
        "7.1": 1, "7.2": 1, "7.3": 1,
        "8.1": 2, "8.2": 3, "8.3": 4,
    })
    moderate(assessment, "1.1", 2)          # moderated down
    moderate(assessment, "5.1", "na")       # moderated to N/A: step 5 has nothing scored...
    moderate(assessment, "5.3", 4)          # ...except this unanswered criterion the reviewer scored
    moderate(assessment, "7.2", 3)
    set_state(assessment, AssessmentState.SUBMITTED)  # rated: a draft's row is its progress only
    expected = assessment_view(assessment=assessment).result

    [row] = round_rollup(round_=open_round).rows
    assert row.result == expected
    # And the numbers themselves, worked by hand.
    assert row.step_score(1) == D("33.33")       # (2 x 2.5 + 1 + 0) / (2.5 + 1 + 1) x 25
    assert row.step_score(2) == D("80.00")       # (3 + 4 x 0.25) / (1 + 0.25) x 25
    assert row.step_score(5) == D("100.00")
    assert row.step_score(6) is None
    assert row.result.step(5).answered == 3      # two moderations and the N/A answer
    assert row.result.step(6).answered == 0
    assert row.result.answered == 20


def test_every_assessment_of_the_round_matches_its_results_page(open_round):
    levels = [0, 1, 2, 3, 4]
    for i in range(5):
        assessment = AssessmentFactory(round=open_round)
        answer_by_code(assessment, {f"{s}.{p}": levels[(s + p + i) % 5] for s in range(1, 9) for p in range(1, 4) if (s * p + i) % 7})
        if i % 2:
            moderate(assessment, "2.1", (i + 2) % 5)
        set_state(assessment, AssessmentState.SUBMITTED)
    other_round = RoundFactory()
    answer_every_criterion(AssessmentFactory(round=other_round), 4)  # another round must not leak in

    rows = round_rollup(round_=open_round).rows
    assert len(rows) == 5
    for row in rows:
        assessment = open_round.assessments.get(pk=row.assessment_id)
        assert row.result == assessment_view(assessment=assessment).result


def test_state_filter_is_applied_in_the_query(open_round):
    draft = AssessmentFactory(round=open_round)
    approved = set_state(AssessmentFactory(round=open_round), AssessmentState.APPROVED)
    answer_every_criterion(draft, 4)
    answer_every_criterion(approved, 1)
    rows = round_rollup(round_=open_round, states=frozenset({AssessmentState.APPROVED})).rows
    assert [row.assessment_id for row in rows] == [approved.pk]
    assert rows[0].result.readiness_index == D("25.00")
