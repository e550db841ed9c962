"""The return-for-changes loop on both sides: changes requested, replies, what changed, stale moderations."""
import pytest
from django.urls import reverse

from assessments.models import AssessmentState, CommentReply, InternalNote, Moderation, ReviewComment
from assessments.services.submission import assessment_submit
from tests.factories import UserFactory
from tests.helpers import step_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(client, complete, people):
    """Submitted through the service, 1.1 moderated, a note on 1.2, then returned."""
    assessment_submit(assessment=complete, user=people["editor"])
    client.force_login(people["reviewer"])
    client.post(reverse("review-moderate", args=[complete.pk, "1.1"]), {"level": "1", "reason": "Roadmap still a draft."})
    client.post(reverse("review-comment", args=[complete.pk]), {"criterion": "1.2", "body": "Link the signed deal."})
    client.post(reverse("review-return", args=[complete.pk]), {"message": "Please evidence 1.2."})
    complete.refresh_from_db()
    assert complete.state == AssessmentState.RETURNED
    return complete


def _step_1(assessment, **overrides):
    """Step 1 as the official sees it, with overrides (all answers level 2 as in ``complete``)."""
    return step_post(assessment.round.framework.steps.get(number=1), **overrides)


def test_returned_steps_with_notes_show_changes_requested_until_acted_on(client, returned, people):
    client.force_login(people["editor"])
    task_list = client.get(reverse("assessment-task-list", args=[returned.pk])).content.decode()
    assert task_list.count("Changes requested") == 1  # step 1 only; the other steps stay Completed
    assert "2 reviewer notes to act on" in task_list
    step = client.get(reverse("assessment-step", args=[returned.pk, 1])).content.decode()
    assert "Link the signed deal." in step and "Roadmap still a draft." in step
    assert "Read the reviewer’s notes on 1.2" in step

    # Replying to the note on 1.2 and changing 1.1 both count as acting on them.
    comment = ReviewComment.objects.get(assessment=returned)
    reply_url = reverse("assessment-note-reply", args=[returned.pk, comment.pk])
    assert client.post(reply_url, {"body": ""}).status_code == 400
    assert client.post(reply_url, {"body": "The deal is signed; link added."}).status_code == 302
    client.post(reverse("assessment-step", args=[returned.pk, 1]), _step_1(returned, c1_1_level="1"))
    task_list = client.get(reverse("assessment-task-list", args=[returned.pk])).content.decode()
    assert "Changes requested" not in task_list


def test_resubmission_shows_what_changed_the_note_and_replies_to_the_reviewer(client, returned, people):
    client.force_login(people["editor"])
    comment = ReviewComment.objects.get(assessment=returned)
    client.post(reverse("assessment-note-reply", args=[returned.pk, comment.pk]), {"body": "Link added to 1.2."})
    client.post(
        reverse("assessment-step", args=[returned.pk, 1]),
        _step_1(returned, c1_2_level="3", c1_2_evidence="https://www.example.gov.uk/signed-deal"),
    )
    response = client.post(
        reverse("assessment-submit", args=[returned.pk]),
        {"confirm": "on", "note_to_reviewer": "We added the signed deal as evidence."},
    )
    assert response.status_code == 302
    assert f"LU-{returned.pk:05d}-2" in client.get(reverse("assessment-submitted", args=[returned.pk])).content.decode()

    client.force_login(people["reviewer"])
    page = client.get(reverse("review-assessment", args=[returned.pk])).content.decode()
    assert "What changed since the last submission" in page
    assert "3 answers changed" in page  # the page's justifications differ from the factory's for all three
    assert "Level 2" in page and "Level 3" in page and "https://www.example.gov.uk/signed-deal" in page
    assert "We added the signed deal as evidence." in page
    criterion_page = client.get(reverse("review-criterion", args=[returned.pk, "1.2"])).content.decode()
    assert "Reply from" in criterion_page and "Link added to 1.2." in criterion_page


def test_a_moderation_older_than_the_new_answer_blocks_approval_until_confirmed(client, returned, people):
    client.force_login(people["editor"])
    client.post(reverse("assessment-step", args=[returned.pk, 1]), _step_1(returned, c1_1_level="3",
                c1_1_evidence="https://www.example.gov.uk/final-roadmap"))
    assert client.post(reverse("assessment-submit", args=[returned.pk]), {"confirm": "on"}).status_code == 302

    client.force_login(people["reviewer"])
    page = client.get(reverse("review-assessment", args=[returned.pk])).content.decode()
    assert "Authority changed its answer after this moderation" in page
    response = client.post(reverse("review-approve", args=[returned.pk]), {"confirm": "on"})
    assert response.status_code == 409
    assert "1.1: the authority changed its answer after this moderation" in response.content.decode()
    returned.refresh_from_db()
    assert returned.state != AssessmentState.APPROVED

    assert client.post(reverse("review-moderation-confirm", args=[returned.pk, "1.1"])).status_code == 302
    assert "Authority changed its answer" not in client.get(reverse("review-assessment", args=[returned.pk])).content.decode()
    assert client.post(reverse("review-approve", args=[returned.pk]), {"confirm": "on"}).status_code == 302
    returned.refresh_from_db()
    assert returned.state == AssessmentState.APPROVED
    assert Moderation.objects.get(assessment=returned).score == 1  # confirmed, so it still counts


