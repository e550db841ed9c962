"""Sessions end when they should, and a failure half-way through a write leaves nothing behind."""
import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Answer
from tests.factories import PASSWORD
from tests.helpers import step_post

pytestmark = pytest.mark.django_db


def test_sessions_expire_after_thirty_minutes_of_inactivity(client, people):
    client.post(reverse("login"), {"username": people["editor"].email, "password": PASSWORD})
    assert client.get(reverse("start")).status_code == 200
    assert 0 < client.session.get_expiry_age() <= 30 * 60
    assert client.session.get_expire_at_browser_close() is False


def test_password_change_signs_out_every_other_session(people):
    editor = people["editor"]
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        device.post(reverse("login"), {"username": editor.email, "password": PASSWORD})
        assert device.get(reverse("start")).status_code == 200

    editor.set_password("a-brand-new-long-passphrase")
    editor.save()

    response = phone.get(reverse("start"))
    assert not response.wsgi_request.user.is_authenticated  # signed out: the start page for visitors
    assert "Before you start" in response.content.decode()


def test_crash_half_way_through_saving_a_step_saves_nothing(client_for, assessment, monkeypatch):
    real_save = Answer.save
    calls = {"n": 0}

    def save_then_crash(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Answer, "save", save_then_crash)
    step = assessment.round.framework.steps.get(number=1)
    client = client_for("editor")
    client.raise_request_exception = False
    response = client.post(reverse("assessment-step", args=[assessment.pk, 1]), step_post(step))
    assert response.status_code == 500
    assert calls["n"] == 2
    assert not Answer.objects.filter(assessment=assessment).exists()
