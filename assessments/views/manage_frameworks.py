"""Framework versions: list, view, copy, edit (unless frozen), publish, export and import."""
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from assessments.access.manage import (
    access_criterion_to_manage,
    access_framework_to_manage,
    access_step_to_manage,
    admin_required,
)
from assessments.forms.manage_frameworks import (
    CriterionForm,
    FrameworkCopyForm,
    FrameworkPublishForm,
    FrameworkUploadForm,
    StepEditForm,
)
from assessments.models import Criterion, Framework
from assessments.selectors.framework import framework_steps
from assessments.selectors.framework_diff import framework_diff
from assessments.selectors.manage_rounds import framework_list
from assessments.services.confirmation import fingerprint, require_fingerprint
from assessments.services.framework_import import (
    framework_export,
    framework_import_with_outcome,
    framework_parse,
)
from assessments.services.manage_frameworks import (
    framework_add_criterion,
    framework_copy,
    framework_publish,
    framework_remove_criterion,
    framework_update_criterion,
    framework_update_step,
    publish_plan,
)

from .refusals import run_service


@admin_required
@require_safe
def framework_index(request: HttpRequest) -> HttpResponse:
    return render(request, "manage/frameworks.html", {"frameworks": framework_list()})


@admin_required
@require_safe
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = access_framework_to_manage(user=request.user, pk=pk)
    context = {"framework": framework, "steps": framework_steps(framework=framework), "frozen": framework.is_frozen}
    return render(request, "manage/framework.html", context)


