"""Second-factor pages for the axe and layout tests: setting it up, entering a code, recovery codes."""
from base64 import b32decode

from django.urls import reverse
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, ReviewerFactory
from tests.second_factor import enrol

from .page_types import PageType, Scene

_signing_in: dict[str, str] = {}


def _reviewer_with_an_app(scene: Scene) -> str:
    reviewer = ReviewerFactory()
    enrol(reviewer)
    _signing_in["email"] = reviewer.email
    return reverse("login")


def _sign_in_with_password(page: Page) -> None:
    page.get_by_label("Email address").fill(_signing_in["email"])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()


def _wrong_code(page: Page) -> None:
    _sign_in_with_password(page)
    page.get_by_label("Enter the code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


def _wrong_setup_code(page: Page) -> None:
    page.get_by_label("Enter the 6-digit code the app shows").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


def _set_up(page: Page) -> None:
    secret = page.locator("#secret").inner_text().replace(" ", "")
    code = f"{TOTP(b32decode(secret)).token():06d}"
    page.get_by_label("Enter the 6-digit code the app shows").fill(code)
    page.get_by_role("button", name="Continue").click()


def _path(name: str):
    return lambda scene: reverse(name)


SECOND_FACTOR_PAGES = [
    PageType("sign-in security", "editor", "Sign-in security", _path("second-factor-account")),
    PageType("second factor: set up", "editor", "Set up an authenticator app", _path("second-factor-setup")),
    PageType(
        "second factor: set up with errors", "editor", "Set up an authenticator app", _path("second-factor-setup"),
        act=_wrong_setup_code,
    ),
    PageType(
        "second factor: recovery codes", "editor", "Save your recovery codes", _path("second-factor-setup"), act=_set_up,
    ),
    PageType("second factor: enter code", None, "Enter your security code", _reviewer_with_an_app, act=_sign_in_with_password),
    PageType(
        "second factor: enter code with errors", None, "Enter your security code", _reviewer_with_an_app, act=_wrong_code,
    ),
]
