"""Running a service from a view: a refusal becomes a form error or a message, the same way everywhere.

Services refuse with ``ActionRefused(message, details=[...])``. ``run_service`` calls one and,
if it refuses, puts the message where the person will read it:

- on a form (``refusal_to`` is the form): the message is a form error (on ``error_field``,
  or the whole form), and the details are ``outcome.details``, for the error summary
  (``extra_errors`` in ``includes/_error_summary.html``), where each can link to its field;
- otherwise (``refusal_to`` is the request): one error message, the details after it.

Views then branch on ``outcome.ok``; a refused write changed nothing (services are atomic).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest

from assessments.services.errors import ActionRefused

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a service returned, or why it refused."""

    result: T | None = None
    refusal: ActionRefused | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None

    @property
    def message(self) -> str:
        return self.refusal.message if self.refusal else ""

    @property
    def details(self) -> list:
        """The refusal's details, for a form's error summary (a flash message already has them)."""
        return list(self.refusal.details) if self.refusal else []


def refusal_text(refusal: ActionRefused) -> str:
    """The message and its details as one sentence run, for a flash message."""
    details = [detail["text"] if isinstance(detail, dict) else str(detail) for detail in refusal.details]
    return " ".join([refusal.message, *details])


def run_service(
    refusal_to: HttpRequest | BaseForm | None, service: Callable[..., T], /, *args, error_field: str | None = None, **kwargs
) -> Outcome[T]:
    """Call ``service(*args, **kwargs)``; on ``ActionRefused``, tell ``refusal_to`` (see the module docstring).

    With ``refusal_to=None`` nothing is said: the view shows ``outcome.message`` itself.
    """
    try:
        return Outcome(result=service(*args, **kwargs))
    except ActionRefused as refusal:
        if isinstance(refusal_to, BaseForm):
            refusal_to.add_error(error_field, refusal.message)
        elif refusal_to is not None:
            messages.error(refusal_to, refusal_text(refusal))
        return Outcome(refusal=refusal)
