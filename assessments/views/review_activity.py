"""The activity trail of one assessment: for reviewers and the authority's own officials."""
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from assessments.access.review import access_assessment_activity, is_reviewer
from assessments.exports.activity import activity_csv
from assessments.exports.metadata import person
from assessments.selectors.activity import ACTIVITY_KINDS, assessment_activity
from assessments.views.listing import page_of


@login_required
@require_safe
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_activity(user=request.user, pk=pk)
    kind = request.GET.get("type", "")
    kind = kind if kind in ACTIVITY_KINDS else ""
    entries = assessment_activity(assessment=assessment, kind=kind)
    csv_url = reverse("review-activity-csv", args=[assessment.pk]) + (f"?type={kind}" if kind else "")
    page = page_of(request, entries)
    context = {
        "assessment": assessment,
        "page": page,
        "kinds": ACTIVITY_KINDS.items(),
        "kind": kind,
        "query_string": f"type={kind}" if kind else "",
        "is_reviewer": is_reviewer(request.user),
        "csv_url": csv_url,
    }
    return render(request, "review/activity.html", context)


@login_required
@require_safe
def activity_csv_download(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The same trail (and the same "Show" filter) as CSV, for the same people as the page."""
    assessment = access_assessment_activity(user=request.user, pk=pk)
    kind = request.GET.get("type", "")
    kind = kind if kind in ACTIVITY_KINDS else ""
    response = StreamingHttpResponse(
        activity_csv(assessment=assessment, kind=kind, generated_by=person(request.user)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="activity-assessment-{assessment.pk}.csv"'
    return response
