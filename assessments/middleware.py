"""Telling people they were signed out because they were inactive, not because of something they did.

A session that ends through inactivity leaves no trace on the server, so a small marker
cookie (no personal data, just "1") is set while someone is signed in and removed when
they sign out themselves. A signed-out visit to the sign-in page that still carries the
marker means the session ran out: the page says so, once.
"""
from django.conf import settings
from django.contrib import messages
from django.urls import reverse

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
