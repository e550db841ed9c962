"""Reviewing one assessment: the overview, one criterion (moderate, comment), and the decisions."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from assessments.access.review import access_assessment_for_review
from assessments.forms.review import (
    ApproveForm,
    CommentForm,
    ModerationForm,
    RemoveModerationForm,
    ReturnForm,
)
from assessments.selectors.dashboards import rated_result
from assessments.selectors.devolution import recorded_criteria
from assessments.selectors.review import framework_criterion, review_page
from assessments.services.assignment import assessment_assign_self
from assessments.services.moderation import moderation_confirm, moderation_remove, moderation_set
from assessments.services.review import (
    assessment_approve,
    assessment_return,
    assessment_start_review,
    internal_note_add,
    review_comment_add,
)
from assessments.transitions import REVIEWABLE_STATES
from evidence.selectors import AS_SENT_STATES, cited_by_submission

from .refusals import run_service
from .review_queue import queue_url


def _base(request: HttpRequest, pk: int) -> dict:
    assessment = access_assessment_for_review(user=request.user, pk=pk)
    page = review_page(assessment=assessment)
    criteria = [c for step in page.view.steps for c in step.criteria.all()]
    return {
        "criteria": criteria,
        "assessment": assessment,
        "page": page,
        "view": page.view,
        "result": rated_result(state=assessment.state, result=page.view.result),
        "own_result": rated_result(state=assessment.state, result=page.view.own_result),
        "notes": page.notes,
        "reviewable": assessment.state in REVIEWABLE_STATES,
        "queue_url": queue_url(request),
        # Sent and not back with the authority: list the evidence versions the submission fixed.
        "cited_evidence": cited_by_submission(submission=page.submission) if assessment.state in AS_SENT_STATES else None,
    }


def _criterion(context: dict, code: str):
    criterion = framework_criterion(assessment=context["assessment"], code=code)
    if criterion is None:
        raise Http404("No such criterion")
    return criterion


@login_required
@require_safe
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    context = _base(request, pk)
    context["comment_form"] = CommentForm(about="the whole assessment")
    return render(request, "review/assessment.html", context)


def _neighbours(criteria: list, criterion) -> tuple:
    codes = [c.code for c in criteria]
    index = codes.index(criterion.code) if criterion.code in codes else -1
    previous = criteria[index - 1] if index > 0 else None
    following = criteria[index + 1] if 0 <= index < len(criteria) - 1 else None
    return previous, following


def _render_criterion(request, context, criterion, *, moderation_form=None, comment_form=None, error_form=None, status=200):
    answer = context["view"].answers.get(criterion.pk)
    authority_level = answer.shown_level if answer is not None and answer.is_answered else ""
    previous, following = _neighbours(context["criteria"], criterion)
    context.update(
        criterion=criterion,
        answer=answer,
        previous_criterion=previous,
        next_criterion=following,
        moderation=context["view"].moderations.get(criterion.pk),
        moderation_stale=criterion.pk in context["page"].stale,
        internal=context["page"].internal_for(criterion.pk),
        comments=context["notes"].for_criterion(criterion.pk),
        moderation_form=moderation_form or ModerationForm(criterion=criterion, authority_level=authority_level),
        comment_form=comment_form or CommentForm(about=criterion.code),
        form=error_form,
        **recorded_criteria(assessment=context["view"].assessment, criteria=[criterion]),
    )
    return render(request, "review/criterion.html", context, status=status)


@login_required
@require_safe
def criterion(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    context = _base(request, pk)
    return _render_criterion(request, context, _criterion(context, code))


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    context = _base(request, pk)
    criterion_ = _criterion(context, code)
    answer = context["view"].answers.get(criterion_.pk)
    authority_level = answer.shown_level if answer is not None and answer.is_answered else ""
    form = ModerationForm(request.POST, criterion=criterion_, authority_level=authority_level)
    if form.is_valid():
        outcome = run_service(
            form, moderation_set,
            assessment=context["assessment"], criterion=criterion_, user=request.user,
            score=form.score, not_applicable=form.not_applicable, reason=form.cleaned_data["reason"],
        )
        if not outcome.ok:
            context["extra_errors"] = outcome.details
            return _render_criterion(request, context, criterion_, moderation_form=form, error_form=form, status=409)
        messages.success(request, f"Moderated score for {criterion_.code} saved.")
        return redirect("review-criterion", pk=pk, code=criterion_.code)  # the reviewer stays at this criterion
    return _render_criterion(request, context, criterion_, moderation_form=form, error_form=form, status=400)


@login_required
def remove_moderation(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    context = _base(request, pk)
    criterion_ = _criterion(context, code)
    moderation = context["view"].moderations.get(criterion_.pk)
    if moderation is None:
        raise Http404("No moderated score to remove")
    form = RemoveModerationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = run_service(
                form, moderation_remove,
                assessment=context["assessment"], criterion=criterion_, user=request.user,
                reason=form.cleaned_data["reason"],
            )
            if outcome.ok:
                messages.success(request, f"Moderated score for {criterion_.code} removed.")
                return redirect("review-assessment", pk=pk)
            status = 409
            context["extra_errors"] = outcome.details
    context.update(criterion=criterion_, moderation=moderation, form=form)
    return render(request, "review/remove_moderation.html", context, status=status)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    context = _base(request, pk)
    code = request.POST.get("criterion", "")
    criterion_ = _criterion(context, code) if code else None
    form = CommentForm(request.POST, about=criterion_.code if criterion_ else "the whole assessment")
    if form.is_valid():
        add = internal_note_add if form.internal else review_comment_add
        outcome = run_service(
            form, add, assessment=context["assessment"], user=request.user, body=form.cleaned_data["body"], criterion=criterion_
        )
        if outcome.ok:
            messages.success(request, "Internal note added (central staff only)." if form.internal else "Comment added.")
            return redirect("review-criterion", pk=pk, code=code) if criterion_ else redirect("review-assessment", pk=pk)
        context["extra_errors"] = outcome.details
    status = 400 if not form.non_field_errors() else 409
    if criterion_ is not None:
        return _render_criterion(request, context, criterion_, comment_form=form, error_form=form, status=status)
    context.update(comment_form=form, form=form)
    return render(request, "review/assessment.html", context, status=status)


@login_required
@require_POST
def confirm_moderation(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Keep a moderated score the authority's later answer made stale."""
    context = _base(request, pk)
    criterion_ = _criterion(context, code)
    if run_service(request, moderation_confirm, assessment=context["assessment"], criterion=criterion_, user=request.user).ok:
        messages.success(request, f"Moderated score for {criterion_.code} confirmed against the authority's new answer.")
    return redirect("review-criterion", pk=pk, code=criterion_.code)


