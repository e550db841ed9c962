"""Request-wide rules for signed-in people.

- Nothing sent to a signed-in person is cached, and a sign-in has an absolute end.
- People are told they were signed out because they were inactive, not because of
  something they did: a session that ends through inactivity leaves no trace on the
  server, so a small marker cookie (no personal data, just "1") is set while someone is
  signed in and removed when they sign out themselves. A signed-out visit to the sign-in
  page that still carries the marker means the session ran out: the page says so, once.
"""
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

SIGNED_IN_AT = "signed_in_at"


def remember_sign_in_time(sender, request, user, **kwargs) -> None:
    """``user_logged_in`` receiver: the start of the absolute session lifetime."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


class AbsoluteSessionLifetimeMiddleware:
    """Signs people out ``SESSION_ABSOLUTE_AGE`` seconds after they signed in, however active.

    The idle timeout (``SESSION_COOKIE_AGE``, renewed on every request) alone would let a
    session that is used every few minutes last for ever.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            # Every sign-in stamps its session (``remember_sign_in_time``), so a session
            # without a stamp is treated as too old rather than stamped now: stamping
            # here would make a GET write, and would let such a session live for ever.
            if not isinstance(signed_in_at, int) or time.time() - signed_in_at > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                hours = settings.SESSION_ABSOLUTE_AGE // 3600
                messages.info(request, f"You were signed out because you signed in more than {hours} hours ago. Sign in again.")
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in person (pages, exports, redirects, errors).

    Browsers and shared proxies then keep no copy of assessment data after sign-out on a
    shared computer. A request that carried a session cookie counts too, so the response
    to signing out is not kept either.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated or settings.SESSION_COOKIE_NAME in request.COOKIES
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            add_never_cache_headers(response)
        return response

MARKER_COOKIE = "levelup_was_signed_in"
MARKER_MAX_AGE = 60 * 60 * 24


def inactivity_message() -> str:
    minutes = settings.SESSION_COOKIE_AGE // 60
    return f"You were signed out because you were inactive for {minutes} minutes."


class SignedOutForInactivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        had_marker = request.COOKIES.get(MARKER_COOKIE) == "1"
        signed_in_before = request.user.is_authenticated
        showing_message = False
        if had_marker and not signed_in_before and request.method == "GET" and request.path == reverse("login"):
            messages.info(request, inactivity_message())
            showing_message = True
        response = self.get_response(request)
        signed_in_after = request.user.is_authenticated
        if signed_in_after and not had_marker:
            response.set_cookie(
                MARKER_COOKIE, "1", max_age=MARKER_MAX_AGE, httponly=True, samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        elif had_marker and (showing_message or (signed_in_before and not signed_in_after)):
            # Said once, or the person signed out themselves: no message next time.
            response.delete_cookie(MARKER_COOKIE, samesite="Lax")
        return response
