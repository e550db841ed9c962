"""An admin's upload of a newer CSV + JSON pair for one indicator: preview, then confirm.

The preview keeps the files in a ``PendingUpload`` of that admin (never applied as it
stands). Confirming names the upload and the digest shown on the preview: an upload of
someone else, one already used or expired, or a digest that does not match is refused
and changes nothing. A confirmed upload becomes an ``ImportRun`` that a task imports
(``import_run_execute``), with its progress on a page; a dataset imported again since the
preview (stale) makes that run fail and change nothing.
"""
from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from assessments.models import User
from assessments.services.errors import ActionRefused
from assessments.services.manage_authorities_csv import UploadRefused

from ..models import ImportRun, ImportStatus, PendingUpload
from ..tasks import run_statistics_import
from .imports import ImportPlan, dataset_import_apply, plan_import
from .reader import read_dataset

logger = logging.getLogger(__name__)

PREVIEW_LIFETIME = datetime.timedelta(hours=1)
# A refused import keeps this many of its problems for its page (the upload page lists them all).
MAX_PROBLEMS_KEPT = 500
EXPIRED = "This preview has expired or was already used. Nothing has been changed: upload the files again."


def pending_upload_create(*, user: User, slug: str, csv_bytes: bytes, json_bytes: bytes) -> tuple[PendingUpload, ImportPlan]:
    """Check the pair and keep it for confirmation; UploadRefused (every problem, with rows) if it cannot be imported."""
    parsed = read_dataset(slug=slug, csv_bytes=csv_bytes, json_bytes=json_bytes)
    plan = plan_import(parsed=parsed)
    with transaction.atomic():
        # One preview per admin at a time, and none left lying about.
        PendingUpload.objects.filter(uploaded_by=user).delete()
        PendingUpload.objects.filter(created_at__lt=timezone.now() - PREVIEW_LIFETIME).delete()
        pending = PendingUpload.objects.create(
            dataset_slug=slug, csv_text=csv_bytes.decode("utf-8"), json_text=json_bytes.decode("utf-8"),
            digest=plan.digest, base_digest=plan.base_digest, uploaded_by=user,
        )
    return pending, plan


@transaction.atomic
def pending_upload_confirm(*, user: User, pk: int, digest: str) -> ImportRun:
    """Turn this admin's checked preview into an import run and queue it, in one transaction (no run without its task)."""
    pending = PendingUpload.objects.select_for_update().filter(pk=pk, uploaded_by=user).first()
    if pending is None or not constant_time_compare(digest, pending.digest):
        raise ActionRefused(EXPIRED)
    if pending.created_at < timezone.now() - PREVIEW_LIFETIME:
        raise ActionRefused(EXPIRED)
    run = ImportRun.objects.create(
        dataset_slug=pending.dataset_slug, csv_text=pending.csv_text, json_text=pending.json_text,
        digest=pending.digest, base_digest=pending.base_digest, requested_by=user,
    )
    pending.delete()
    run_statistics_import.enqueue(str(run.pk))
    return run


def _finish(run: ImportRun, status: ImportStatus, **fields) -> None:
    ImportRun.objects.filter(pk=run.pk).update(status=status, finished_at=timezone.now(), csv_text="", json_text="", **fields)


def import_run_execute(*, run_id: str) -> str:
    """Check the files again, then replace the series whole (``dataset_import_apply``), recording each stage.

    Each stage is saved before it starts, so the progress page can say what is happening;
    the import itself is one transaction, so a failure at any point changes no figures.
    """
    # Claim the run (queued -> checking) with one conditional UPDATE: a task run twice, or by
    # two workers at once, imports once.
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CHECKING, started_at=timezone.now()
    )
    if not claimed:
        return "nothing to import"
    run = ImportRun.objects.select_related("requested_by").get(pk=run_id)
    try:
        parsed = read_dataset(slug=run.dataset_slug, csv_bytes=run.csv_text.encode("utf-8"), json_bytes=run.json_text.encode("utf-8"))
        ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.WRITING, rows=len(parsed.rows))
        plan = dataset_import_apply(parsed=parsed, user=run.requested_by, expected_base_digest=run.base_digest)
    except UploadRefused as refusal:
        # Row by row, for the same problems table as the upload page (the first MAX_PROBLEMS_KEPT).
        problems = [{"row": p.row, "column": p.column, "message": p.message} for p in refusal.problems[:MAX_PROBLEMS_KEPT]]
        _finish(run, ImportStatus.FAILED, error=refusal.message, problems=problems)
        return "refused"
    except ActionRefused as refusal:
        _finish(run, ImportStatus.FAILED, error=refusal.message)
        return "refused"
    except Exception as error:  # recorded for the admin, who can upload again
        logger.exception("Statistics import %s failed", run_id)
        _finish(run, ImportStatus.FAILED, error=f"The import failed ({type(error).__name__}). Nothing has been changed.")
        return "failed"
    _finish(run, ImportStatus.DONE, summary=plan.summary(), rows=plan.kept_rows)
    return "imported"
