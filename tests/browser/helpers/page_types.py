"""Every kind of page the journeys reach, in the state to check it, for the axe and layout tests.

A ``PageType`` says who looks at the page, how to build the data for it, where it is and,
for error states, what to do on the page to reach them. The areas' lists (the official's
pages in ``official_pages``; review, dashboards, administration and public pages later)
are joined in ``catalogue.ALL_PAGE_TYPES``, which tests/browser/test_accessibility.py
and test_responsive.py run over.
"""
import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import BrowserContext, Page, expect

from .session import open_as


@dataclass
class Scene:
    """What a page type can build on: the editor's draft assessment (real framework) and
    every kind of person (the ``people`` fixture of tests/conftest.py)."""

    assessment: object
    people: dict


@dataclass(frozen=True)
class PageType:
    name: str
    viewer: str | None  # a key of ``people``; None for signed out
    heading: str | re.Pattern  # the page's h1, to prove the right page is on screen
    arrange: Callable[[Scene], str]  # builds the data; returns the path to open
    act: Callable[[Page], None] | None = None  # reaches the state to check (e.g. a failed submit)
    status: int = 200  # of the first response

    def __str__(self) -> str:
        return self.name


def visit(page: Page, context: BrowserContext, base_url: str, scene: Scene, page_type: PageType) -> None:
    """Open the page as its viewer, in the state to check, and make sure it is the right one."""
    path = page_type.arrange(scene)
    open_as(context, base_url, scene.people[page_type.viewer] if page_type.viewer else None)
    response = page.goto(path)
    assert response.status == page_type.status, f"{page_type}: {path} answered {response.status}"
    if page_type.act:
        page_type.act(page)
    expect(page.get_by_role("heading", level=1, name=page_type.heading)).to_be_visible()
    # GOV.UK Frontend's script has started (it marks the body), so the page is as people see it.
    expect(page.locator("body.govuk-frontend-supported")).to_be_attached()
    page.wait_for_load_state("load")