def _act_on_assessment(request: HttpRequest, pk: int, service, *, success: str) -> HttpResponse:
    """A one-button action on the assessment (no form): do it, say how it went, back to the assessment."""
    context = _base(request, pk)
    if run_service(request, service, assessment=context["assessment"], user=request.user).ok:
        messages.success(request, success)
    return redirect("review-assessment", pk=pk)


@login_required
@require_POST
def assign_self(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_assessment(request, pk, assessment_assign_self, success="You are now the reviewer of this assessment.")


@login_required
@require_POST
def start_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_assessment(request, pk, assessment_start_review, success="You have started reviewing this assessment.")


def _decision(request, pk, *, form_class, template, service, success):
    context = _base(request, pk)
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = run_service(form, service, assessment=context["assessment"], user=request.user, message=form.cleaned_data["message"])
            if outcome.ok:
                messages.success(request, success.format(authority=context["assessment"].authority.name))
                return redirect("review-assessment", pk=pk)
            context["extra_errors"] = outcome.details
            status = 409
    context["form"] = form
    return render(request, template, context, status=status)


@login_required
def return_for_changes(request: HttpRequest, pk: int) -> HttpResponse:
    return _decision(
        request, pk, form_class=ReturnForm, template="review/return.html", service=assessment_return,
        success="Assessment returned to {authority} for changes. Their editors have been emailed.",
    )


@login_required
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _decision(
        request, pk, form_class=ApproveForm, template="review/approve.html", service=assessment_approve,
        success="Assessment for {authority} approved. Their editors have been emailed.",
    )
