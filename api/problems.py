"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the API gives has ``type``, ``title``, ``status``, ``detail`` and
``instance`` (the path asked for); validation errors add ``errors``, a list of
``{"parameter": ..., "detail": ...}``. ``type`` is ``about:blank`` (the status says
what happened) except for the problems the API defines itself.
"""
from __future__ import annotations

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"
NOT_AUTHENTICATED = (
    "Send a personal API token as 'Authorization: Bearer <token>'. "
    "Create one on the API tokens page of the service once you have signed in."
)


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_CONTENT_TYPE
    format = "problem+json"


def _flatten(detail, prefix: str = "") -> list[dict]:
    """DRF's nested validation messages as a flat list of (parameter, message)."""
    if isinstance(detail, dict):
        found = []
        for key, value in detail.items():
            name = key if key != "non_field_errors" else ""
            found += _flatten(value, f"{prefix}.{name}" if prefix and name else (name or prefix))
        return found
    if isinstance(detail, list):
        return [item for value in detail for item in _flatten(value, prefix)]
    return [{"parameter": prefix, "detail": str(detail)}]


def problem(*, status_code: int, detail: str, instance: str, errors: list[dict] | None = None) -> dict:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if errors:
        body["errors"] = errors
    return body


def api_exception_handler(exc, context):
    """DRF's handler (which sets status and headers such as WWW-Authenticate), reshaped as a problem."""
    if isinstance(exc, exceptions.NotAuthenticated):
        exc = exceptions.NotAuthenticated(NOT_AUTHENTICATED)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Nothing was found at this address, or you do not have access to it.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django's 500 handling (and logging) applies
    request = context["request"]
    errors = None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        detail = "The request has values the API cannot use: see errors."
    elif isinstance(exc.detail, (list, dict)):
        errors = _flatten(exc.detail)
        detail = errors[0]["detail"] if errors else HTTPStatus(response.status_code).phrase
    else:
        detail = str(exc.detail)
    if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS and getattr(exc, "wait", None):
        detail = f"Too many requests with this token. Try again in {int(exc.wait) + 1} seconds."
    response.data = problem(status_code=response.status_code, detail=detail, instance=request.path, errors=errors)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response
