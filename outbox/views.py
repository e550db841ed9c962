"""/manage/emails/: the admins' view of messages that could not be delivered, with "try again"."""
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from assessments.access.manage import admin_required
from assessments.views.listing import page_of
from assessments.views.refusals import run_service

from .selectors import outbox_summary, retrying_emails, undelivered_emails
from .services import email_retry, email_retry_all, retry_delay

RETRYING_SHOWN = 50


@admin_required
@require_safe
def undelivered(request: HttpRequest) -> HttpResponse:
    return render(request, "manage/emails.html", {
        "page": page_of(request, undelivered_emails()),
        "retrying": list(retrying_emails()[:RETRYING_SHOWN]),
        "summary": outbox_summary(),
        "max_attempts": settings.EMAIL_MAX_ATTEMPTS,
        "retry_window": _retry_window(),
    })


def _retry_window() -> str:
    attempts = settings.EMAIL_MAX_ATTEMPTS
    total = sum((retry_delay(attempts=n) for n in range(1, attempts)), timedelta())
    minutes = round(total.total_seconds() / 60)
    return f"{minutes} minutes" if minutes < 120 else f"{round(minutes / 60)} hours"


@admin_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = run_service(request, email_retry, email_id=pk, by=request.user)
    if outcome.ok:
        messages.success(request, f"The message to {outcome.result.to_address} will be sent again now.")
    return redirect("manage-emails")


@admin_required
@require_POST
def retry_all(request: HttpRequest) -> HttpResponse:
    count = email_retry_all(by=request.user)
    if count:
        messages.success(request, f"{count:,} message{'s' if count != 1 else ''} will be sent again now.")
    else:
        messages.info(request, "There were no undelivered messages to try again.")
    return redirect("manage-emails")
