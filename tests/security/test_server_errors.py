"""Requests that once ended in a server error: each now gets a clear 4xx or a safe result.

Every test here failed with a 500 (or an exception) before its fix. Those marked
``both_databases`` also run on SQLite (see the Makefile's test target).
"""
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from assessments.models import Answer, AssessmentState, Framework
from assessments.services.framework_format import framework_export
from tests.factories import (
    AnswerFactory,
    AssessmentFactory,
    ReviewerFactory,
    RoundFactory,
    UserFactory,
    answer_every_criterion,
)
from tests.helpers import step_post

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def _step_url(assessment, number=1):
    return reverse("assessment-step", args=[assessment.pk, number])


def test_words_pasted_line_break_is_saved_as_a_newline(client_for, assessment):
    step = assessment.round.framework.steps.get(number=1)
    post = step_post(step, c1_1_justification="Agreed by the board.\x0bSigned off in May.\r\nPublished.")
    response = client_for("editor").post(_step_url(assessment), post)
    assert response.status_code == 302
    saved = Answer.objects.get(assessment=assessment, criterion__code="1.1").justification
    assert saved == "Agreed by the board.\nSigned off in May.\nPublished."


@pytest.mark.parametrize("character", ["\x01", "\x07", "\x00", "\x1b", "\x7f"])
def test_control_characters_are_refused_with_a_clear_error_and_nothing_is_saved(client_for, assessment, character):
    step = assessment.round.framework.steps.get(number=1)
    post = step_post(step, c1_2_justification=f"Agreed{character} by the board.")
    response = client_for("editor").post(_step_url(assessment), post)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Justification for 1.2 contains a hidden character that cannot be saved (character 7)" in page
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_review_comments_refuse_control_characters_too(client, assessment):
    answer_every_criterion(assessment)
    AssessmentFactory._meta.model.objects.filter(pk=assessment.pk).update(
        state=AssessmentState.SUBMITTED, submitted_by=UserFactory(), submitted_at=assessment.created_at
    )
    client.force_login(ReviewerFactory())
    response = client.post(reverse("review-comment", args=[assessment.pk]), {"body": "Please check\x07 1.1"})
    assert response.status_code == 400
    assert "contains a hidden character that cannot be saved" in response.content.decode()


