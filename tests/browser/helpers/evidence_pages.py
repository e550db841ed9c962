"""The evidence library's page types (issue 18), for the axe and reflow checks."""
import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.evidence.factories import cited_in_a_submission, document_item, link_item

from . import data
from .page_types import PageType, Scene

LONG_LINK = "https://www.example.gov.uk/" + "combined-authority-board-papers/" * 4 + "growth-plan-2026.pdf"


def _library(scene: Scene):
    """A document (two versions) and a long link, the document cited by a submission."""
    editor = scene.people["editor"]
    document = document_item(authority=scene.assessment.authority, user=editor, title="Local growth plan 2026 to 2030")
    link_item(authority=scene.assessment.authority, user=editor, url=LONG_LINK, title=LONG_LINK)
    return document


def _library_page(scene: Scene) -> str:
    _library(scene)
    return reverse("evidence-library", args=[scene.assessment.authority.pk])


def _item_page(name: str):
    def arrange(scene: Scene) -> str:
        document = _library(scene)
        data.answer_as_planned(scene.assessment, scene.people["editor"], 3)
        cited_in_a_submission(assessment=scene.assessment, item=document, user=scene.people["editor"])
        return reverse(name, args=[document.pk])

    return arrange


def _add_page(scene: Scene) -> str:
    return reverse("evidence-add", args=[scene.assessment.authority.pk])


def _step_with_library(scene: Scene) -> str:
    document = _library(scene)
    data.answer_as_planned(scene.assessment, scene.people["editor"], 3)
    cited_in_a_submission(assessment=scene.assessment, item=document, user=scene.people["editor"])
    return reverse("assessment-step", args=[scene.assessment.pk, 1])


def _submit_empty(page: Page) -> None:
    page.get_by_role("button", name="Add to the library").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


EVIDENCE_PAGES = [
    PageType("evidence library", "editor", "Evidence library", _library_page),
    PageType("evidence library (viewer)", "viewer", "Evidence library", _library_page),
    PageType("add evidence", "editor", "Add evidence", _add_page),
    PageType("add evidence with errors", "editor", "Add evidence", _add_page, act=_submit_empty),
    PageType("evidence item", "editor", "Local growth plan 2026 to 2030", _item_page("evidence-item")),
    PageType("change evidence title", "editor", "Change the title or description", _item_page("evidence-edit")),
    PageType("replace evidence", "editor", "Replace with a new version", _item_page("evidence-replace")),
    PageType("delete or retire evidence", "editor", "Delete or retire this evidence", _item_page("evidence-remove")),
    PageType("step with evidence from the library", "editor", re.compile(r"^Step 1: "), _step_with_library),
]
