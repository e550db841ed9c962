"""Read pages of one assessment: task list, check your answers, confirmation, results."""
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from assessments.access import (
    access_assessment,
    access_assessment_for_edit,
    edit_refusal_reason,
)
from assessments.forms.submit import SubmitForm
from assessments.models import AssessmentState
from assessments.selectors.assessments import assessment_view
from assessments.selectors.dashboards import rated_result
from assessments.selectors.review import review_notes_for_authority
from assessments.services.errors import ActionRefused
from assessments.services.submission import assessment_submit


def _context(request: HttpRequest, pk: int) -> dict:
    assessment = access_assessment(user=request.user, pk=pk)
    view = assessment_view(assessment=assessment)
    reason = edit_refusal_reason(user=request.user, assessment=assessment)
    result = rated_result(state=assessment.state, result=view.result)  # a draft: progress only
    return {
        "assessment": assessment,
        "view": view,
        "result": result,
        "can_edit": reason is None,
        "read_only_reason": reason,
        "rows": [(step, result.step(step.number)) for step in view.steps],
        # Central review: the reviewers' notes once returned or approved, and own vs moderated scores.
        "review_notes": review_notes_for_authority(assessment=assessment),
        "own_result": view.own_result,
        "compare_rows": [(step, view.own_result.step(step.number), view.result.step(step.number)) for step in view.steps],
    }


@login_required
@require_safe
def task_list(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "assessments/task_list.html", _context(request, pk))


@login_required
@require_safe
def check_answers(request: HttpRequest, pk: int) -> HttpResponse:
    context = _context(request, pk)
    context["form"] = SubmitForm()
    return render(request, "assessments/check_answers.html", context)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for_edit(user=request.user, pk=pk)
    form = SubmitForm(request.POST)
    extra_errors: list[str] = []
    if form.is_valid():
        try:
            assessment_submit(assessment=assessment, user=request.user)
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
            extra_errors = refusal.details
        else:
            return redirect("assessment-submitted", pk=assessment.pk)
    context = _context(request, pk)
    context.update(form=form, extra_errors=extra_errors)
    return render(request, "assessments/check_answers.html", context, status=400)


@login_required
@require_safe
def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment(user=request.user, pk=pk)
    if assessment.state == AssessmentState.DRAFT:
        return redirect("assessment-task-list", pk=pk)
    return render(request, "assessments/submitted.html", {"assessment": assessment})


@login_required
@require_safe
def results(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "assessments/results.html", _context(request, pk))
