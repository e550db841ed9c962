"""Dates and times the GOV.UK way: "28 November 2026", "28 November 2026 at 4:03pm"."""
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format


def govuk_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    if local.hour == 12 and local.minute == 0:
        return f"{date_format(local)} at midday"
    if local.hour == 0 and local.minute == 0:
        return f"{date_format(local)} at midnight"
    return f"{date_format(local)} at {hour}:{local.minute:02d}{suffix}"
