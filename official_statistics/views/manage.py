"""Administration of the official statistics: what is loaded, and uploading a newer file for one indicator."""
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from assessments.access.manage import admin_required
from assessments.services.manage_authorities_csv import UploadRefused
from assessments.views.refusals import refusal_text, run_service

from ..forms import DatasetUploadForm
from ..models import Dataset
from ..services.uploads import pending_upload_confirm, pending_upload_create


@admin_required
@require_safe
def statistics_index(request: HttpRequest) -> HttpResponse:
    datasets = Dataset.objects.select_related("imported_by").annotate(indicator_count=Count("indicators")).order_by("slug")
    return render(request, "official_statistics/manage_index.html", {"datasets": datasets})


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
    outcome = run_service(None, pending_upload_confirm, user=request.user, pk=pk, digest=request.POST.get("digest", ""))
    if isinstance(outcome.refusal, UploadRefused):  # the file's own problems, listed on the upload page
        context = {"form": DatasetUploadForm(), "refusal": outcome.refusal}
        return render(request, "official_statistics/manage_upload.html", context, status=400)
    if not outcome.ok:
        messages.error(request, refusal_text(outcome.refusal))
        return redirect("manage-statistics-upload")
    plan = outcome.result
    messages.success(request, f"Imported {plan.slug}: " + ("no change." if not plan.changes else f"{plan.kept_rows:,} rows now stored."))
    return redirect("manage-statistics")
