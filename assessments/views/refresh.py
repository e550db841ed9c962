"""Pages that reload themselves while work runs in the background (a prepared export, a statistics import).

A ``Refresh`` header, not a script: it needs no JavaScript, and the strict CSP allows it.
"""
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

REFRESH_SECONDS = 3


def reload_while(response: HttpResponse, *, pending: bool) -> HttpResponse:
    """``response``, reloaded by the browser every ``REFRESH_SECONDS`` while ``pending``; never cached."""
    if pending:
        response["Refresh"] = str(REFRESH_SECONDS)
    add_never_cache_headers(response)
    return response
