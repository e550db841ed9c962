"""One definition each: late, drafts never rated, the round a dashboard opens on, filters kept."""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.deadlines import assessment_is_late, is_late
from assessments.models import AssessmentState, RoundState
from assessments.selectors.dashboards import round_rollup
from tests.builders import populate, set_state
from tests.factories import AssessmentFactory, RoundFactory, answer_every_criterion

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)
DEADLINE = datetime.date(2026, 11, 20)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.mark.parametrize("state, submitted, closed, extension, late", [
    (AssessmentState.DRAFT, None, False, False, True),               # owed, deadline passed
    (AssessmentState.RETURNED, DEADLINE, False, False, True),        # owed again, deadline passed
    (AssessmentState.SUBMITTED, DEADLINE, False, False, False),      # on the day: on time
    (AssessmentState.SUBMITTED, DEADLINE + datetime.timedelta(days=1), False, False, True),
    (AssessmentState.APPROVED, DEADLINE - datetime.timedelta(days=3), True, False, False),
])
def test_one_definition_of_late(state, submitted, closed, extension, late):
    assert is_late(state=state, submitted_at=submitted and _at(submitted), deadline=DEADLINE, round_closed=closed,
                   has_extension=extension, today=TODAY) is late


def test_a_draft_in_a_round_closed_early_is_late_unless_extended():
    future = TODAY + datetime.timedelta(days=5)
    kwargs = {"state": AssessmentState.DRAFT, "submitted_at": None, "deadline": future, "today": TODAY}
    assert is_late(round_closed=True, has_extension=False, **kwargs)
    assert not is_late(round_closed=True, has_extension=True, **kwargs)


def test_dashboard_and_round_admin_page_agree_on_late(client_for, open_round):
    open_round.closes_on = timezone.localdate() - datetime.timedelta(days=2)
    open_round.save()
    late_submission = set_state(AssessmentFactory(round=open_round), AssessmentState.SUBMITTED)
    on_time = set_state(AssessmentFactory(round=open_round), AssessmentState.SUBMITTED,
                        submitted_at=timezone.now() - datetime.timedelta(days=5))
    rows = {row.assessment_id: row.is_late for row in round_rollup(round_=open_round).rows}
    assert rows == {late_submission.pk: True, on_time.pk: False}
    assert [assessment_is_late(a) for a in (late_submission, on_time)] == [True, False]
    page = client_for("admin").get(reverse("manage-round", args=[open_round.pk])).content.decode()
    assert page.count(">Late</strong>") == 1


def test_drafts_are_never_rated_in_queue_dashboard_or_results(client_for, open_round):
    draft = AssessmentFactory(round=open_round)
    answer_every_criterion(draft, 4)  # fully answered at the top level, but not submitted
    populate(open_round, 5, level=2)
    reviewer = client_for("reviewer")
    queue = reviewer.get(reverse("review-queue") + f"?round={open_round.pk}")
    [row] = [r for r in queue.context["rows"] if r.assessment.pk == draft.pk]
    assert row.own.readiness_index is None and row.own.rag is None and row.own.progress_percent == 100
    assert "Not rated (draft)" in queue.content.decode()
    overview = reviewer.get(reverse("dashboard-round", args=[open_round.pk]) + "?scope=all").content.decode()
    assert "Not rated until submitted: 24 of 24 criteria answered (100%)" in overview
    assert "100.00" not in overview  # the draft's 100s appear nowhere, not even in the medians
    results = reviewer.get(reverse("assessment-results", args=[draft.pk])).content.decode()
    assert "Not rated yet" in results and "100.00" not in results and "Green" not in results


def test_dashboard_opens_on_the_latest_round_with_submissions(client_for, open_round):
    populate(open_round, 5, level=2)
    RoundFactory(framework=open_round.framework, name="Brand new round", state=RoundState.OPEN,
                 opens_on=open_round.opens_on + datetime.timedelta(days=1))  # newer, nothing submitted
    response = client_for("reviewer").get(reverse("dashboard-overview"))
    assert response.context["round"] == open_round


def test_changing_the_round_keeps_the_other_filters(client_for, open_round):
    populate(open_round, 5, level=2)
    page = client_for("reviewer").get(
        reverse("dashboard-round", args=[open_round.pk]) + "?kind=mca&region=North+West&scope=approved"
    ).content.decode()
    picker = page[page.index('id="round-picker"') - 400: page.index('id="round-picker"')]
    for name, value in (("kind", "mca"), ("region", "North West"), ("scope", "approved")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in picker


def test_public_page_says_how_many_authorities_its_medians_use(client, open_round, people):
    populate(open_round, 6, state=AssessmentState.APPROVED, level=3)
    open_round.published_at, open_round.published_by = timezone.now(), people["admin"]
    open_round.save()
    page = client.get(reverse("public-round", args=[open_round.pk])).content.decode()
    assert "The medians below use the 6 approved authorities with a readiness index" in page
    assert "Median of 6 approved authorities, with quartiles, by step" in page
    assert f"{Decimal('75.00')}" in page
