"""The service's own pages, open to everyone: start page (signed out), help and the framework,
accessibility statement, privacy notice, cookies and contact."""
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments import scoring
from assessments.exports.csv_export import csv_lines, csv_response
from assessments.models.rounds import EVIDENCE_REQUIRED_FROM
from assessments.selectors.framework import framework_steps
from assessments.services.framework_validation import SCALE

from . import accessibility
from .cookies import service_cookies
from .retention import retention_periods
from .selectors import CSV_HEADER, current_framework, framework_csv_rows
from .worked_example import worked_example


def _framework_context() -> dict:
    framework = current_framework()
    return {"framework": framework, "steps": framework_steps(framework=framework) if framework else []}


def start_page(request: HttpRequest) -> HttpResponse:
    """What the service is, for people not signed in (assessments.views.start sends them here)."""
    return render(request, "pages/start.html", _framework_context())


@require_safe
def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/help.html", {
        **_framework_context(),
        "scale": SCALE,
        "points_per_level": scoring.POINTS_PER_LEVEL,
        "amber_from": scoring.AMBER_FROM,
        "green_from": scoring.GREEN_FROM,
        "evidence_from": EVIDENCE_REQUIRED_FROM,
        "example": worked_example(),
    })


@require_safe
def framework_page(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/framework.html", {**_framework_context(), "scale": SCALE})


@require_safe
def framework_csv(request: HttpRequest) -> HttpResponse:
    framework = current_framework()
    if framework is None:
        raise Http404("No framework has been published yet.")
    slug = "".join(ch if ch.isalnum() else "-" for ch in framework.name.lower()).strip("-")
    return csv_response(csv_lines(metadata=None, header=CSV_HEADER, rows=framework_csv_rows(framework=framework)), f"{slug}-v{framework.version}.csv")


@require_safe
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html", {
        "known_issues": accessibility.known_issues(),
        "prepared_on": accessibility.PREPARED_ON,
        "reviewed_on": accessibility.REVIEWED_ON,
        "contact_email": settings.SERVICE_CONTACT_EMAIL,
    })


@require_safe
def privacy_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html", {
        "retention": retention_periods(), "contact_email": settings.SERVICE_CONTACT_EMAIL,
    })


@require_safe
def cookies_page(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/cookies.html", {"cookies": service_cookies()})


@require_safe
def contact_page(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/contact.html", {"contact_email": settings.SERVICE_CONTACT_EMAIL})