def test_removing_the_stale_moderation_also_unblocks_approval(client, returned, people):
    client.force_login(people["editor"])
    client.post(reverse("assessment-step", args=[returned.pk, 1]), _step_1(returned, c1_1_level="1"))
    client.post(reverse("assessment-submit", args=[returned.pk]), {"confirm": "on"})
    client.force_login(people["reviewer"])
    client.post(reverse("review-moderation-remove", args=[returned.pk, "1.1"]), {"reason": "They agreed: now level 1."})
    assert client.post(reverse("review-approve", args=[returned.pk]), {"confirm": "on"}).status_code == 302


def test_officials_cannot_reply_to_notes_of_other_assessments_or_when_not_returned(client, returned, people, submitted):
    comment = ReviewComment.objects.get(assessment=returned)
    client.force_login(people["other_official"])
    assert client.post(reverse("assessment-note-reply", args=[returned.pk, comment.pk]), {"body": "x"}).status_code == 404
    client.force_login(people["viewer"])
    assert client.post(reverse("assessment-note-reply", args=[returned.pk, comment.pk]), {"body": "x"}).status_code == 403
    assert not CommentReply.objects.exists()


def test_moderating_keeps_the_reviewer_at_the_criterion_with_previous_and_next(client, submitted, people):
    client.force_login(people["reviewer"])
    response = client.post(reverse("review-moderate", args=[submitted.pk, "2.2"]), {"level": "1", "reason": "Thin."})
    assert response["Location"] == reverse("review-criterion", args=[submitted.pk, "2.2"])
    page = client.get(response["Location"]).content.decode()
    assert "Previous criterion" in page and "2.1" in page and "Next criterion" in page and "2.3" in page
    assert "2 – Developing (the authority’s level)" in page


def test_starting_an_unassigned_review_makes_you_its_reviewer_and_you_can_assign_yourself(client, submitted, people):
    client.force_login(people["reviewer"])
    client.post(reverse("review-start", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert submitted.assigned_reviewer == people["reviewer"]

    submitted.assigned_reviewer = None
    submitted.save()
    other = UserFactory(central_role="reviewer")
    client.force_login(other)
    assert client.post(reverse("review-assign-self", args=[submitted.pk])).status_code == 302
    submitted.refresh_from_db()
    assert submitted.assigned_reviewer == other
    client.force_login(people["reviewer"])
    response = client.post(reverse("review-assign-self", args=[submitted.pk]), follow=True)
    assert f"assigned to {other}" in response.content.decode()  # not taken from a colleague


def test_approve_and_return_come_after_the_criteria(client, submitted, people):
    client.force_login(people["reviewer"])
    page = client.get(reverse("review-assessment", args=[submitted.pk])).content.decode()
    assert page.index("Step 8:") < page.index(reverse("review-approve", args=[submitted.pk]))
    assert page.index("Step 8:") < page.index(reverse("review-return", args=[submitted.pk]))


INTERNAL = "Internal: the chief executive called about this one."


@pytest.mark.parametrize("state", [AssessmentState.SUBMITTED, AssessmentState.RETURNED, AssessmentState.APPROVED])
def test_internal_notes_are_invisible_to_every_authority_role(client, in_state, people, state):
    assessment = in_state(AssessmentState.SUBMITTED)
    client.force_login(people["reviewer"])
    client.post(reverse("review-comment", args=[assessment.pk]), {"body": INTERNAL, "visibility": "internal"})
    client.post(
        reverse("review-comment", args=[assessment.pk]), {"criterion": "1.1", "body": INTERNAL, "visibility": "internal"}
    )
    assert InternalNote.objects.filter(assessment=assessment).count() == 2
    assert not ReviewComment.objects.filter(assessment=assessment).exists()
    assert INTERNAL in client.get(reverse("review-assessment", args=[assessment.pk])).content.decode()
    assert INTERNAL in client.get(reverse("review-criterion", args=[assessment.pk, "1.1"])).content.decode()
    assessment.state = state
    assessment.save()

    pages = [
        reverse(name, args=[assessment.pk])
        for name in ("assessment-task-list", "assessment-check", "assessment-results", "assessment-submitted",
                     "review-activity", "review-assessment", "dashboard-print")
    ] + [reverse("assessment-step", args=[assessment.pk, 1]), reverse("review-criterion", args=[assessment.pk, "1.1"])]
    for role in ("viewer", "editor", "other_official"):
        client.force_login(people[role])
        for url in pages:
            response = client.get(url, follow=True)
            assert INTERNAL not in response.content.decode(), (role, url)
