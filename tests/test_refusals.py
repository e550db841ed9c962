"""run_service: a refusal reaches the person the same way from every view."""
import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from assessments.services.errors import ActionRefused
from assessments.views.refusals import run_service


class NameForm(forms.Form):
    name = forms.CharField()


def refuse(**kwargs):
    raise ActionRefused("The round was not created.", details=["Enter a name", {"text": "Pick a framework", "href": "#id_framework"}])


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_service_that_agrees_returns_its_result():
    outcome = run_service(None, lambda *, value: value * 2, value=21)
    assert outcome.ok and outcome.result == 42 and outcome.details == [] and outcome.message == ""


def test_on_a_form_the_message_is_a_form_error_and_the_details_go_to_the_summary():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    outcome = run_service(form, refuse, error_field="name")
    assert not outcome.ok
    assert form.errors == {"name": ["The round was not created."]}
    assert outcome.details == ["Enter a name", {"text": "Pick a framework", "href": "#id_framework"}]


def test_without_a_form_the_message_and_details_are_one_error_message():
    request = _request()
    outcome = run_service(request, refuse, anything="ignored")
    assert not outcome.ok
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [
        ("error", "The round was not created. Enter a name Pick a framework")
    ]


def test_with_nobody_to_tell_the_view_gets_the_message():
    outcome = run_service(None, refuse)
    assert outcome.message == "The round was not created." and len(outcome.details) == 2


def test_other_errors_are_not_swallowed():
    def broken():
        raise ValueError("a bug")

    with pytest.raises(ValueError):
        run_service(None, broken)
