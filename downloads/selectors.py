"""Reads: how big an export is, and whether it is prepared in the background."""
from django.conf import settings

from assessments.models import Assessment, Criterion, Round


def round_export_rows(*, round_: Round) -> int:
    """Rows of the criteria sheet: one per assessment x criterion (two counts, no rows read)."""
    criteria = Criterion.objects.filter(step__framework_id=round_.framework_id).count()
    return Assessment.objects.filter(round=round_).count() * criteria


def export_in_background(*, round_: Round) -> bool:
    return round_export_rows(round_=round_) > settings.EXPORT_BACKGROUND_ROWS
