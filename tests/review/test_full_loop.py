"""The whole review loop through the pages: submit, return with notes, resubmit, approve, results."""
import pytest
from django.core import mail
from django.urls import reverse

from assessments.models import Answer, AssessmentEvent, AssessmentState, Moderation
from tests.helpers import step_post

pytestmark = pytest.mark.django_db


def test_submit_return_resubmit_approve_and_moderated_results(client, complete, people, django_capture_on_commit_callbacks):
    editor, reviewer = people["editor"], people["reviewer"]
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("assessment-submit", args=[complete.pk]), {"confirm": "on"}).status_code == 302
    to_reviewers = [m for m in mail.outbox if m.to != [editor.email]]
    assert sorted(m.to[0] for m in to_reviewers) == sorted([people["lead_reviewer"].email, reviewer.email])
    assert "has submitted" in to_reviewers[0].body
    assert [m.to for m in mail.outbox if m.to == [editor.email]] == [[editor.email]]  # the submitter's confirmation

    client.force_login(reviewer)
    page = client.get(reverse("review-assessment", args=[complete.pk])).content.decode()
    assert "Greater Manchester" in page and "Self-assessed index" in page
    response = client.post(
        reverse("review-moderate", args=[complete.pk, "1.1"]), {"level": "1", "reason": "The roadmap is still a draft."}
    )
    assert response.status_code == 302
    client.post(reverse("review-comment", args=[complete.pk]), {"criterion": "1.2", "body": "Link the signed deal."})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("review-return", args=[complete.pk]), {"message": "Please evidence 1.2."})
    assert response.status_code == 302
    returned = mail.outbox[-1]
    assert returned.to == [editor.email] and "returned" in returned.subject and "Please evidence 1.2." in returned.body
    complete.refresh_from_db()
    assert complete.state == AssessmentState.RETURNED

    # The official sees the notes per criterion, changes an answer and resubmits.
    client.force_login(editor)
    task_list = client.get(reverse("assessment-task-list", args=[complete.pk])).content.decode()
    assert "Returned for changes" in task_list and "Please evidence 1.2." in task_list
    step_page = client.get(reverse("assessment-step", args=[complete.pk, 1])).content.decode()
    assert "Link the signed deal." in step_page and "The roadmap is still a draft." in step_page
    step = complete.round.framework.steps.get(number=1)
    data = step_post(step, c1_2_level="3", c1_2_evidence="https://www.example.gov.uk/deal.pdf")
    assert client.post(reverse("assessment-step", args=[complete.pk, 1]), data).status_code == 302
    assert Answer.objects.get(assessment=complete, criterion__code="1.2").score == 3
    assert client.post(reverse("assessment-submit", args=[complete.pk]), {"confirm": "on"}).status_code == 302

    client.force_login(reviewer)
    # The page's justification for 1.1 differs from the one moderated, so the moderation must be confirmed first.
    assert client.post(reverse("review-approve", args=[complete.pk]), {"confirm": "on"}).status_code == 409
    client.post(reverse("review-moderation-confirm", args=[complete.pk, "1.1"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("review-approve", args=[complete.pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [editor.email] and "approved" in mail.outbox[-1].subject
    complete.refresh_from_db()
    assert complete.state == AssessmentState.APPROVED
    moves = list(AssessmentEvent.objects.filter(assessment=complete).values_list("from_state", "to_state"))
    assert moves == [
        ("draft", "submitted"), ("submitted", "in_review"), ("in_review", "returned"),
        ("returned", "submitted"), ("submitted", "approved"),
    ]
    assert Moderation.objects.get(assessment=complete).score == 1
    assert Answer.objects.get(assessment=complete, criterion__code="1.1").score == 2  # never overwritten

    # Step 1: own 2, 3, 2 -> 58.33; moderated 1, 3, 2 -> 50.00. Every other step: 50.00.
    client.force_login(editor)
    results = client.get(reverse("assessment-results", args=[complete.pk])).content.decode()
    assert "Self-assessed (0–100)" in results and "Moderated (0–100)" in results
    assert "58.33" in results and "The roadmap is still a draft." in results
    assert "Self-assessed: 51.04" in results  # (58.33 + 7 x 50) / 8
    assert ">50.00<" in results.replace(" ", "")
    # Approved means locked: the editor can no longer change answers.
    assert client.get(reverse("assessment-step", args=[complete.pk, 1])).status_code == 403


def test_return_without_a_message_shows_an_error_and_changes_nothing(client_for, submitted):
    response = client_for("reviewer").post(reverse("review-return", args=[submitted.pk]), {"message": ""})
    assert response.status_code == 400
    assert "Enter a message explaining what needs to change" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == AssessmentState.SUBMITTED


def test_moderation_rules(client_for, submitted):
    client = client_for("reviewer")
    no_reason = client.post(reverse("review-moderate", args=[submitted.pk, "1.1"]), {"level": "1", "reason": ""})
    assert no_reason.status_code == 400 and "Enter the reason for the moderated score" in no_reason.content.decode()
    na_not_allowed = client.post(reverse("review-moderate", args=[submitted.pk, "1.1"]), {"level": "na", "reason": "x"})
    assert na_not_allowed.status_code == 400
    na_allowed = client.post(reverse("review-moderate", args=[submitted.pk, "3.3"]), {"level": "na", "reason": "A LEP."})
    assert na_allowed.status_code == 302
    assert Moderation.objects.get(assessment=submitted).not_applicable is True


def test_cannot_moderate_an_approved_assessment(client_for, in_state):
    approved = in_state(AssessmentState.APPROVED)
    response = client_for("reviewer").post(
        reverse("review-moderate", args=[approved.pk, "1.1"]), {"level": "1", "reason": "Too late."}
    )
    assert response.status_code == 409
    assert "because this assessment is approved" in response.content.decode()
    assert not Moderation.objects.exists()


def test_removing_a_moderation_keeps_the_reason_in_history(client_for, submitted):
    client = client_for("reviewer")
    client.post(reverse("review-moderate", args=[submitted.pk, "1.1"]), {"level": "1", "reason": "Draft only."})
    response = client.post(reverse("review-moderation-remove", args=[submitted.pk, "1.1"]), {"reason": "Found the signed copy."})
    assert response.status_code == 302
    assert not Moderation.objects.exists()
    removal = Moderation.history.filter(history_type="-").get()
    assert removal.history_change_reason == "Found the signed copy."
    trail = client.get(reverse("review-activity", args=[submitted.pk]) + "?type=moderation").content.decode()
    assert "Moderated score for 1.1 removed" in trail and "Found the signed copy." in trail
