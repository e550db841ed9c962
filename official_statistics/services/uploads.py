"""An admin's upload of a newer CSV + JSON pair for one indicator: preview, then confirm.

The preview keeps the files in a ``PendingUpload`` of that admin (never applied as it
stands). Confirming names the upload and the digest shown on the preview: an upload of
someone else, one already used or expired, a digest that does not match, or a dataset
imported again since the preview (stale) is refused and changes nothing.
"""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from assessments.models import User
from assessments.services.errors import ActionRefused

from ..models import PendingUpload
from .imports import ImportPlan, dataset_import_apply, plan_import
from .reader import read_dataset

PREVIEW_LIFETIME = datetime.timedelta(hours=1)
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
def pending_upload_confirm(*, user: User, pk: int, digest: str) -> ImportPlan:
    pending = PendingUpload.objects.select_for_update().filter(pk=pk, uploaded_by=user).first()
    if pending is None or not constant_time_compare(digest, pending.digest):
        raise ActionRefused(EXPIRED)
    if pending.created_at < timezone.now() - PREVIEW_LIFETIME:
        raise ActionRefused(EXPIRED)
    parsed = read_dataset(
        slug=pending.dataset_slug, csv_bytes=pending.csv_text.encode("utf-8"), json_bytes=pending.json_text.encode("utf-8")
    )
    plan = dataset_import_apply(parsed=parsed, user=user, expected_base_digest=pending.base_digest)
    pending.delete()
    return plan
