"""Administration of the official statistics: what is loaded, and uploading a newer file for one indicator."""
import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from assessments.access.manage import admin_required
from assessments.services.manage_authorities_csv import UploadRefused
from assessments.views.refresh import REFRESH_SECONDS, reload_while
from assessments.views.refusals import run_service

from ..access import access_import_run
from ..forms import DatasetUploadForm
from ..models import ImportStatus
from ..selectors.loaded import datasets_loaded, recent_imports
from ..services.uploads import pending_upload_confirm, pending_upload_create

# An import unfinished this long after its confirmation has lost its worker (stopped mid-import).
IMPORT_OVERDUE_AFTER = datetime.timedelta(minutes=30)


@admin_required
@require_safe
def statistics_index(request: HttpRequest) -> HttpResponse:
    context = {"datasets": datasets_loaded(), "imports": recent_imports()}
    return render(request, "official_statistics/manage_index.html", context)


@admin_required
def statistics_upload(request: HttpRequest) -> HttpResponse:
    form = DatasetUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "official_statistics/manage_upload.html", {"form": form}, status=400 if form.errors else 200)
    csv_bytes, json_bytes = form.contents()
    slug = form.cleaned_data["slug"]
    try:
        pending, plan = pending_upload_create(user=request.user, slug=slug, csv_bytes=csv_bytes, json_bytes=json_bytes)
    except UploadRefused as refusal:
        context = {"form": DatasetUploadForm(initial={"slug": slug}), "refusal": refusal}
        return render(request, "official_statistics/manage_upload.html", context, status=400)
    return render(request, "official_statistics/manage_preview.html", {"pending": pending, "plan": plan})


@admin_required
@require_POST
def statistics_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = run_service(request, pending_upload_confirm, user=request.user, pk=pk, digest=request.POST.get("digest", ""))
    if not outcome.ok:
        return redirect("manage-statistics-upload")
    return redirect("manage-statistics-import", pk=outcome.result.pk)


@admin_required
@require_safe
def statistics_import(request: HttpRequest, pk) -> HttpResponse:
    """An import's progress: the page reloads itself (a Refresh header, no script) until it has
    finished, then says what changed or why nothing did (a refused file's problems row by row)."""
    run = access_import_run(user=request.user, pk=pk)
    overdue = not run.finished and run.created_at < timezone.now() - IMPORT_OVERDUE_AFTER
    stages = [ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.WRITING]
    response = render(request, "official_statistics/manage_import.html", {
        "run": run, "refresh": REFRESH_SECONDS, "stages": [(stage.label, stage.value) for stage in stages],
        "stage_number": stages.index(run.status) + 1 if run.status in stages else len(stages),
        # A refused file's problems, in the upload page's summary and table.
        "refusal": {"message": run.error, "problems": run.problems} if run.problems else None,
        "overdue": overdue,
    })
    return reload_while(response, pending=not run.finished and not overdue)
