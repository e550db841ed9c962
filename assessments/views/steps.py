"""The step page: read it, or save its answers (all of them or none)."""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from assessments.access import access_assessment_for_edit
from assessments.forms.step import StepForm
from assessments.models import AssessmentState
from assessments.selectors.assessments import assessment_view
from assessments.selectors.devolution import recorded_criteria
from assessments.selectors.kept_input import kept_step_input
from assessments.selectors.review import review_notes_for_authority, with_comments
from assessments.services.answers import assessment_save_step, step_answers_as_of
from assessments.services.kept_input import TOKEN_FIELD, owner_token, step_input_discard, step_input_keep
from assessments.views.refusals import run_service
from evidence.selectors import library_choices

SAVE_AND_CONTINUE = "continue"
SAVE_AND_COME_BACK = "later"
# "Change" links on check answers add ?from=check: saving goes back there (GOV.UK pattern).
FROM_CHECK = "check"
DISCARD_KEPT = "discard-kept"


def keep_input_if_signed_out(view):
    """A step POST that arrives after the session ended keeps what was typed, then asks for sign-in.

    Outside ``login_required``: the request is anonymous, so the input is bound to the
    person the page was drawn for by the form's signed token, and offered back only to
    them (see services.kept_input). ``next`` brings them back to the step.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, number: int) -> HttpResponse:
        if request.method == "POST" and not request.user.is_authenticated:
            kept = step_input_keep(
                token=request.POST.get(TOKEN_FIELD, ""), assessment_pk=pk, step_number=number, data=request.POST
            )
            if kept is not None:
                messages.info(request, "We kept what you typed. Sign in again to check it and save it.")
            return redirect_to_login(request.get_full_path())
        return view(request, pk, number)

    return wrapper


@keep_input_if_signed_out
@login_required
def step_edit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    assessment = access_assessment_for_edit(user=request.user, pk=pk)
    view = assessment_view(assessment=assessment)
    step = view.step(number)
    if step is None:
        raise Http404("No such step")
    notes = review_notes_for_authority(assessment=assessment)
    noted = {c.pk for c in step.criteria.all() if notes and (c.pk in view.moderations or notes.for_criterion(c.pk))}

    from_check = request.GET.get("from") == FROM_CHECK
    library = library_choices(authority=assessment.authority)
    if request.method != "POST":
        kept = kept_step_input(user=request.user, assessment=assessment, step=step)
        if kept is not None:
            # Shown as unsaved changes (only format problems flagged); saving is still the user's choice.
            form = StepForm(kept.data, step=step, answers=view.answers, noted=noted, library=library)
            return _render(request, view, step, form, from_check=from_check, kept=kept)
        form = StepForm(step=step, answers=view.answers, noted=noted, library=library)
        return _render(request, view, step, form, from_check=from_check)

    if request.POST.get("action") == DISCARD_KEPT:
        step_input_discard(user=request.user, assessment=assessment, step=step)
        messages.success(request, "The changes kept from before you were signed out have been discarded.")
        return redirect("assessment-step", pk=assessment.pk, number=step.number)

    # Any other value (or none) is "Save and continue", the button that enforces every rule.
    action = SAVE_AND_COME_BACK if request.POST.get("action") == SAVE_AND_COME_BACK else SAVE_AND_CONTINUE
    form = StepForm(
        request.POST, request.FILES, step=step, answers=view.answers, require_all=action == SAVE_AND_CONTINUE,
        noted=noted, library=library,
    )
    if not form.is_valid():
        return _render(request, view, step, form, status=400, from_check=from_check)
    outcome = run_service(
        None, assessment_save_step,
        assessment=assessment,
        step=step,
        user=request.user,
        answers=form.answer_inputs(),
        # Pages always send the token; a client that omits it opts out of the check.
        as_of=form.cleaned_data.get("as_of", "") if "as_of" in request.POST else None,
        allow_incomplete=action == SAVE_AND_COME_BACK,
    )
    if not outcome.ok:
        # Show what the user typed, with the current token, so saving again is a choice made
        # after seeing the other person's changes; the refusal goes on that form.
        data = request.POST.copy()
        data["as_of"] = step_answers_as_of(assessment=assessment, step=step)
        # Files are not sent back: the page asks for them again (GOV.UK file upload pattern).
        form = StepForm(
            data, step=step, answers=view.answers, require_all=action == SAVE_AND_CONTINUE, noted=noted, library=library
        )
        form.is_valid()
        form.add_error(None, outcome.message)
        return _render(request, view, step, form, status=409, extra_errors=outcome.details, from_check=from_check)

    step_input_discard(user=request.user, assessment=assessment, step=step)  # saved: nothing left to offer back
    if form.evidence_completed:
        messages.info(
            request,
            f"We added https:// to the evidence link for {', '.join(form.evidence_completed)}. "
            "Check that it opens the page you meant.",
        )
    if from_check:
        messages.success(request, f"Step {step.number} saved.")
        return redirect("assessment-check", pk=assessment.pk)
    if action == SAVE_AND_COME_BACK:
        messages.success(request, f"Step {step.number} saved. You can come back to it at any time before the deadline.")
        return redirect("assessment-task-list", pk=assessment.pk)
    next_step = view.step(number + 1)
    if next_step is not None:
        return redirect("assessment-step", pk=assessment.pk, number=next_step.number)
    return redirect("assessment-check", pk=assessment.pk)


def _render(request, view, step, form, status=200, extra_errors=(), from_check=False, kept=None):
    review_notes = review_notes_for_authority(assessment=view.assessment)  # with replies, as shown now
    criterion_rows = view.criterion_rows(step)
    context = {
        "kept": kept,
        "owner_token": owner_token(user=request.user, assessment=view.assessment, step=step),
        "token_field": TOKEN_FIELD,
        "from_check": from_check,
        "can_reply": view.assessment.state == AssessmentState.RETURNED,
        "assessment": view.assessment,
        "view": view,
        "step": step,
        "criterion_rows": criterion_rows,
        "noted_rows": with_comments(criterion_rows, review_notes),
        "step_result": view.result.step(step.number),
        "form": form,
        "extra_errors": list(extra_errors),
        "review_notes": review_notes,
        **recorded_criteria(assessment=view.assessment, criteria=step.criteria.all()),
    }
    return render(request, "assessments/step.html", context, status=status)
