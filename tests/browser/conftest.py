"""Fixtures for the browser tests: the system chromium, a live server, and the people and data.

The data fixtures build on tests/conftest.py: ``authority``, ``assessment`` and ``people``
(an editor, a viewer, reviewers and an admin, all with the password ``PASSWORD``) come
from there; here ``open_round`` is overridden to use the real framework file, so every
browser test sees the real eight steps and 24 criteria. Later journeys (review,
administration, public pages) can sign anyone in from ``people`` with ``sign_in`` (through
the real page) or ``open_as`` (a session cookie, for pages that are not about signing in).
"""
import copy
import os
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from assessments.services.framework_import import framework_import, framework_parse
from tests.factories import RoundFactory

from .helpers.page_types import Scene
from .helpers.problems import BrowserProblems

# Playwright's sync API keeps an asyncio loop "running" in the main thread for the whole
# session (the browser is session-scoped), so Django's async-safety check would refuse
# every database query made by test code, in these tests and any that run after them.
# Nothing in this project runs async, so turning the check off in tests is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FRAMEWORK_FILE = Path(settings.BASE_DIR) / "fixtures" / "framework" / "lipsit-2020-v1.yaml"
CHROMIUM_ARGS = [
    # This machine's network is closed: stop chromium phoning home and timing out.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, never a downloaded one (``playwright install`` is never run)."""
    args = list(CHROMIUM_ARGS)
    if os.geteuid() == 0:  # chromium's sandbox refuses to run as root
        args.append("--no-sandbox")
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "headless": browser_type_launch_args.get("headless", True),
        "args": args,
    }


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Lets tests write ``page.goto("/sign-in/")``; replaces pytest-playwright's own option."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 800},
        "locale": "en-GB",
        "timezone_id": "Europe/London",
    }


# Generous for a loaded 2-core CI machine; a passing run waits far less.
expect.set_options(timeout=10_000)


@pytest.fixture
def page(page):
    """Every page fails its test on a JavaScript error, a CSP refusal or a missing static file."""
    page.set_default_timeout(10_000)
    problems = BrowserProblems(page)
    yield page
    problems.assert_none()


@cache
def _framework_data() -> dict:
    return framework_parse(text=FRAMEWORK_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def lipsit_framework(db):
    """The real LIPSIT 2020 framework, loaded through the importer as ``load_framework`` does."""
    return framework_import(data=copy.deepcopy(_framework_data()))


@pytest.fixture
def open_round(lipsit_framework):
    """Overrides tests/conftest.py's round: the same name, on the real framework."""
    return RoundFactory(name="2026-27 readiness", framework=lipsit_framework)


@pytest.fixture
def scene(assessment, people) -> Scene:
    """The editor's draft on the real framework, and everyone in ``people``, for page types."""
    return Scene(assessment=assessment, people=people)
