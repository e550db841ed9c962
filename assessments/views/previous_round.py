"""An editor starts their draft from their authority's last approved answers."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from assessments.access import access_assessment_for_edit
from assessments.services.previous_round import assessment_copy_previous

from .refusals import run_service


@login_required
@require_POST
def copy_previous(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for_edit(user=request.user, pk=pk)
    outcome = run_service(request, assessment_copy_previous, assessment=assessment, user=request.user)
    if outcome.ok:
        copied = outcome.result
        messages.success(
            request,
            f"{copied} answer{'s' if copied != 1 else ''} copied from your previous approved assessment. Check each "
            "one: they do not count towards submission until you confirm or change them.",
        )
    return redirect("assessment-task-list", pk=assessment.pk)
