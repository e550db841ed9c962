"""Authority CSV import: upload, preview, confirm.

Between preview and confirm the file is kept in the signed-in admin's session (at most
1 MB; the database is not touched). Confirming re-reads it and checks it again, so what
is applied is what the database now allows; the digest ties the confirm button to the
preview the admin actually saw.
"""
import hashlib

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from assessments.access.manage import admin_required
from assessments.forms.manage_authorities import ImportUploadForm
from assessments.models import AuthorityKind, LinkKind
from assessments.services.manage_authorities_csv import COLUMN_HELP, FileKind, UploadRefused, template_csv
from assessments.services.manage_authorities_import import (
    authorities_import_apply,
    authorities_import_preview,
)

SESSION_KEY = "manage_authority_import"


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _help() -> dict:
    """The column explanations and kind codes the page shows (admins cannot see the repository)."""
    return {"formats": [(kind, COLUMN_HELP[kind]) for kind in FileKind], "kinds": AuthorityKind.choices,
            "link_kinds": LinkKind.choices}


@admin_required
@require_safe
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """A CSV file with the header and one example row, to fill in."""
    if kind not in {known.value for known in FileKind}:
        raise Http404("No such kind of file")
    response = HttpResponse(template_csv(kind=FileKind(kind)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
    return response


@admin_required
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "manage/import_upload.html", {"form": form, **_help()}, status=400 if form.errors else 200)
    content, kind = form.content(), FileKind(form.cleaned_data["kind"])
    try:
        plan = authorities_import_preview(content=content, kind=kind)
    except UploadRefused as refusal:
        request.session.pop(SESSION_KEY, None)
        context = {"form": ImportUploadForm(initial={"kind": kind.value}), "refusal": refusal, "file_name": form.cleaned_data["file"].name, **_help()}
        return render(request, "manage/import_upload.html", context, status=400)
    # Only a valid file (so UTF-8 text under the size limit) is kept in the session.
    text = content.decode("utf-8-sig")
    digest = _digest(text.encode("utf-8"))
    request.session[SESSION_KEY] = {"kind": kind.value, "text": text}
    context = {"plan": plan, "kind": kind, "digest": digest, "file_name": form.cleaned_data["file"].name}
    return render(request, "manage/import_preview.html", context)


@admin_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(SESSION_KEY)
    content = stored["text"].encode("utf-8") if stored else b""
    if not stored or request.POST.get("digest") != _digest(content):
        messages.error(request, "The preview has expired or was replaced by another upload. Upload the file again.")
        return redirect("manage-authorities-import")
    try:
        plan = authorities_import_apply(content=content, kind=FileKind(stored["kind"]), user=request.user)
    except UploadRefused as refusal:
        # The database changed since the preview (another admin's edit, say).
        context = {"form": ImportUploadForm(initial={"kind": stored["kind"]}), "refusal": refusal}
        return render(request, "manage/import_upload.html", context, status=409)
    finally:
        request.session.pop(SESSION_KEY, None)
    messages.success(
        request, f"File imported: {len(plan.created)} created, {len(plan.updated)} updated, {len(plan.unchanged)} unchanged."
    )
    return redirect("manage-authorities")
