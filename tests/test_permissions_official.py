"""Every URL of the official's journey x every role, with the status each must get.

Anonymous users are sent to sign in; an official of another authority gets 404 for
every URL of this one (no hint that it exists); viewers and central staff may read but
not write; only the authority's editors write.
"""
import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Answer, AssessmentState, Criterion
from tests.factories import AnswerFactory
from tests.helpers import step_post

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other_official", "viewer", "editor", "reviewer", "lead_reviewer", "admin"]
READ = {"anonymous": 302, "other_official": 404, "viewer": 200, "editor": 200, "reviewer": 200, "lead_reviewer": 200, "admin": 200}
WRITE_REFUSED = {"anonymous": 302, "other_official": 404, "viewer": 403, "reviewer": 403, "lead_reviewer": 403, "admin": 403}


def expectation(table: dict, role: str, editor_status: int) -> int:
    return table.get(role, editor_status)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", ["assessment-task-list", "assessment-check", "assessment-results"])
def test_read_pages(client_for, assessment, role, url_name):
    response = client_for(role).get(reverse(url_name, args=[assessment.pk]))
    assert response.status_code == READ[role]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    if role == "other_official":
        assert "Greater Manchester" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_submitted_confirmation_page(client_for, assessment, people, role):
    assessment.state = AssessmentState.SUBMITTED
    assessment.submitted_by = people["editor"]
    assessment.submitted_at = timezone.now()
    assessment.save()
    response = client_for(role).get(reverse("assessment-submitted", args=[assessment.pk]))
    assert response.status_code == READ[role]


@pytest.mark.parametrize("role", ROLES)
def test_step_page_get(client_for, assessment, role):
    response = client_for(role).get(reverse("assessment-step", args=[assessment.pk, 1]))
    assert response.status_code == expectation(WRITE_REFUSED, role, 200)


@pytest.mark.parametrize("role", ROLES)
def test_step_page_post(client_for, assessment, role):
    step = assessment.round.framework.steps.get(number=1)
    response = client_for(role).post(reverse("assessment-step", args=[assessment.pk, 1]), step_post(step))
    assert response.status_code == expectation(WRITE_REFUSED, role, 302)
    assert Answer.objects.filter(assessment=assessment).exists() == (role == "editor")


@pytest.mark.parametrize("role", ROLES)
def test_submit_post(client_for, assessment, role):
    for criterion in Criterion.objects.filter(step__framework=assessment.round.framework):
        AnswerFactory(assessment=assessment, criterion=criterion)
    response = client_for(role).post(reverse("assessment-submit", args=[assessment.pk]), {"confirm": "on"})
    assert response.status_code == expectation(WRITE_REFUSED, role, 302)
    assessment.refresh_from_db()
    assert (assessment.state == AssessmentState.SUBMITTED) == (role == "editor")


@pytest.mark.parametrize("role", ROLES)
def test_start_page(client_for, assessment, role):
    response = client_for(role).get(reverse("start"))
    assert response.status_code == 200  # signed out: the GOV.UK start page, not a redirect
    page = response.content.decode()
    shows_assessment = reverse("assessment-task-list", args=[assessment.pk]) in page
    assert shows_assessment == (role not in {"anonymous", "other_official"})


def test_unknown_assessment_is_404_for_everyone(client_for):
    assert client_for("admin").get(reverse("assessment-task-list", args=[999999])).status_code == 404


def test_unknown_step_is_404(client_for, assessment):
    assert client_for("editor").get(reverse("assessment-step", args=[assessment.pk, 9])).status_code == 404


def test_sign_in_by_email_and_bad_password_message(client, people):
    from tests.factories import PASSWORD

    editor = people["editor"]
    bad = client.post(reverse("login"), {"username": editor.email, "password": "wrong"})
    assert bad.status_code == 200
    assert "Enter a correct email address and password" in bad.content.decode()
    good = client.post(reverse("login"), {"username": editor.email.upper(), "password": PASSWORD})
    assert good.status_code == 302 and good["Location"] == reverse("start")


def test_over_long_email_is_refused_with_a_message(client):
    response = client.post(reverse("login"), {"username": "a" * 300 + "@example.gov.uk", "password": "x"})
    assert response.status_code == 200
    assert "Enter an email address of 254 characters or fewer" in response.content.decode()
