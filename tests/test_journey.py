"""The official's journey: draft -> save -> validation errors -> check answers -> submit -> read-only."""
import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Answer, AssessmentState
from tests.builders import set_state
from tests.factories import UserFactory
from tests.helpers import evidence_links, step_post

pytestmark = pytest.mark.django_db


def test_start_page_shows_authority_round_and_deadline(client_for, assessment):
    response = client_for("editor").get(reverse("start"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Greater Manchester Combined Authority" in page
    assert "2026-27 readiness" in page
    assert "due in" in page
    closes = assessment.round.closes_on
    assert f"Due {closes.day} {closes:%B} {closes.year}" in page  # GOV.UK date style
    assert "0 of 24 criteria answered" in page


def test_start_page_marks_late_assessments_in_red(client_for, assessment):
    from datetime import timedelta

    from django.utils import timezone

    open_round = assessment.round
    open_round.opens_on = timezone.localdate() - timedelta(days=40)
    open_round.closes_on = timezone.localdate() - timedelta(days=3)
    open_round.save()
    page = client_for("editor").get(reverse("start")).content.decode()
    assert "govuk-tag--red" in page and "Late" in page and "3 days ago" in page


LATE_TAG = '<strong class="govuk-tag govuk-tag--red">Late</strong>'


def _deadline_passed(assessment, *, days_ago: int = 3):
    from datetime import timedelta

    from django.utils import timezone

    open_round = assessment.round
    open_round.opens_on = timezone.localdate() - timedelta(days=40)
    open_round.closes_on = timezone.localdate() - timedelta(days=days_ago)
    open_round.save()


@pytest.mark.parametrize("url_name", ["start", "assessment-task-list"])
def test_submitted_on_time_is_not_shown_late_after_the_deadline(client_for, assessment, url_name):
    """One definition of late (assessments.deadlines): a passed date alone is not late."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    _deadline_passed(assessment)
    on_time = timezone.make_aware(datetime.combine(assessment.round.closes_on - timedelta(days=1), time(12)))
    set_state(assessment, AssessmentState.SUBMITTED, submitted_at=on_time)
    args = [] if url_name == "start" else [assessment.pk]
    page = client_for("editor").get(reverse(url_name, args=args)).content.decode()
    closes = assessment.round.closes_on
    assert f"Was due {closes.day} {closes:%B} {closes.year}" in page
    assert LATE_TAG not in page


@pytest.mark.parametrize("url_name", ["start", "assessment-task-list"])
def test_unsubmitted_past_its_deadline_is_shown_late(client_for, assessment, url_name):
    _deadline_passed(assessment)
    args = [] if url_name == "start" else [assessment.pk]
    page = client_for("editor").get(reverse(url_name, args=args)).content.decode()
    assert LATE_TAG in page and "3 days ago" in page


@pytest.mark.parametrize("url_name", ["start", "assessment-task-list"])
def test_submitted_after_its_deadline_is_shown_late(client_for, assessment, url_name):
    from django.utils import timezone

    _deadline_passed(assessment)
    set_state(assessment, AssessmentState.SUBMITTED, submitted_at=timezone.now())
    args = [] if url_name == "start" else [assessment.pk]
    page = client_for("editor").get(reverse(url_name, args=args)).content.decode()
    assert LATE_TAG in page


def test_task_list_shows_each_step_status_and_progress(client_for, assessment):
    step1 = assessment.round.framework.steps.get(number=1)
    client = client_for("editor")
    client.post(reverse("assessment-step", args=[assessment.pk, 1]), step_post(step1))
    step2 = assessment.round.framework.steps.get(number=2)
    partial = step_post(step2, action="later", c2_2_level="", c2_2_justification="", c2_3_level="", c2_3_justification="")
    client.post(reverse("assessment-step", args=[assessment.pk, 2]), partial)

    page = client.get(reverse("assessment-task-list", args=[assessment.pk])).content.decode()
    assert "4 of 24 criteria answered" in page
    assert page.count("Not started") == 6
    assert page.count("In progress") == 1
    assert "Completed" in page


def test_save_and_continue_goes_to_next_step_and_stores_answers(client_for, assessment, people):
    step = assessment.round.framework.steps.get(number=1)
    response = client_for("editor").post(
        reverse("assessment-step", args=[assessment.pk, 1]),
        step_post(step, c1_1_level="4", c1_1_evidence="https://www.example.gov.uk/roadmap.pdf"),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment-step", args=[assessment.pk, 2])
    answer = Answer.objects.get(assessment=assessment, criterion__code="1.1")
    assert (answer.score, evidence_links(answer), answer.answered_by) == (
        4,
        ["https://www.example.gov.uk/roadmap.pdf"],
        people["editor"],
    )
    assert Answer.objects.filter(assessment=assessment).count() == 3


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"c1_2_justification": ""}, "Enter a justification for 1.2"),
        ({"c1_2_level": "3"}, "Add evidence for 1.2: a link, a document or an item from your library, because levels 3 and 4 need evidence"),
        ({"c1_2_evidence": "http://example.gov.uk/plan"}, "Evidence link for 1.2 must start with https://"),
        ({"c1_2_evidence": "https://not a url"}, "Enter a real web address for the evidence for 1.2"),
        ({"c1_2_justification": "x" * 2001}, "Justification for 1.2 must be 2,000 characters or fewer"),
        ({"c1_2_evidence": "https://example.gov.uk/" + "a" * 500}, "Evidence link for 1.2 must be 500 characters or fewer"),
        ({"c1_2_level": "7"}, "Select a level for 1.2 from the list"),
        ({"c1_2_level": "na"}, "Select a level for 1.2 from the list"),
        ({"c1_2_level": ""}, "Select a level for 1.2"),
    ],
)
def test_invalid_step_shows_error_summary_and_saves_nothing(client_for, assessment, overrides, message):
    step = assessment.round.framework.steps.get(number=1)
    response = client_for("editor").post(reverse("assessment-step", args=[assessment.pk, 1]), step_post(step, **overrides))
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and message in page
    assert page.count(message) == 2  # once in the summary, once by the field
    assert "<title>Error:" in page
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_error_summary_links_radios_to_their_first_input(client_for, assessment):
    step = assessment.round.framework.steps.get(number=1)
    response = client_for("editor").post(reverse("assessment-step", args=[assessment.pk, 1]), step_post(step, c1_1_level=""))
    page = response.content.decode()
    assert 'href="#id_c1-1-level_1"' in page
    assert 'id="id_c1-1-level_1"' in page


def test_not_applicable_only_where_allowed(client_for, assessment):
    step3 = assessment.round.framework.steps.get(number=3)
    response = client_for("editor").post(reverse("assessment-step", args=[assessment.pk, 3]), step_post(step3, c3_3_level="na"))
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment, criterion__code="3.3").not_applicable


def test_save_and_come_back_later_keeps_partial_answers(client_for, assessment):
    step = assessment.round.framework.steps.get(number=1)
    data = step_post(step, action="later", c1_2_level="", c1_2_justification="", c1_3_level="", c1_3_justification="")
    response = client_for("editor").post(reverse("assessment-step", args=[assessment.pk, 1]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment-task-list", args=[assessment.pk])
    assert Answer.objects.filter(assessment=assessment, score__isnull=False).count() == 1


def test_come_back_later_with_one_bad_answer_saves_nothing_from_the_step(client_for, assessment):
    step = assessment.round.framework.steps.get(number=1)
    data = step_post(step, action="later", c1_3_evidence="http://plain.example.gov.uk/plan")  # not https
    response = client_for("editor").post(reverse("assessment-step", args=[assessment.pk, 1]), data)
    assert response.status_code == 400
    assert not Answer.objects.filter(assessment=assessment).exists()


def _answer_everything(client, assessment):
    for step in assessment.round.framework.steps.all():
        response = client.post(reverse("assessment-step", args=[assessment.pk, step.number]), step_post(step))
        assert response.status_code == 302, response.content.decode()[:2000]


def test_full_journey_check_answers_submit_then_read_only(client_for, assessment, people):
    client = client_for("editor")
    _answer_everything(client, assessment)

    check = client.get(reverse("assessment-check", args=[assessment.pk])).content.decode()
    assert "Check your answers before submitting" in check
    assert check.count(">Change<") == 24
    assert "Accept and submit" in check

    refused = client.post(reverse("assessment-submit", args=[assessment.pk]), {})
    assert refused.status_code == 400
    assert "Confirm that the answers are accurate before you submit" in refused.content.decode()
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.DRAFT

    response = client.post(reverse("assessment-submit", args=[assessment.pk]), {"confirm": "on"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED
    assert assessment.submitted_by == people["editor"] and assessment.submitted_at is not None

    confirmation = client.get(response["Location"]).content.decode()
    assert "Assessment submitted" in confirmation and "govuk-panel--confirmation" in confirmation

    step = assessment.round.framework.steps.get(number=1)
    edit = client.post(reverse("assessment-step", args=[assessment.pk, 1]), step_post(step, c1_1_level="0"))
    assert edit.status_code == 403
    assert "submitted, so answers cannot be changed" in edit.content.decode()
    assert Answer.objects.get(assessment=assessment, criterion__code="1.1").score == 2
    check = client.get(reverse("assessment-check", args=[assessment.pk])).content.decode()
    assert ">Change<" not in check and "Accept and submit" not in check


def test_incomplete_assessment_cannot_be_submitted(client_for, assessment):
    client = client_for("editor")
    step = assessment.round.framework.steps.get(number=1)
    client.post(reverse("assessment-step", args=[assessment.pk, 1]), step_post(step))
    response = client.post(reverse("assessment-submit", args=[assessment.pk]), {"confirm": "on"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "You cannot submit until every criterion is answered" in page
    assert "2.1 " in page  # the missing criteria are listed
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.DRAFT


def test_closed_round_is_read_only(client_for, assessment):
    from datetime import timedelta

    from django.utils import timezone

    open_round = assessment.round
    open_round.opens_on = timezone.localdate() - timedelta(days=40)
    open_round.closes_on = timezone.localdate() - timedelta(days=1)
    open_round.save()
    client = client_for("editor")
    step = assessment.round.framework.steps.get(number=1)
    response = client.post(reverse("assessment-step", args=[assessment.pk, 1]), step_post(step))
    assert response.status_code == 403
    assert "The deadline was" in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_results_follow_the_scoring_rules(client_for, assessment):
    client = client_for("editor")
    step1 = assessment.round.framework.steps.get(number=1)
    client.post(
        reverse("assessment-step", args=[assessment.pk, 1]),
        step_post(step1, c1_1_level="4", c1_1_evidence="https://example.gov.uk/a", c1_2_level="0", c1_3_level="2"),
    )
    step3 = assessment.round.framework.steps.get(number=3)
    client.post(
        reverse("assessment-step", args=[assessment.pk, 3]),
        step_post(step3, action="later", c3_1_level="3", c3_1_evidence="https://example.gov.uk/b",
                  c3_2_level="", c3_2_justification="", c3_3_level="na"),
    )
    page = client.get(reverse("assessment-results", args=[assessment.pk])).content.decode()
    # A draft is never rated: its progress only (5 of 24 answered = 21%).
    assert "Not rated yet" in page and "50.00" not in page and "Amber" not in page
    assert "21%" in page and "5 of 24 criteria answered" in page
    set_state(assessment, AssessmentState.SUBMITTED)
    page = client.get(reverse("assessment-results", args=[assessment.pk])).content.decode()
    # Step 1: mean(4, 0, 2) x 25 = 50.00 (amber). Step 3: only 3.1 scored: 75.00 (green), N/A and
    # unanswered left out. Index: mean(50, 75) = 62.50 (amber).
    assert "50.00" in page and "75.00" in page and "62.50" in page
    assert "Amber" in page and "Green" in page
    assert "21%" in page and "5 of 24 criteria answered" in page


def test_second_tab_save_is_refused_and_shows_what_changed(client_for, assessment, people):
    """Two editors open step 1; the first saves; the second's save is refused, not silently applied."""
    first = client_for("editor")
    page = first.get(reverse("assessment-step", args=[assessment.pk, 1])).content.decode()
    as_of = re.search(r'name="as_of" value="([^"]*)"', page)
    token = as_of.group(1) if as_of else ""
    step = assessment.round.framework.steps.get(number=1)
    assert first.post(reverse("assessment-step", args=[assessment.pk, 1]), {**step_post(step), "as_of": token}).status_code == 302

    second = Client()
    colleague = UserFactory(editor_of=assessment.authority, full_name="Priya Shah")
    second.force_login(colleague)
    stale = {**step_post(step, c1_1_level="0", c1_1_justification="Nothing agreed yet."), "as_of": token}
    response = second.post(reverse("assessment-step", args=[assessment.pk, 1]), stale)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone saved this step after you opened it" in page
    assert "1.1 is now level 2, saved by" in page
    assert Answer.objects.get(assessment=assessment, criterion__code="1.1").score == 2

    # Having seen the changes, the colleague saves again from the refreshed form and it works.
    fresh_token = re.search(r'name="as_of" value="([^"]*)"', page).group(1)
    again = second.post(reverse("assessment-step", args=[assessment.pk, 1]), {**stale, "as_of": fresh_token})
    assert again.status_code == 302
    assert Answer.objects.get(assessment=assessment, criterion__code="1.1").score == 0


def test_confirmation_page_shows_reference_reviewer_and_date(client_for, assessment, people):
    client = client_for("editor")
    _answer_everything(client, assessment)
    assessment.assigned_reviewer = people["reviewer"]
    assessment.save()
    response = client.post(reverse("assessment-submit", args=[assessment.pk]), {"confirm": "on"}, follow=True)
    page = response.content.decode()
    assert f"LU-{assessment.pk:05d}-1" in page
    assert f"{people['reviewer']}, a central reviewer, will review your answers" in page
    assert "We aim to do this by" in page


def test_start_page_queries_do_not_grow_with_late_flags(client_for, assessment):
    """Each row's late flag comes from what the page already loaded (no query per row)."""
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import AssessmentFactory, AuthorityFactory

    client = client_for("reviewer")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("start")).status_code == 200
        return len(captured)

    _deadline_passed(assessment)
    one = queries()
    for n in range(3):
        extra = AssessmentFactory(authority=AuthorityFactory(), round=assessment.round)
        if n == 0:
            set_state(extra, AssessmentState.SUBMITTED)
        if n == 1:
            extra.deadline_override = assessment.round.closes_on + timedelta(days=10)
            extra.save()
    assert queries() == one
