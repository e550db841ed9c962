"""The dashboards and the review queue read the stored rows, never write them, and are never stale."""
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments.models import AssessmentScore, AssessmentState
from assessments.selectors.assessments import assessment_view
from assessments.selectors.dashboards import round_rollup
from assessments.services.moderation import moderation_set
from assessments.services.scores import assessment_score_refresh
from tests.builders import populate, set_state
from tests.factories import AssessmentFactory, answer_every_criterion

pytestmark = pytest.mark.django_db
D = Decimal


def test_every_assessment_has_its_row_from_the_start(open_round, django_assert_num_queries):
    made = populate(open_round, 12, level=3)
    assert AssessmentScore.objects.filter(assessment__in=made).count() == 12
    round_rollup(round_=open_round)  # the round's results are now cached under its scores version
    with django_assert_num_queries(5):  # scores version, steps, tiers, assessments, regions
        rows = round_rollup(round_=open_round).rows
    assert {row.result.readiness_index for row in rows} == {D("75.00")}


def test_rows_made_outside_the_services_are_computed_on_read_and_not_stored(open_round):
    made = populate(open_round, 12, level=3)
    AssessmentScore.objects.filter(assessment__in=made[:5]).delete()  # as if bulk-inserted without a refresh
    rows = round_rollup(round_=open_round).rows
    assert {row.result.readiness_index for row in rows} == {D("75.00")}
    assert AssessmentScore.objects.filter(assessment__in=made).count() == 7


def test_an_assessment_added_outside_the_services_shows_on_the_next_read(open_round):
    """Adding a row gives the round no new token: the process has read the round under the
    same token before, and must still show the newcomer (computed, not stored)."""
    from assessments.models import RoundScoresVersion

    populate(open_round, 3, level=3)
    for _ in range(2):  # the second read is the one that keeps its results under the token
        assert len(round_rollup(round_=open_round).rows) == 3
    token = RoundScoresVersion.objects.get(round=open_round).token
    newcomer = AssessmentFactory(round=open_round)
    answer_every_criterion(newcomer, 1)
    # As if inserted outside the services: no stored row, and the round's token as it was.
    AssessmentScore.objects.filter(assessment=newcomer).delete()
    RoundScoresVersion.objects.filter(round=open_round).update(token=token)
    rows = {row.assessment_id: row for row in round_rollup(round_=open_round).rows}
    assert len(rows) == 4 and rows[newcomer.pk].result.answered == rows[newcomer.pk].result.total
    assert not AssessmentScore.objects.filter(assessment=newcomer).exists()


def test_a_moderation_through_the_service_shows_at_once(open_round, people):
    assessment = populate(open_round, 1, level=2)[0]
    assert round_rollup(round_=open_round).rows[0].step_score(1) == D("50.00")
    criterion = open_round.framework.steps.get(number=1).criteria.get(code="1.1")
    moderation_set(assessment=assessment, criterion=criterion, user=people["reviewer"], reason="No plan.", score=0)
    [row] = round_rollup(round_=open_round).rows
    assert row.step_score(1) == D("33.33")
    assert row.result == assessment_view(assessment=assessment).result


def test_review_queue_shows_stored_own_and_moderated_index(client_for, open_round, people):
    assessment = populate(open_round, 1, level=2)[0]
    criterion = open_round.framework.steps.get(number=1).criteria.get(code="1.1")
    moderation_set(assessment=assessment, criterion=criterion, user=people["reviewer"], reason="No plan.", score=0)
    AssessmentScore.objects.filter(assessment=assessment).update(own_readiness_index=D("12.34"))  # proves it is read
    row = client_for("reviewer").get(reverse("review-queue")).context["rows"][0]
    assert row.own.readiness_index == D("12.34") and row.moderated
    assert row.effective == assessment_view(assessment=assessment).result


def test_profile_trend_reads_stored_rows(client_for, open_round, authority, people):
    assessment = AssessmentFactory(round=open_round, authority=authority)
    answer_every_criterion(assessment, 4)
    set_state(assessment, AssessmentState.SUBMITTED)
    assessment_score_refresh(assessment=assessment)
    AssessmentScore.objects.filter(assessment=assessment).update(readiness_index=D("42.00"))
    page = client_for("admin").get(reverse("dashboard-authority", args=[authority.pk]))
    [point] = page.context["profile"].trend
    assert point.result.readiness_index == D("42.00") and point.result.rag.value == "red"


@pytest.mark.parametrize("changes", [{"step_3": D("100.01")}, {"own_readiness_index": D("-1")}, {"answered": 25}])
def test_the_database_refuses_impossible_rows(open_round, changes):
    assessment = AssessmentFactory(round=open_round, state=AssessmentState.DRAFT)
    answer_every_criterion(assessment, 1)
    row = assessment_score_refresh(assessment=assessment)
    for name, value in changes.items():
        setattr(row, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
