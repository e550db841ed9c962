"""The reviewer's page types (journey 2), with the data each needs."""
import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from . import data
from .page_types import PageType, Scene


def _submitted(name: str, *args):
    def arrange(scene: Scene) -> str:
        data.submitted(scene.assessment, scene.people["editor"])
        return reverse(name, args=[scene.assessment.pk, *args])

    return arrange


def _queue(scene: Scene) -> str:
    data.submitted(scene.assessment, scene.people["editor"])
    return reverse("review-queue") + "?state=submitted&q=Manchester"


def _under_review(scene: Scene) -> str:
    """Moderated and commented on, so the page shows both kinds of note."""
    data.submitted(scene.assessment, scene.people["editor"])
    data.moderated(scene.assessment, scene.people["reviewer"])
    data.commented(scene.assessment, scene.people["reviewer"])
    return reverse("review-assessment", args=[scene.assessment.pk])


def _activity(scene: Scene) -> str:
    """Submitted, moderated, commented on and returned: every kind of entry."""
    data.submitted(scene.assessment, scene.people["editor"])
    data.returned(scene.assessment, scene.people["reviewer"])
    return reverse("review-activity", args=[scene.assessment.pk])


def _moderate_without_level_or_reason(page: Page) -> None:
    page.get_by_role("button", name="Save moderated score").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


def _return_without_message(page: Page) -> None:
    page.get_by_role("button", name="Return for changes").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


REVIEW_PAGES = [
    PageType("review queue, filtered", "reviewer", re.compile(r"^Review queue"), _queue),
    PageType("review page", "reviewer", "Review", _under_review),
    PageType(
        "moderation with errors", "reviewer", re.compile(r"^1\.1 "), _submitted("review-criterion", "1.1"),
        act=_moderate_without_level_or_reason,
    ),
    PageType(
        "return for changes with errors", "reviewer", "Return for changes", _submitted("review-return"),
        act=_return_without_message,
    ),
    PageType("activity trail", "reviewer", "Activity", _activity),
]
