"""Signing in and out: through the real pages, or with a session cookie when the page under
test is not about signing in."""
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

from second_factor.policy import second_factor_in_use
from tests.factories import PASSWORD
from tests.second_factor import enrol, totp_code


def sign_in(page: Page, user, password: str = PASSWORD) -> None:
    """Sign in through the sign-in page with the pointer, as most people do.

    Central staff (and officials who opted in) then give the code their authenticator app
    would show; one is set up for them first if they have none.
    """
    device = enrol(user) if second_factor_in_use(user=user) else None
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
        page.get_by_label("Enter the code from your authenticator app").fill(totp_code(device))
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()


def open_as(context: BrowserContext, base_url: str, user) -> None:
    """Give the browser a signed-in session for ``user`` without visiting the sign-in page."""
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    host = urlsplit(base_url).hostname
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "domain": host, "path": "/"}])
