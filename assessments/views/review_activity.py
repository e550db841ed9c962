"""The activity trail of one assessment: for reviewers and the authority's own officials."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.access.review import access_assessment_activity, is_reviewer
from assessments.selectors.activity import KINDS, assessment_activity

PAGE_SIZE = 50


@login_required
@require_safe
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_activity(user=request.user, pk=pk)
    kind = request.GET.get("type", "")
    kind = kind if kind in KINDS else ""
    entries = assessment_activity(assessment=assessment, kind=kind)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "assessment": assessment,
        "page": page,
        "kinds": KINDS.items(),
        "kind": kind,
        "query_string": f"type={kind}" if kind else "",
        "is_reviewer": is_reviewer(request.user),
    }
    return render(request, "review/activity.html", context)
