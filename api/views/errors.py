"""Addresses under /api/ that match nothing: a problem-details 404, not the HTML page."""
from django.http import HttpRequest, JsonResponse

from api.problems import PROBLEM_CONTENT_TYPE, problem


def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    body = problem(status_code=404, detail="There is nothing at this address. The API documentation is at /api/docs/.",
                   instance=request.path)
    return JsonResponse(body, status=404, content_type=PROBLEM_CONTENT_TYPE)