@admin_required
def framework_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A new draft version from this one: its name and a note of what it changes first."""
    framework = access_framework_to_manage(user=request.user, pk=pk)
    form = FrameworkCopyForm(request.POST or None)
    extra_errors: list = []
    if request.method == "POST" and form.is_valid():
        outcome = run_service(form, framework_copy, framework=framework, user=request.user, **form.cleaned_data)
        if outcome.ok:
            copy = outcome.result
            messages.success(request, f"Version {copy.version} created as a draft copy of version {framework.version}.")
            return redirect("manage-framework", pk=copy.pk)
        extra_errors = outcome.details
    context = {"framework": framework, "form": form, "extra_errors": extra_errors}
    return render(request, "manage/framework_copy.html", context, status=400 if form.errors else 200)


@admin_required
def framework_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The differences from the version it was copied from, then publish when confirmed."""
    framework = access_framework_to_manage(user=request.user, pk=pk)
    form = FrameworkPublishForm(request.POST if request.method == "POST" else None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        outcome = run_service(None, framework_publish, framework=framework, confirmed_plan=form.cleaned_data["plan"], user=request.user)
        if outcome.ok:
            messages.success(request, f"{framework} is published. It can no longer be changed.")
            return redirect("manage-framework", pk=pk)
        problems = [outcome.message, *outcome.details]
    framework.refresh_from_db()
    context = {
        "framework": framework, "form": form, "problems": problems, "diff": framework_diff(framework=framework),
        "plan": publish_plan(framework=framework), "steps": framework_steps(framework=framework),
    }
    return render(request, "manage/framework_publish.html", context, status=400 if form.errors or problems else 200)


def _refuse_page(request, framework: Framework, template: str, context: dict) -> HttpResponse | None:
    """A frozen version's edit pages say why instead of showing a form."""
    if framework.is_frozen:
        context.update(framework=framework, frozen=True)
        return render(request, template, context, status=403)
    return None


@admin_required
def framework_step_edit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    step = access_step_to_manage(user=request.user, framework_pk=pk, number=number)
    context = {"framework": step.framework, "step": step}
    if refused := _refuse_page(request, step.framework, "manage/framework_step.html", context):
        return refused
    form = StepEditForm(request.POST or None, initial={"title": step.title, "weight": step.weight})
    if request.method == "POST" and form.is_valid():
        outcome = run_service(form, framework_update_step, step=step, title=form.cleaned_data["title"], weight=form.cleaned_data["weight"])
        if outcome.ok:
            messages.success(request, f"Step {step.number} saved.")
            return redirect("manage-framework", pk=pk)
        context["extra_errors"] = outcome.details
    context["form"] = form
    return render(request, "manage/framework_step.html", context, status=400 if form.errors else 200)


@admin_required
def criterion_edit(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    criterion = access_criterion_to_manage(user=request.user, framework_pk=pk, criterion_pk=criterion_pk)
    framework = criterion.step.framework
    context = {"framework": framework, "step": criterion.step, "criterion": criterion}
    if refused := _refuse_page(request, framework, "manage/framework_criterion.html", context):
        return refused
    form = CriterionForm(request.POST or None, criterion=criterion)
    if request.method == "POST" and form.is_valid():
        outcome = run_service(form, framework_update_criterion, criterion=criterion, details=form.details())
        if outcome.ok:
            messages.success(request, f"Criterion {criterion.code} saved.")
            return redirect("manage-framework", pk=pk)
        context["extra_errors"] = outcome.details
    context["form"] = form
    return render(request, "manage/framework_criterion.html", context, status=400 if form.errors else 200)


@admin_required
def criterion_new(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    step = access_step_to_manage(user=request.user, framework_pk=pk, number=number)
    context = {"framework": step.framework, "step": step, "criterion": None}
    if refused := _refuse_page(request, step.framework, "manage/framework_criterion.html", context):
        return refused
    form = CriterionForm(request.POST or None, initial={"weight": 1})
    if request.method == "POST" and form.is_valid():
        outcome = run_service(form, framework_add_criterion, step=step, details=form.details())
        if outcome.ok:
            messages.success(request, f"Criterion {outcome.result.code} added to step {step.number}.")
            return redirect("manage-framework", pk=pk)
        context["extra_errors"] = outcome.details
    context["form"] = form
    return render(request, "manage/framework_criterion.html", context, status=400 if form.errors else 200)


def _removal_plan(criterion: Criterion) -> str:
    return fingerprint([criterion.pk, criterion.code, criterion.title])


@admin_required
def criterion_remove(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    """Asks first; removes only when confirmed for the criterion as it was shown."""
    criterion = access_criterion_to_manage(user=request.user, framework_pk=pk, criterion_pk=criterion_pk)
    framework = criterion.step.framework
    context = {"framework": framework, "step": criterion.step, "criterion": criterion}
    if refused := _refuse_page(request, framework, "manage/framework_criterion_remove.html", context):
        return refused
    error = ""
    if request.method == "POST":

        def remove() -> None:
            require_fingerprint(expected=request.POST.get("plan", ""), actual=_removal_plan(criterion))
            framework_remove_criterion(criterion=criterion, user=request.user)

        outcome = run_service(None, remove)
        if outcome.ok:
            messages.success(request, f"Criterion {criterion.code} removed.")
            return redirect("manage-framework", pk=pk)
        error = outcome.message
    context.update(plan=_removal_plan(criterion), error=error)
    return render(request, "manage/framework_criterion_remove.html", context, status=400 if error else 200)


@admin_required
@require_safe
def framework_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    framework = access_framework_to_manage(user=request.user, pk=pk)
    response = HttpResponse(framework_export(framework=framework), content_type="application/yaml; charset=utf-8")
    filename = f"{slugify(framework.name)}-v{framework.version}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@admin_required
def framework_import_view(request: HttpRequest) -> HttpResponse:
    form = FrameworkUploadForm(request.POST or None, request.FILES or None)
    extra_errors: list[str] = []
    if request.method == "POST" and form.is_valid():

        def parse_and_import():
            return framework_import_with_outcome(data=framework_parse(text=form.cleaned_data["file"].text))

        outcome = run_service(form, parse_and_import, error_field="file")
        if outcome.ok:
            framework, result = outcome.result
            messages.success(request, f"{framework}: {result.value}.")
            return redirect("manage-framework", pk=framework.pk)
        extra_errors = outcome.details
    context = {"form": form, "extra_errors": extra_errors}
    return render(request, "manage/framework_import.html", context, status=400 if form.errors else 200)
