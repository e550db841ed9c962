"""The evidence library's pages and the one way a document leaves the service: the download view."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_safe

from assessments.access.authorities import is_editor_of
from assessments.views.refusals import run_service

from .access import (
    access_item,
    access_item_for_edit,
    access_library,
    access_library_for_edit,
    access_version_for_download,
)
from .forms import EvidenceAddForm, EvidenceEditForm, EvidenceReplaceForm
from .selectors import current_version, item_page, library_page
from .services import (
    deletion_refusal,
    document_title,
    evidence_item_create,
    evidence_item_delete,
    evidence_item_replace,
    evidence_item_retire,
    evidence_item_update,
)

# A document is never rendered by the browser: no scripts, no plugins, no same-origin access.
DOWNLOAD_CSP = "default-src 'none'; sandbox"
RETIRE, DELETE = "retire", "delete"


@login_required
@require_safe
def library(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_library(user=request.user, pk=pk)
    return render(request, "evidence/library.html", {
        "page": library_page(authority=authority),
        "can_edit": is_editor_of(user=request.user, authority_id=authority.pk),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def add(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_library_for_edit(user=request.user, pk=pk)
    form = EvidenceAddForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data.get("document")
        title = form.cleaned_data["title"] or document_title(form.checked.filename if form.checked else "")
        outcome = run_service(
            form, evidence_item_create,
            authority=authority, user=request.user, title=title, description=form.cleaned_data["description"],
            url=form.cleaned_data.get("link") or "", upload=document or None,
        )
        if outcome.ok:
            messages.success(request, f"“{outcome.result.title}” added to your evidence library.")
            return redirect("evidence-item", pk=outcome.result.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "evidence/add.html", {"authority": authority, "form": form}, status=status)


@login_required
@require_safe
def item(request: HttpRequest, pk: int) -> HttpResponse:
    found = access_item(user=request.user, pk=pk)
    return render(request, "evidence/item.html", {
        "page": item_page(item=found),
        "can_edit": is_editor_of(user=request.user, authority_id=found.authority_id),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = access_item_for_edit(user=request.user, pk=pk)
    form = EvidenceEditForm(request.POST or None, initial={"title": found.title, "description": found.description})
    if request.method == "POST" and form.is_valid():
        if run_service(form, evidence_item_update, item=found, user=request.user, **form.cleaned_data).ok:
            messages.success(request, "Title and description saved.")
            return redirect("evidence-item", pk=found.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "evidence/edit.html", {"item": found, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def replace(request: HttpRequest, pk: int) -> HttpResponse:
    found = access_item_for_edit(user=request.user, pk=pk)
    form = EvidenceReplaceForm(request.POST or None, request.FILES or None, is_document=found.kind == "document")
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            form, evidence_item_replace,
            item=found, user=request.user, url=form.cleaned_data.get("link") or "",
            upload=form.cleaned_data.get("document") or None,
        )
        if outcome.ok:
            messages.success(
                request, f"Version {outcome.result.number} added. Submissions that cited an earlier version still show that one."
            )
            return redirect("evidence-item", pk=found.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "evidence/replace.html", {"item": found, "form": form, "current": current_version(found)},
                  status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an item nothing uses; retire one a submission cites (it is kept for that submission)."""
    found = access_item_for_edit(user=request.user, pk=pk)
    refusal = deletion_refusal(item=found)
    context = {"item": found, "refusal": refusal, "error": ""}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == DELETE:
            outcome = run_service(None, evidence_item_delete, item=found, user=request.user)
            if outcome.ok:
                messages.success(request, f"“{found.title}” deleted.")
                return redirect("evidence-library", pk=found.authority_id)
        elif action == RETIRE:
            outcome = run_service(None, evidence_item_retire, item=found, user=request.user)
            if outcome.ok:
                messages.success(request, f"“{found.title}” retired. It can no longer be attached to answers.")
                return redirect("evidence-item", pk=found.pk)
        context["error"] = outcome.message if action in (DELETE, RETIRE) else "Choose whether to delete or retire the item"
        return render(request, "evidence/remove.html", context, status=400)
    return render(request, "evidence/remove.html", context)


@login_required
@require_safe
def download(request: HttpRequest, pk: int) -> FileResponse:
    version = access_version_for_download(user=request.user, pk=pk)
    response = FileResponse(
        version.file.open("rb"), as_attachment=True, filename=version.filename, content_type=version.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response
