"""Never lose what an official typed when the session ends; say why they were signed out."""
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.middleware import MARKER_COOKIE
from assessments.models import Answer, KeptStepInput
from assessments.services.kept_input import TOKEN_FIELD, owner_token
from tests.factories import UserFactory
from tests.helpers import step_post

pytestmark = pytest.mark.django_db

TYPED = "Half an hour of careful drafting about the growth plan."


def _expired_post(assessment, editor, *, token=None):
    """The step's POST arriving from a browser whose session has ended (an anonymous client)."""
    step = assessment.round.framework.steps.get(number=1)
    data = step_post(step, c1_1_justification=TYPED)
    data[TOKEN_FIELD] = token if token is not None else owner_token(user=editor, assessment=assessment, step=step)
    browser = Client()
    response = browser.post(reverse("assessment-step", args=[assessment.pk, 1]), data)
    return browser, response


def test_a_post_after_expiry_keeps_the_typed_text_for_its_author_after_sign_in(assessment, people):
    editor = people["editor"]
    browser, response = _expired_post(assessment, editor)
    step_url = reverse("assessment-step", args=[assessment.pk, 1])
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert f"next={step_url}" in response["Location"]
    assert not Answer.objects.filter(assessment=assessment).exists()  # kept, not saved

    browser.force_login(editor)
    page = browser.get(step_url).content.decode()
    assert TYPED in page
    assert "You were signed out before your changes to this step were saved" in page
    assert not Answer.objects.filter(assessment=assessment).exists()  # reading it back saves nothing

    # Saving the step saves the answers and forgets the kept copy.
    step = assessment.round.framework.steps.get(number=1)
    assert browser.post(step_url, step_post(step, c1_1_justification=TYPED)).status_code == 302
    assert Answer.objects.get(assessment=assessment, criterion__code="1.1").justification == TYPED
    assert not KeptStepInput.objects.exists()


def test_another_person_signing_in_on_the_same_browser_sees_nothing(assessment, people, authority):
    browser, _ = _expired_post(assessment, people["editor"])
    colleague = UserFactory(editor_of=authority)
    browser.force_login(colleague)
    page = browser.get(reverse("assessment-step", args=[assessment.pk, 1])).content.decode()
    assert TYPED not in page and "Unsaved changes" not in page


def test_a_forged_or_foreign_token_keeps_nothing(assessment, people, other_authority):
    _expired_post(assessment, people["editor"], token="not-a-signed-token")
    other_step = assessment.round.framework.steps.get(number=2)
    _expired_post(assessment, people["editor"], token=owner_token(user=people["editor"], assessment=assessment,
                                                                  step=other_step))  # signed for step 2
    assert not KeptStepInput.objects.exists()


def test_kept_input_is_gone_after_a_day(assessment, people):
    browser, _ = _expired_post(assessment, people["editor"])
    KeptStepInput.objects.update(kept_at=timezone.now() - timedelta(days=2), expires_at=timezone.now() - timedelta(hours=1))
    browser.force_login(people["editor"])
    assert TYPED not in browser.get(reverse("assessment-step", args=[assessment.pk, 1])).content.decode()


def test_kept_input_can_be_discarded(assessment, people):
    browser, _ = _expired_post(assessment, people["editor"])
    browser.force_login(people["editor"])
    url = reverse("assessment-step", args=[assessment.pk, 1])
    assert browser.post(url, {"action": "discard-kept"}).status_code == 302
    assert TYPED not in browser.get(url).content.decode()


def test_a_viewer_never_gets_kept_input_back(assessment, people):
    # Even with a genuine token for themselves, a viewer cannot open the step page at all.
    step = assessment.round.framework.steps.get(number=1)
    browser, _ = _expired_post(assessment, people["viewer"],
                               token=owner_token(user=people["viewer"], assessment=assessment, step=step))
    browser.force_login(people["viewer"])
    assert browser.get(reverse("assessment-step", args=[assessment.pk, 1])).status_code == 403


def test_sign_in_page_says_when_the_session_ran_out_and_not_after_signing_out(people):
    browser = Client()
    browser.force_login(people["editor"])
    browser.get(reverse("start"))
    assert browser.cookies[MARKER_COOKIE].value == "1"
    browser.cookies.pop("sessionid")  # the session cookie expires; the marker does not
    page = browser.get(reverse("login")).content.decode()
    assert "You were signed out because you were inactive for 30 minutes" in page
    assert "inactive" not in browser.get(reverse("login")).content.decode()  # said once

    browser.force_login(people["editor"])
    browser.get(reverse("start"))
    browser.post(reverse("logout"))
    assert "inactive" not in browser.get(reverse("login")).content.decode()


def test_stay_signed_in_is_a_post_that_extends_the_session(client, people):
    url = reverse("session-keep-alive")
    assert client.post(url).status_code == 401
    client.force_login(people["editor"])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 200 and response.json()["expires_in"] == 30 * 60


def test_pages_carry_the_timeout_warning_for_signed_in_people_only(client, people):
    assert "timeout-warning" not in client.get(reverse("login")).content.decode()
    client.force_login(people["editor"])
    page = client.get(reverse("start")).content.decode()
    assert 'id="timeout-warning"' in page and 'data-timeout-seconds="1800"' in page
    assert "session-timeout.mjs" in page and "<script>" not in page
