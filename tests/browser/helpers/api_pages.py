"""The API token pages on the person's account (issue 21), with their data."""
from django.urls import reverse
from playwright.sync_api import Page, expect

from api.services import token_create

from .page_types import PageType, Scene


def _create(page: Page) -> None:
    page.get_by_label("Name").fill("Quarterly R scripts")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_text("You will not be able to see it again")).to_be_visible()


def _create_without_a_name(page: Page) -> None:
    page.get_by_role("button", name="Create token").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


def _tokens(scene: Scene) -> str:
    token_create(user=scene.people["editor"], name="Power Query refresh", lifetime_days=365)
    return reverse("account-api-tokens")


def _revoke(scene: Scene) -> str:
    token = token_create(user=scene.people["editor"], name="Old laptop", lifetime_days=30).token
    return reverse("account-api-token-revoke", args=[token.pk])


API_PAGES = [
    PageType("API tokens", "editor", "API tokens", _tokens),
    PageType("API token created", "editor", "API tokens", _tokens, act=_create),
    PageType("API tokens with errors", "editor", "API tokens", _tokens, act=_create_without_a_name),
    PageType("revoke an API token", "editor", "Revoke the token “Old laptop”?", _revoke),
]
