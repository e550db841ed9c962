"""Nothing a signed-in person is sent may be kept by a browser or proxy; sign-ins end after 12 hours."""
import time

import pytest
from django.test import Client
from django.urls import reverse

from assessments import middleware
from assessments.models import AssessmentState
from tests.factories import PASSWORD, AssessmentFactory, UserFactory, answer_every_criterion

pytestmark = pytest.mark.django_db


def assert_no_store(response):
    assert "no-store" in response.get("Cache-Control", ""), (response.status_code, response.get("Cache-Control"))
    assert "private" in response["Cache-Control"]


@pytest.fixture
def submitted(assessment):
    answer_every_criterion(assessment)
    AssessmentFactory._meta.model.objects.filter(pk=assessment.pk).update(
        state=AssessmentState.SUBMITTED, submitted_by=UserFactory(), submitted_at=assessment.created_at
    )
    return assessment


def test_pages_exports_and_files_to_a_signed_in_person_are_not_stored(client_for, submitted):
    reviewer = client_for("reviewer")
    round_pk = submitted.round_id
    responses = {
        "page": reviewer.get(reverse("review-assessment", args=[submitted.pk])),
        "csv (streamed)": reviewer.get(reverse("dashboard-export-csv", args=[round_pk])),
        "xlsx (file)": reviewer.get(reverse("dashboard-export-xlsx", args=[round_pk])),
        "redirect": reviewer.post(reverse("review-start", args=[submitted.pk])),
        "form error (400)": reviewer.post(reverse("review-comment", args=[submitted.pk]), {"body": ""}),
        "forbidden (403)": reviewer.get(reverse("manage-home")),
        "not found (404)": reviewer.get(reverse("review-assessment", args=[submitted.pk + 1000])),
        "method not allowed (405)": reviewer.post(reverse("review-queue")),
    }
    expected = {"page": 200, "csv (streamed)": 200, "xlsx (file)": 200, "redirect": 302, "form error (400)": 400,
                "forbidden (403)": 403, "not found (404)": 404, "method not allowed (405)": 405}
    assert {kind: r.status_code for kind, r in responses.items()} == expected
    for response in responses.values():
        assert_no_store(response)


def test_framework_file_export_is_not_stored(client_for, open_round):
    response = client_for("admin").get(reverse("manage-framework-export", args=[open_round.framework_id]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/yaml")
    assert_no_store(response)


def test_server_error_page_to_a_signed_in_person_is_not_stored(client_for, monkeypatch):
    from assessments.views import start

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(start, "render", broken)
    client = client_for("editor")
    client.raise_request_exception = False
    response = client.get(reverse("start"))
    assert response.status_code == 500
    assert_no_store(response)


def test_signing_out_and_signing_in_responses_are_not_stored(client, people):
    response = client.post(reverse("login"), {"username": people["editor"].email, "password": PASSWORD})
    assert response.status_code == 302
    assert_no_store(response)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert_no_store(response)


def test_public_pages_to_anonymous_visitors_may_be_cached():
    response = Client().get(reverse("public-rounds"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_sign_in_ends_twelve_hours_after_it_started_however_active(client, people, monkeypatch, settings):
    assert settings.SESSION_ABSOLUTE_AGE == 12 * 60 * 60
    now = time.time()
    monkeypatch.setattr(middleware.time, "time", lambda: now)
    client.post(reverse("login"), {"username": people["editor"].email, "password": PASSWORD})
    # Active every 20 minutes (inside the idle timeout) for almost 12 hours: still signed in.
    for minutes in range(0, 12 * 60, 20):
        monkeypatch.setattr(middleware.time, "time", lambda minutes=minutes: now + minutes * 60)
        assert client.get(reverse("start")).status_code == 200
    monkeypatch.setattr(middleware.time, "time", lambda: now + 12 * 60 * 60 + 1)
    # A page that needs a sign-in (signed out, "/" is the visitors' start page, not a redirect).
    response = client.get(reverse("dashboard-overview"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "You were signed out because you signed in more than 12 hours ago" in response.content.decode()
    assert "_auth_user_id" not in client.session
