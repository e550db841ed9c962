"""The administration home page and the service-wide audit trail."""
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.access.manage import admin_required
from assessments.selectors.manage_audit import recent_trail

PAGE_SIZE = 50


def page_of(request: HttpRequest, items, size: int = PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


def query_string(request: HttpRequest) -> str:
    """The current filters without the page number, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@admin_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "manage/home.html")


@admin_required
@require_safe
def audit(request: HttpRequest) -> HttpResponse:
    return render(request, "manage/audit.html", {"entries": recent_trail(limit=100)})
