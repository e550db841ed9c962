from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.access import authorities_visible_to
from assessments.selectors.assessments import open_assessments_for, start_rows
from assessments.views.listing import page_of
from service_pages.views import start_page


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """Signed in: your assessments. Signed out: the GOV.UK start page saying what the service is."""
    if not request.user.is_authenticated:
        return start_page(request)
    assessments = open_assessments_for(user=request.user)
    page = page_of(request, assessments)
    authorities = [] if request.user.is_central else list(authorities_visible_to(user=request.user))
    context = {"page": page, "rows": start_rows(page), "authorities": authorities}
    return render(request, "assessments/start.html", context)
