"""The feedback form (anyone, no account) and the admins' list and export."""
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from assessments.access.manage import admin_required
from assessments.exports.csv_export import csv_lines, csv_response
from assessments.views.listing import page_of
from assessments.views.refusals import run_service

from .forms import FeedbackForm
from .selectors import feedback_csv_rows, feedback_newest_first
from .services import feedback_submit, safe_page, sender_key_for


def _client_address(request: HttpRequest) -> str:
    # The address as django-axes reads it (honours AXES_IPWARE_PROXY_COUNT behind a load balancer).
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or ""


@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = FeedbackForm(initial={"page": safe_page(request.GET.get("from", ""))})
        return render(request, "feedback/feedback.html", {"form": form})
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, "feedback/feedback.html", {"form": form}, status=400)
    outcome = run_service(
        form, feedback_submit,
        satisfaction=form.cleaned_data["satisfaction"], comments=form.cleaned_data["comments"],
        page=form.cleaned_data["page"], reply_email=form.cleaned_data["reply_email"],
        sender_key=sender_key_for(address=_client_address(request)),
    )
    if not outcome.ok:  # too many from this address: the only refusal
        return render(request, "feedback/feedback.html", {"form": form, "extra_errors": outcome.details}, status=429)
    return redirect("feedback-sent")


@require_safe
def feedback_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/sent.html")


@admin_required
@require_safe
def feedback_index(request: HttpRequest) -> HttpResponse:
    items = feedback_newest_first()
    return render(request, "feedback/index.html", {"page": page_of(request, items), "count": items.count()})


@admin_required
@require_safe
def feedback_csv(request: HttpRequest) -> HttpResponse:
    header, rows = feedback_csv_rows()
    return csv_response(csv_lines(metadata=None, header=header, rows=rows), "feedback.csv")
