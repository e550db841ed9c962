"""The cookies page lists exactly the cookies a real browser session receives, with the
expiry the browser is actually given."""
import re
import time
from http.cookies import SimpleCookie

from django.urls import reverse
from playwright.sync_api import Page, expect

from .helpers import pointer
from .helpers.session import sign_in, sign_out

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400, "year": 365 * 86400}


def _stated_seconds(expires: str) -> int | None:
    """ "30 minutes after your last action" -> 1800; None for a cookie that lasts until it is used or the browser closes."""
    match = re.match(r"([\d,]+) (second|minute|hour|day|week|year)s?\b", expires)
    return int(match[1].replace(",", "")) * UNITS[match[2]] if match else None


def test_the_cookies_page_lists_every_cookie_a_session_receives_with_its_real_expiry(
    page: Page, context, base_url, assessment, people
):
    received: dict[str, SimpleCookie] = {}

    def collect(response):
        for header in response.headers_array():
            if header["name"].lower() == "set-cookie":
                cookie = SimpleCookie()
                cookie.load(header["value"])
                for name, morsel in cookie.items():
                    if morsel.value:  # not a deletion
                        received[name] = morsel

    page.on("response", collect)
    # Signed out: the start page, help, the feedback form; then signed in: save a step
    # (a "saved" message), the dashboards, and sign out.
    for path in ("/", reverse("help"), reverse("feedback")):
        page.goto(path)
    sign_in(page, people["editor"])
    page.goto(reverse("assessment-step", args=[assessment.pk, 1]))
    pointer.save_and_come_back_later(page)
    expect(page.get_by_text("Step 1 saved.")).to_be_visible()
    page.goto(reverse("dashboard-overview"))
    jar = {cookie["name"]: cookie for cookie in context.cookies()}
    now = time.time()
    sign_out(page)

    page.goto(reverse("cookies"))
    rows = page.locator("#cookie-list tbody tr")
    listed = {}
    for index in range(rows.count()):
        row = rows.nth(index)
        name = row.locator("th").inner_text().strip()
        listed[name] = row.locator("td").nth(1).inner_text().strip().removeprefix("Expires:").strip()

    assert set(received) == set(listed), f"set by the service: {sorted(received)}; on the cookies page: {sorted(listed)}"
    for name, stated in listed.items():
        seconds = _stated_seconds(stated)
        if seconds is None:  # lasts until used or the browser closes: a session cookie
            assert not received[name]["max-age"] and not received[name]["expires"], name
        else:
            assert abs(jar[name]["expires"] - now - seconds) < 120, f"{name}: page says {stated}"