def test_exports_drop_control_characters_already_stored(client, open_round):
    assessment = AssessmentFactory(
        round=open_round, state=AssessmentState.SUBMITTED, submitted_by=UserFactory(), submitted_at=timezone.now()
    )
    criterion = open_round.framework.steps.get(number=1).criteria.get(code="1.1")
    AnswerFactory(assessment=assessment, criterion=criterion, score=2, justification="=Bell\x07 tab\there\x0bnext\x01 line")
    client.force_login(ReviewerFactory())

    response = client.get(reverse("dashboard-export-xlsx", args=[open_round.pk]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    cells = [cell for row in workbook["Criteria"].iter_rows(values_only=True) for cell in row]
    assert "'=Bell tab\there\nnext line" in cells

    response = client.get(reverse("dashboard-export-csv", args=[open_round.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response.status_code == 200 and '"\'=Bell tab\there\nnext line"' in text


@pytest.mark.parametrize("as_of", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "2026-11-30T10:00:00"])
def test_a_hand_made_as_of_time_is_refused_as_out_of_date(client_for, assessment, as_of):
    step = assessment.round.framework.steps.get(number=1)
    response = client_for("editor").post(_step_url(assessment), {**step_post(step), "as_of": as_of})
    assert response.status_code == 409
    assert "The page was out of date" in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()


@pytest.mark.parametrize("value", ["²", "١", "99999999999999999999999999999", "-1", " 1"])
def test_round_in_the_query_string_that_is_not_an_id_is_ignored(client_for, authority, assessment, value):
    client = client_for("reviewer")
    assert client.get(reverse("dashboard-overview"), {"round": value}).status_code == 200
    assert client.get(reverse("dashboard-authority", args=[authority.pk]), {"round": value}).status_code == 200


def test_nul_in_a_criterion_code_is_not_found(client, assessment):
    answer_every_criterion(assessment)
    AssessmentFactory._meta.model.objects.filter(pk=assessment.pk).update(
        state=AssessmentState.SUBMITTED, submitted_by=UserFactory(), submitted_at=assessment.created_at
    )
    client.force_login(ReviewerFactory())
    assert client.get(reverse("review-criterion", args=[assessment.pk, "1.1\x00"])).status_code == 404
    assert client.get(reverse("review-criterion", args=[assessment.pk, "¹.¹"])).status_code == 404
    response = client.post(reverse("review-comment", args=[assessment.pk]), {"criterion": "1\x00", "body": "Check this"})
    assert response.status_code == 404


def test_a_thirty_digit_id_in_the_assignment_form_is_refused(client, people):
    client.force_login(people["lead_reviewer"])
    response = client.post(
        reverse("review-assign"),
        {"reviewer": people["reviewer"].pk, "assessments": ["1" * 30]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Select assessments from the list" in response.content.decode()


@pytest.fixture
def framework_file(db) -> str:
    framework = Framework.objects.get(pk=RoundFactory().framework_id)
    return framework_export(framework=framework).replace(framework.name, "Imported framework")


def _import(client, text: str):
    return client.post(reverse("manage-framework-import"), {"file": SimpleUploadedFile("f.yaml", text.encode())})


def test_framework_file_with_a_list_as_a_field_name_is_refused(client, people, framework_file):
    client.force_login(people["admin"])
    response = _import(client, "? [1, 2]\n: oops\n" + framework_file)
    assert response.status_code == 400
    assert "a field name must be a word or a number, not a list" in response.content.decode()


@pytest.mark.parametrize("digit", ["²", "３"])
def test_framework_file_with_a_non_ascii_level_number_is_refused(client, people, framework_file, digit):
    client.force_login(people["admin"])
    before = Framework.objects.count()
    text = re.sub(r"\n( +)2: ", lambda m: f'\n{m.group(1)}"{digit}": ', framework_file, count=1)
    assert text != framework_file
    response = _import(client, text)
    page = response.content.decode()
    assert response.status_code == 400
    assert f"level {digit} is not on the scale" in page
    assert Framework.objects.count() == before


def test_a_thirty_digit_day_in_a_date_is_refused(client, people):
    """Found by the hostile-request walk: Python's date() overflows instead of refusing it."""
    client.force_login(people["admin"])
    response = client.post(reverse("manage-round-new"), {
        "name": "2027-28 readiness", "opens_on_0": "9" * 30, "opens_on_1": "4", "opens_on_2": "2027",
    })
    assert response.status_code in {200, 400}
    assert "The opening date must be a real date" in response.content.decode()


def test_every_text_field_of_every_form_takes_free_text_through_the_one_rule():
    """A form added later with a plain CharField would let control characters through to exports."""
    import importlib
    import inspect
    import pkgutil

    from django import forms

    import assessments.forms
    from assessments.forms.fields import FreeTextField

    plain = []
    modules = [f"assessments.forms.{info.name}" for info in pkgutil.iter_modules(assessments.forms.__path__)]
    for module_name in [*modules, "feedback.forms", "second_factor.forms"]:
        module = importlib.import_module(module_name)
        for form_name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != module_name:
                continue
            for name, field in form.base_fields.items():
                hidden = isinstance(field.widget, (forms.HiddenInput, forms.PasswordInput))
                if type(field) is forms.CharField and not hidden:
                    plain.append(f"{form_name}.{name}")
    assert not plain, f"Use assessments.forms.fields.FreeTextField for: {plain}"
    assert not isinstance(FreeTextField().widget, forms.HiddenInput)


@pytest.mark.parametrize("next_page", ["Ö", "start", "logout", "//evil.example/", "https://evil.example/"])
def test_after_the_second_factor_only_a_path_on_this_site_is_followed(client_for, next_page):
    """Found by the hostile-request walk: a "next" that is not a path was taken as a view name."""
    response = client_for("reviewer").get(reverse("second-factor-verify"), {"next": next_page})
    assert response.status_code == 302 and response["Location"] == reverse("start")
