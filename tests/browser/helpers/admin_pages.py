"""The admin's pages, the invitee's and the public results (journey 3), with their data."""
from django.urls import reverse
from playwright.sync_api import Page, expect

from . import data
from .page_types import PageType, Scene


def _invite_without_anything(page: Page) -> None:
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


def _accept(scene: Scene) -> str:
    return data.invitation_link(
        email="priya.shah@example.gov.uk", authority=scene.assessment.authority, admin=scene.people["admin"]
    )


def _published(name: str):
    def arrange(scene: Scene) -> str:
        data.published(scene.assessment, scene.people)
        return reverse(name, args=[scene.assessment.round_id] if name == "public-round" else [])

    return arrange


ADMIN_PAGES = [
    PageType("manage home", "admin", "Manage the service", lambda scene: reverse("manage-home")),
    PageType(
        "invite with errors", "admin", "Invite someone", lambda scene: reverse("manage-invite"),
        act=_invite_without_anything,
    ),
    PageType("accept an invitation", None, "Set up your account", _accept),
    PageType("published rounds", None, "Published readiness results", _published("public-rounds")),
    PageType("published round", None, "2026-27 readiness: readiness results", _published("public-round")),
]
