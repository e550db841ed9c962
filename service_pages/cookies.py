"""Every cookie the service sets, named from the settings that name them. The cookies page
shows this list; tests/browser/test_cookies.py checks it against a real browser's cookie jar."""
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

from assessments.middleware import MARKER_COOKIE, MARKER_MAX_AGE

from .durations import duration_words


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    expires: str


def service_cookies() -> list[Cookie]:
    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            "Keeps you signed in as you move from page to page. Set when you sign in, or when you start using a form.",
            duration_words(settings.SESSION_COOKIE_AGE) + " after your last action",
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            "Stops other websites sending forms to this service in your name (cross-site request forgery).",
            duration_words(settings.CSRF_COOKIE_AGE),
        ),
        Cookie(
            MARKER_COOKIE,
            "Remembers that you were signed in (it holds only \"1\"), so that if your sign-in ends because you were "
            "inactive, the sign-in page can tell you why. Removed when you sign out.",
            duration_words(MARKER_MAX_AGE),
        ),
        Cookie(
            CookieStorage.cookie_name,
            'Carries a message such as "Your answers have been saved" to the next page you see.',
            "When the message has been shown, or when you close your browser",
        ),
    ]
