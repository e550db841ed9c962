"""Answering step pages with the pointer (Playwright's click and fill), found by label as a
person finds them."""
import re

from playwright.sync_api import Page

from .answers import PlannedAnswer


def criterion_group(page: Page, code: str):
    """The fieldset of a criterion's levels: its legend starts with the code."""
    return page.get_by_role("group", name=re.compile(rf"^{re.escape(code)} "))


def answer(page: Page, planned: PlannedAnswer, *, evidence: bool = True) -> None:
    criterion_group(page, planned.code).get_by_label(planned.choice_label, exact=True).check()
    page.get_by_label(f"Justification for {planned.code}").fill(planned.justification)
    page.get_by_label(f"Evidence link for {planned.code}").fill(planned.evidence if evidence else "")


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def save_and_come_back_later(page: Page) -> None:
    page.get_by_role("button", name="Save and come back later").click()
