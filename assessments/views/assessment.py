"""Read pages of one assessment: task list, check your answers, confirmation, results."""
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
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
from assessments.selectors.previous_round import previous_round_offer
from assessments.selectors.review import latest_submission, review_notes_for_authority, with_comments
from assessments.selectors.task_list import steps_progress, submission_to_do
from assessments.services.submission import assessment_submit, review_due_by
from assessments.views.refusals import run_service
from evidence.selectors import AS_SENT_STATES, cited_by_submission


def _context(request: HttpRequest, pk: int) -> dict:
    assessment = access_assessment(user=request.user, pk=pk)
    view = assessment_view(assessment=assessment)
    reason = edit_refusal_reason(user=request.user, assessment=assessment)
    notes = review_notes_for_authority(assessment=assessment)
    result = rated_result(state=assessment.state, result=view.result)  # a draft: progress only
    return {
        "assessment": assessment,
        "view": view,
        "result": result,
        "can_edit": reason is None,
        "can_reply": reason is None and assessment.state == AssessmentState.RETURNED,
        "read_only_reason": reason,
        "rows": [(step, result.step(step.number)) for step in view.steps],
        "step_rows": [(step, result.step(step.number), with_comments(view.criterion_rows(step), notes)) for step in view.steps],
        # Central review: the reviewers' notes once returned or approved, and own vs moderated scores.
        "review_notes": notes,
        "progress_rows": steps_progress(view=view, notes=notes),
        "to_do": submission_to_do(view=view),
        "own_result": view.own_result,
        "compare_rows": [(step, view.own_result.step(step.number), view.result.step(step.number)) for step in view.steps],
    }


@login_required
@require_safe
def task_list(request: HttpRequest, pk: int) -> HttpResponse:
    context = _context(request, pk)
    context["copy_offer"] = previous_round_offer(assessment=context["assessment"], can_edit=context["can_edit"])
    return render(request, "assessments/task_list.html", context)


@login_required
@require_safe
def check_answers(request: HttpRequest, pk: int) -> HttpResponse:
    context = _context(request, pk)
    assessment = context["assessment"]
    context["form"] = SubmitForm(resubmitting=assessment.state == AssessmentState.RETURNED)
    # As sent: the evidence versions the submission fixed, whatever the library holds now.
    if assessment.state in AS_SENT_STATES:
        context["cited_evidence"] = cited_by_submission(submission=latest_submission(assessment=assessment))
    return render(request, "assessments/check_answers.html", context)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for_edit(user=request.user, pk=pk)
    form = SubmitForm(request.POST, resubmitting=assessment.state == AssessmentState.RETURNED)
    extra_errors: list = []
    if form.is_valid():
        outcome = run_service(
            form, assessment_submit,
            assessment=assessment, user=request.user, note_to_reviewer=form.cleaned_data.get("note_to_reviewer", ""),
        )
        if outcome.ok:
            return redirect("assessment-submitted", pk=assessment.pk)
        extra_errors = outcome.details
    context = _context(request, pk)
    if context["to_do"]:
        # Each blocking criterion, linked to where it is fixed (instead of the service's plain list).
        extra_errors = [
            {"text": item.message, "href": reverse("assessment-step", args=[pk, item.step_number])
             + f"?from=check#{item.criterion.slug}"}
            for item in context["to_do"]
        ]
    context.update(form=form, extra_errors=extra_errors)
    return render(request, "assessments/check_answers.html", context, status=400)


@login_required
@require_safe
def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment(user=request.user, pk=pk)
    submission = latest_submission(assessment=assessment)
    if assessment.state == AssessmentState.DRAFT:
        return redirect("assessment-task-list", pk=pk)
    submitted_at = submission.submitted_at if submission else assessment.submitted_at
    context = {
        "assessment": assessment,
        "submission": submission,  # None only for assessments made outside the services
        "review_due": review_due_by(timezone.localdate(submitted_at)),
        "under_review": assessment.state in (AssessmentState.SUBMITTED, AssessmentState.IN_REVIEW),
    }
    return render(request, "assessments/submitted.html", context)


@login_required
@require_safe
def results(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "assessments/results.html", _context(request, pk))
