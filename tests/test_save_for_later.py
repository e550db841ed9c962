"""Half-finished answers: kept by "Save and come back later", never counted, listed until completed."""
import csv
import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments.models import Answer, AssessmentScore, AssessmentState
from tests.factories import answer_every_criterion
from tests.helpers import evidence_links, step_post

pytestmark = pytest.mark.django_db


def _half_finished(step):
    # 1.1: level 4 chosen, no justification or evidence yet; 1.2: a justification, no level; 1.3 complete.
    return step_post(
        step, action="later",
        c1_1_level="4", c1_1_justification="", c1_2_level="", c1_2_justification="Still gathering the figures.",
    )


def _save_half_finished(client, assessment):
    step = assessment.round.framework.steps.get(number=1)
    return client.post(reverse("assessment-step", args=[assessment.pk, 1]), _half_finished(step))


def test_come_back_later_keeps_half_finished_answers_as_in_progress(client_for, assessment):
    response = _save_half_finished(client_for("editor"), assessment)
    assert response.status_code == 302
    answers = {a.criterion.code: a for a in Answer.objects.filter(assessment=assessment).select_related("criterion")}
    assert answers["1.1"].in_progress and answers["1.1"].pending_score == 4 and answers["1.1"].score is None
    assert answers["1.2"].in_progress and answers["1.2"].justification == "Still gathering the figures."
    assert not answers["1.3"].in_progress and answers["1.3"].score == 2


def test_in_progress_answers_are_not_counted_anywhere(client_for, assessment):
    client = client_for("editor")
    _save_half_finished(client, assessment)
    summary = AssessmentScore.objects.get(assessment=assessment)
    # Only 1.3 (level 2) counts: a wrongly counted pending level 4 would make step 1 75, not 50.
    assert summary.answered == 1 and summary.step_1 == 50
    task_list = client.get(reverse("assessment-task-list", args=[assessment.pk])).content.decode()
    assert "1 of 24 criteria answered" in task_list and "2 in progress" in task_list
    results = client.get(reverse("assessment-results", args=[assessment.pk])).content.decode()
    assert "1 of 24" in results


def test_in_progress_answers_are_not_exported(client_for, assessment, people):
    from django.utils import timezone

    _save_half_finished(client_for("editor"), assessment)
    # Forced into a state exports include (the services would refuse to submit it half-finished).
    assessment.state, assessment.submitted_at, assessment.submitted_by = "submitted", timezone.now(), people["editor"]
    assessment.save()
    client = client_for("reviewer")
    response = client.get(reverse("dashboard-export-csv", args=[assessment.round.pk]))
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    lines = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    header = next(line for line in lines if line[:1] == ["Authority code"])  # after the metadata block
    column = {name: index for index, name in enumerate(header)}
    code = column["Criterion code"]
    rows = {row[code]: row for row in lines[lines.index(header) + 1:] if len(row) > code}
    own, effective, justification = column["Self-assessed level"], column["Effective level"], column["Justification"]
    assert rows["1.1"][own] == "" and rows["1.1"][effective] == ""  # the pending level 4 is nowhere
    assert rows["1.2"][justification] == ""  # nor the unfinished justification
    assert rows["1.3"][own] == "2"


def test_reopening_the_step_shows_what_was_typed(client_for, assessment):
    client = client_for("editor")
    _save_half_finished(client, assessment)
    page = client.get(reverse("assessment-step", args=[assessment.pk, 1])).content.decode()
    flat = " ".join(page.split())
    assert 'id="id_c1-1-level_5" value="4" checked="checked"' in flat
    assert "Still gathering the figures." in page
    assert "was saved before it was complete" in page


def test_check_answers_lists_in_progress_answers_as_needing_completion(client_for, assessment):
    client = client_for("editor")
    _save_half_finished(client, assessment)
    page = client.get(reverse("assessment-check", args=[assessment.pk])).content.decode()
    assert "In progress – needs completing" in page
    assert "finish the answer" in page
    assert f'href="{reverse("assessment-step", args=[assessment.pk, 1])}?from=check#c1-1"' in page


def test_save_and_continue_still_enforces_every_rule(client_for, assessment):
    step = assessment.round.framework.steps.get(number=1)
    data = _half_finished(step) | {"action": "continue"}
    response = client_for("editor").post(reverse("assessment-step", args=[assessment.pk, 1]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a justification for 1.1" in page and "Select a level for 1.2" in page
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_finishing_an_in_progress_answer_makes_it_count(client_for, assessment):
    client = client_for("editor")
    _save_half_finished(client, assessment)
    step = assessment.round.framework.steps.get(number=1)
    data = step_post(step, c1_1_level="4", c1_1_evidence="https://www.example.gov.uk/plan")
    assert client.post(reverse("assessment-step", args=[assessment.pk, 1]), data).status_code == 302
    answer = Answer.objects.get(assessment=assessment, criterion__code="1.1")
    assert answer.score == 4 and not answer.in_progress and answer.pending_score is None


def test_an_in_progress_answer_blocks_submission_even_if_every_other_is_answered(client_for, assessment):
    answer_every_criterion(assessment)
    client = client_for("editor")
    _save_half_finished(client, assessment)
    response = client.post(reverse("assessment-submit", args=[assessment.pk]), {"confirm": "on"})
    assert response.status_code == 400
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.DRAFT
    assert "1.1" in response.content.decode() and "finish the answer" in response.content.decode()


def test_evidence_starting_www_is_taken_as_https_and_the_page_says_so(client_for, assessment):
    step = assessment.round.framework.steps.get(number=1)
    client = client_for("editor")
    data = step_post(step, c1_1_level="3", c1_1_evidence="www.example.gov.uk/growth-plan")
    response = client.post(reverse("assessment-step", args=[assessment.pk, 1]), data, follow=True)
    assert evidence_links(Answer.objects.get(assessment=assessment, criterion__code="1.1")) == [
        "https://www.example.gov.uk/growth-plan"
    ]
    assert "We added https:// to the evidence link for 1.1" in response.content.decode()


def test_http_evidence_is_still_refused(client_for, assessment):
    step = assessment.round.framework.steps.get(number=1)
    data = step_post(step, c1_1_level="3", c1_1_evidence="http://www.example.gov.uk/growth-plan")
    response = client_for("editor").post(reverse("assessment-step", args=[assessment.pk, 1]), data)
    assert response.status_code == 400
    assert "must start with https://" in response.content.decode()


def test_change_from_check_answers_returns_there(client_for, assessment):
    step = assessment.round.framework.steps.get(number=1)
    client = client_for("editor")
    url = reverse("assessment-step", args=[assessment.pk, 1]) + "?from=check"
    page = client.get(url).content.decode()
    assert "Back to check your answers" in page
    response = client.post(url, step_post(step))
    assert response.status_code == 302 and response["Location"] == reverse("assessment-check", args=[assessment.pk])


@pytest.mark.parametrize(
    "values",
    [
        {"in_progress": True, "score": 2, "justification": "x"},  # in progress yet counted
        {"in_progress": False, "pending_score": 3},  # a pending level on a complete answer
        {"in_progress": False, "justification": "Text but no level"},  # incomplete but not marked so
        {"in_progress": False, "score": 3, "justification": "x"},  # complete level 3 without evidence
    ],
)
def test_database_refuses_answers_that_break_the_complete_or_in_progress_rules(assessment, values):
    criterion = assessment.round.framework.steps.get(number=1).criteria.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(assessment=assessment, criterion=criterion, **values)
