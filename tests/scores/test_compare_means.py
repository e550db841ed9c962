"""The round comparison's mean level per criterion uses effective levels (moderated where moderated)."""
from decimal import Decimal

import pytest

from assessments import scoring
from assessments.models import AssessmentState
from assessments.selectors.assessments import assessment_view
from assessments.selectors.dashboards import Scope, round_rollup
from assessments.selectors.dashboards_compare import _criterion_means
from tests.builders import answer_by_code, moderate, set_state
from tests.factories import AnswerFactory, AssessmentFactory, answer_every_criterion

pytestmark = pytest.mark.django_db
D = Decimal


def test_means_follow_moderations_na_and_scope(open_round, criterion_of):
    one = set_state(AssessmentFactory(round=open_round), AssessmentState.APPROVED)
    two = set_state(AssessmentFactory(round=open_round), AssessmentState.IN_REVIEW)
    draft = AssessmentFactory(round=open_round)
    answer_by_code(one, {"1.1": 4, "1.2": 2, "3.3": "na", "5.2": 1})
    answer_by_code(two, {"1.1": 1, "1.2": 3, "3.3": 2, "5.2": "na"})
    AnswerFactory(assessment=two, criterion=criterion_of("2.1"), unanswered=True)  # a row with nothing chosen
    answer_every_criterion(draft, 4)  # not counted: a draft
    moderate(one, "1.1", 0)      # 4 -> 0
    moderate(two, "1.2", "na")   # 3 -> N/A: leaves the mean
    moderate(one, "3.3", 3)      # N/A -> 3: joins the mean
    moderate(two, "4.1", 2)      # unanswered -> 2
    moderate(one, "5.2", "na")   # 1 -> N/A: nothing scored is left
    counted = [a.pk for a in (one, two, draft) if a.state in Scope.SUBMITTED.states]
    means = _criterion_means(rollup=round_rollup(round_=open_round), ids=counted)
    assert means["1.1"] == D("0.50")   # (0 + 1) / 2
    assert means["1.2"] == D("2.00")   # only one's 2
    assert means["3.3"] == D("2.50")   # (3 + 2) / 2
    assert means["4.1"] == D("2.00")
    assert means["5.2"] is None and means["2.1"] is None
    assert means["8.1"] is None        # nobody counted answered it

    # The same numbers as the effective levels the results pages use.
    for code, mean in means.items():
        levels = []
        for assessment in (one, two):
            view = assessment_view(assessment=assessment)
            criterion = criterion_of(code)
            moderation = view.moderations.get(criterion.pk)
            answer = view.answers.get(criterion.pk)
            chosen = moderation if moderation is not None else answer
            if chosen is not None and chosen.score is not None:
                levels.append(chosen.score)
        expected = None if not levels else (D(sum(levels)) / len(levels)).quantize(D("0.01"))
        assert scoring.shown(mean) == expected, code
