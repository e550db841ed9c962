"""Every review URL x every role, with the status each must get.

Anonymous users are sent to sign in; an official of another authority gets 404 for
anything about this authority's assessment; the authority's own officials get 403 on
reviewing pages but may read the activity trail; central staff review; only lead
reviewers and admins assign.
"""
import pytest
from django.urls import reverse

from assessments.models import AssessmentState, Moderation
from tests.factories import ModerationFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other_official", "viewer", "editor", "reviewer", "lead_reviewer", "admin"]
REVIEW_READ = {"anonymous": 302, "other_official": 404, "viewer": 403, "editor": 403, "reviewer": 200, "lead_reviewer": 200, "admin": 200}
REVIEW_WRITE = {**REVIEW_READ, "reviewer": 302, "lead_reviewer": 302, "admin": 302}
QUEUE = {"anonymous": 302, "other_official": 403, "viewer": 403, "editor": 403, "reviewer": 200, "lead_reviewer": 200, "admin": 200}
ASSIGN = {**QUEUE, "reviewer": 403, "lead_reviewer": 302, "admin": 302}
ACTIVITY = {"anonymous": 302, "other_official": 404, "viewer": 200, "editor": 200, "reviewer": 200, "lead_reviewer": 200, "admin": 200}


def check(response, expected, role):
    assert response.status_code == expected, (role, response.status_code)
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    if role == "other_official":
        assert "Greater Manchester" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_queue(client_for, submitted, role):
    check(client_for(role).get(reverse("review-queue")), QUEUE[role], role)


@pytest.mark.parametrize("role", ROLES)
def test_assign(client_for, submitted, people, role):
    response = client_for(role).post(
        reverse("review-assign"), {"assessments": [submitted.pk], "reviewer": people["reviewer"].pk}
    )
    check(response, ASSIGN[role], role)
    submitted.refresh_from_db()
    assert (submitted.assigned_reviewer == people["reviewer"]) == (ASSIGN[role] == 302 and role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["review-assessment", "review-return", "review-approve"])
def test_review_pages(client_for, submitted, role, name):
    check(client_for(role).get(reverse(name, args=[submitted.pk])), REVIEW_READ[role], role)


@pytest.mark.parametrize("role", ROLES)
def test_criterion_page(client_for, submitted, role):
    check(client_for(role).get(reverse("review-criterion", args=[submitted.pk, "1.1"])), REVIEW_READ[role], role)


@pytest.mark.parametrize("role", ROLES)
def test_moderate(client_for, submitted, role):
    url = reverse("review-moderate", args=[submitted.pk, "1.1"])
    check(client_for(role).post(url, {"level": "1", "reason": "No evidence of agreement."}), REVIEW_WRITE[role], role)
    assert Moderation.objects.filter(assessment=submitted).exists() == (REVIEW_WRITE[role] == 302 and role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_remove_moderation(client_for, submitted, people, role):
    criterion = submitted.round.framework.steps.get(number=1).criteria.get(position=1)
    ModerationFactory(assessment=submitted, criterion=criterion, moderated_by=people["reviewer"])
    url = reverse("review-moderation-remove", args=[submitted.pk, "1.1"])
    check(client_for(role).get(url), REVIEW_READ[role], role)
    check(client_for(role).post(url, {"reason": "Evidence found after all."}), REVIEW_WRITE[role], role)
    assert Moderation.objects.filter(assessment=submitted).exists() == (REVIEW_WRITE[role] != 302 or role == "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_comment(client_for, submitted, role):
    response = client_for(role).post(reverse("review-comment", args=[submitted.pk]), {"body": "Looks thorough."})
    check(response, REVIEW_WRITE[role], role)
    assert submitted.comments.exists() == (REVIEW_WRITE[role] == 302 and role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_start_review(client_for, submitted, role):
    check(client_for(role).post(reverse("review-start", args=[submitted.pk])), REVIEW_WRITE[role], role)
    submitted.refresh_from_db()
    assert (submitted.state == AssessmentState.IN_REVIEW) == (REVIEW_WRITE[role] == 302 and role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_return(client_for, submitted, role):
    response = client_for(role).post(reverse("review-return", args=[submitted.pk]), {"message": "Add evidence."})
    check(response, REVIEW_WRITE[role], role)
    submitted.refresh_from_db()
    assert (submitted.state == AssessmentState.RETURNED) == (REVIEW_WRITE[role] == 302 and role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_approve(client_for, submitted, role):
    response = client_for(role).post(reverse("review-approve", args=[submitted.pk]), {"confirm": "on"})
    check(response, REVIEW_WRITE[role], role)
    submitted.refresh_from_db()
    assert (submitted.state == AssessmentState.APPROVED) == (REVIEW_WRITE[role] == 302 and role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_activity(client_for, submitted, role):
    check(client_for(role).get(reverse("review-activity", args=[submitted.pk])), ACTIVITY[role], role)


def test_unknown_assessment_and_criterion_are_404(client_for, submitted):
    client = client_for("reviewer")
    assert client.get(reverse("review-assessment", args=[999999])).status_code == 404
    assert client.get(reverse("review-criterion", args=[submitted.pk, "9.9"])).status_code == 404
