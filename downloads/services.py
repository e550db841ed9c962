"""Writes: ask for a prepared export, build it (in a task), let it expire."""
import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from assessments.exports.metadata import person
from assessments.exports.rounds import round_slug, write_round_xlsx
from assessments.models import Round, User
from assessments.selectors.dashboards_overview import OverviewFilters
from outbox.scheduling import enqueue_at

from .models import PreparedExport, PreparedStatus
from .tasks import expire_prepared_export, prepare_round_xlsx

logger = logging.getLogger(__name__)

# A second press of "prepare" within this time reuses the file already being prepared.
REUSE_PREPARING_FOR = timedelta(minutes=30)


def lifetime() -> timedelta:
    return timedelta(hours=settings.EXPORT_FILE_HOURS)


@transaction.atomic
def prepared_export_request(*, round_: Round, user: User, filters: OverviewFilters) -> PreparedExport:
    """Queue the round's XLSX, with the dashboard's filters, for this person (permission is the caller's access_* check)."""
    query = filters.as_query()
    waiting = PreparedExport.objects.filter(
        requested_by=user, round=round_, status=PreparedStatus.PREPARING, filters=query,
        created_at__gte=timezone.now() - REUSE_PREPARING_FOR,
    ).first()
    if waiting is not None:
        return waiting
    export = PreparedExport.objects.create(requested_by=user, round=round_, filters=query)
    prepare_round_xlsx.enqueue(str(export.pk))
    return export


def prepared_export_build(*, export_id: str) -> str:
    """Build the file with the synchronous export's own builder and store it; never raises."""
    export = PreparedExport.objects.select_related("round", "requested_by").filter(pk=export_id).first()
    if export is None or export.status != PreparedStatus.PREPARING:
        return "nothing to prepare"
    try:
        filename = f"{round_slug(export.round)}.xlsx"
        with tempfile.TemporaryFile(suffix=".xlsx") as file:
            # The synchronous export's own builder, with the filters the person asked for it with.
            filters = OverviewFilters.from_query(export.filters)
            write_round_xlsx(file, round_=export.round, filters=filters, generated_by=person(export.requested_by))
            file.seek(0)
            export.file.save(filename, File(file), save=False)
    except Exception as error:  # recorded for the person, who can ask again
        logger.exception("Preparing export %s failed", export_id)
        PreparedExport.objects.filter(pk=export.pk).update(
            status=PreparedStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
        )
        return "failed"
    now = timezone.now()
    with transaction.atomic():
        PreparedExport.objects.filter(pk=export.pk).update(
            status=PreparedStatus.READY, file=export.file.name, filename=filename,
            ready_at=now, expires_at=now + lifetime(),
        )
        enqueue_at(expire_prepared_export, now + lifetime(), str(export.pk))
    return "ready"


def prepared_export_expire(*, export_id: str) -> str:
    """Delete the stored file once its time is up; the record stays so the page can say so."""
    export = PreparedExport.objects.filter(pk=export_id).first()
    if export is None or export.status == PreparedStatus.EXPIRED:
        return "nothing to expire"
    if export.status == PreparedStatus.READY and export.expires_at > timezone.now():
        return "not due"
    if export.file:
        export.file.delete(save=False)
    PreparedExport.objects.filter(pk=export.pk).update(status=PreparedStatus.EXPIRED, file="")
    return "expired"

