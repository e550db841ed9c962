"""The round refresh (one grouped query) stores exactly what the per-assessment refresh stores."""
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from assessments.models import AssessmentScore, AssessmentState, Criterion, Step
from assessments.services.scores import assessment_score_refresh, round_scores_refresh
from tests.builders import answer_by_code, moderate, set_state
from tests.factories import AssessmentFactory, RoundFactory, answer_every_criterion

from .conftest import assert_consistent

pytestmark = pytest.mark.django_db


def stored_rows(assessments) -> dict[int, dict]:
    rows = AssessmentScore.objects.filter(assessment__in=assessments)
    return {row.assessment_id: model_to_dict(row, exclude=["refreshed_at"]) for row in rows}


@pytest.fixture
def mixed_round(open_round):
    """Untouched, part-answered, N/A, moderated (also where nothing was answered), weighted."""
    framework = open_round.framework
    Criterion.objects.filter(step__framework=framework, code="2.1").update(weight=Decimal("2.50"))
    Step.objects.filter(framework=framework, number=7).update(weight=Decimal("0.25"))
    untouched = AssessmentFactory(round=open_round)
    partial = AssessmentFactory(round=open_round)
    answer_by_code(partial, {"1.1": 3, "1.2": "na", "2.1": 0, "2.2": 4, "7.3": 1})
    moderated = set_state(AssessmentFactory(round=open_round), AssessmentState.IN_REVIEW)
    answer_by_code(moderated, {f"{s}.{p}": (s + p) % 5 for s in range(1, 9) for p in range(1, 4) if (s, p) != (6, 2)})
    moderate(moderated, "1.1", 0)
    moderate(moderated, "3.3", "na")
    moderate(moderated, "6.2", 4)  # the authority left it blank
    everything_na = AssessmentFactory(round=open_round)
    answer_by_code(everything_na, {"3.3": "na", "5.2": "na"})
    return [untouched, partial, moderated, everything_na]


def test_round_refresh_equals_refreshing_each_assessment(open_round, mixed_round):
    assert round_scores_refresh(round_=open_round) == 4
    by_round = stored_rows(mixed_round)
    AssessmentScore.objects.all().delete()
    for assessment in mixed_round:
        assessment_score_refresh(assessment=assessment)
    assert stored_rows(mixed_round) == by_round
    for assessment in mixed_round:
        assert_consistent(assessment)
    assert by_round[mixed_round[0].pk]["readiness_index"] is None and by_round[mixed_round[0].pk]["total"] == 24
    assert by_round[mixed_round[3].pk]["answered"] == 2 and by_round[mixed_round[3].pk]["readiness_index"] is None
    assert by_round[mixed_round[2].pk]["own_step_6_answered"] == 2 and by_round[mixed_round[2].pk]["step_6_answered"] == 3


def test_round_refresh_overwrites_stale_rows_and_leaves_other_rounds_alone(open_round, mixed_round):
    round_scores_refresh(round_=open_round)
    other = AssessmentFactory(round=RoundFactory())
    answer_every_criterion(other, 4)
    assessment_score_refresh(assessment=other)
    AssessmentScore.objects.filter(assessment=other).update(readiness_index=Decimal("1.00"))
    AssessmentScore.objects.filter(assessment__round=open_round).update(readiness_index=Decimal("99.00"))
    round_scores_refresh(round_=open_round)
    for assessment in mixed_round:
        assert_consistent(assessment)
    assert AssessmentScore.objects.get(assessment=other).readiness_index == Decimal("1.00")


def test_refresh_scores_command(open_round, mixed_round):
    other = AssessmentFactory(round=RoundFactory())
    AssessmentScore.objects.all().delete()  # as if made outside the services, or before the table existed
    call_command("refresh_scores", "--round", str(open_round.pk), stdout=io.StringIO())
    assert AssessmentScore.objects.filter(assessment__round=open_round).count() == 4
    assert not AssessmentScore.objects.filter(assessment=other).exists()
    out = io.StringIO()
    call_command("refresh_scores", stdout=out)
    assert "Done: 5 assessments refreshed" in out.getvalue()
    assert AssessmentScore.objects.filter(assessment=other).exists()
    with pytest.raises(CommandError, match="no round with id"):
        call_command("refresh_scores", "--round", "999999")
