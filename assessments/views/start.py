from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.access import authorities_visible_to
from assessments.selectors.assessments import open_assessments_for
from assessments.selectors.framework import criteria_counts
from assessments.views.listing import page_of
from service_pages.views import start_page


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """Signed in: your assessments. Signed out: the GOV.UK start page saying what the service is."""
    if not request.user.is_authenticated:
        return start_page(request)
    assessments = open_assessments_for(user=request.user)
    page = page_of(request, assessments)
    totals = criteria_counts(framework_ids={a.round.framework_id for a in page})
    for assessment in page:
        assessment.criteria_total = totals.get(assessment.round.framework_id, 0)
    authorities = [] if request.user.is_central else list(authorities_visible_to(user=request.user))
    return render(request, "assessments/start.html", {"page": page, "authorities": authorities})
