"""The official's page types (journeys 1 and 4), with the data each needs."""
import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from . import data, pointer
from .answers import planned_for_step
from .page_types import PageType, Scene


def _path(name: str, scene: Scene, *args) -> str:
    return reverse(name, args=[scene.assessment.pk, *args])


def _answer(scene: Scene, count: int | None = None) -> None:
    """The plan's answers for the first ``count`` criteria (all by default), by the editor."""
    data.answer_as_planned(scene.assessment, scene.people["editor"], count)


def _submitted(scene: Scene) -> None:
    data.submitted(scene.assessment, scene.people["editor"])


def _partly_answered(scene: Scene) -> None:
    _answer(scene, count=5)


def _start(scene: Scene) -> str:
    _partly_answered(scene)
    return reverse("start")


def _task_list(scene: Scene) -> str:
    _partly_answered(scene)
    return _path("assessment-task-list", scene)


def _step(number: int):
    def arrange(scene: Scene) -> str:
        _partly_answered(scene)
        return _path("assessment-step", scene, number)

    return arrange


def _check_answers(scene: Scene) -> str:
    _answer(scene)
    return _path("assessment-check", scene)


def _submitted_page(name: str, *args):
    def arrange(scene: Scene) -> str:
        _submitted(scene)
        return _path(name, scene, *args)

    return arrange


def _wrong_password(page: Page) -> None:
    page.get_by_label("Email address").fill("nobody@example.gov.uk")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def _level_3_without_evidence(page: Page) -> None:
    planned = planned_for_step(2)[0]
    pointer.criterion_group(page, planned.code).get_by_label("3 – Established", exact=True).check()
    page.get_by_label(f"Justification for {planned.code}").fill(planned.justification)
    pointer.save_and_continue(page)
    expect(page.locator(".govuk-error-summary")).to_be_focused()


def _save_for_later(page: Page) -> None:
    pointer.answer(page, planned_for_step(2)[0])
    pointer.save_and_come_back_later(page)
    expect(page.get_by_text("Step 2 saved.")).to_be_visible()


def _submit_without_declaration(page: Page) -> None:
    page.get_by_role("button", name="Accept and submit").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


STEP_HEADING = re.compile(r"^Step 2: ")

OFFICIAL_PAGES = [
    PageType("sign-in", None, "Sign in", lambda scene: reverse("login")),
    PageType("sign-in with errors", None, "Sign in", lambda scene: reverse("login"), act=_wrong_password),
    PageType("start", "editor", "Your assessments", _start),
    PageType("task list", "editor", "Readiness assessment", _task_list),
    PageType("task list after saving for later", "editor", "Readiness assessment", _step(2), act=_save_for_later),
    PageType("step", "editor", STEP_HEADING, _step(2)),
    PageType("step with errors", "editor", STEP_HEADING, _step(2), act=_level_3_without_evidence),
    PageType("check answers", "editor", "Check your answers before submitting", _check_answers),
    PageType(
        "check answers with errors", "editor", "Check your answers before submitting", _check_answers,
        act=_submit_without_declaration,
    ),
    PageType("confirmation", "editor", "Assessment submitted", _submitted_page("assessment-submitted")),
    PageType("answers, read-only", "editor", "Answers", _submitted_page("assessment-check")),
    PageType("results", "editor", "Results", _submitted_page("assessment-results")),
    PageType(
        "403, cannot change a submitted assessment", "editor", "You cannot do this",
        _submitted_page("assessment-step", 1), status=403,
    ),
]


def _step_with_government_record(scene: Scene) -> str:
    """Step 1 of an authority with a recorded tier and settlement: the record sits above the form."""
    import datetime

    from assessments.models import TierPeriod

    authority = scene.assessment.authority
    TierPeriod.objects.create(authority=authority, tier="established_mayoral", starts_on=datetime.date(2025, 4, 1),
                              since="2025-04-01", source="gov.uk Integrated Settlement policy document, 11 June 2025")
    type(authority).objects.filter(pk=authority.pk).update(
        mayoral=True, first_mayoral_election="2017-05-04", integrated_settlement_from="2025-26",
        devolution_source="gov.uk collection Integrated settlements for Mayoral Combined Authorities",
    )
    return _step(1)(scene)


OFFICIAL_PAGES += [
    PageType("step with government records", "editor", re.compile(r"^Step 1: "), _step_with_government_record),
]
