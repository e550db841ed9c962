"""ONS periods: ISO 8601 start dates with an optional duration (2023-01-01/P1Y, 2011-01-01/P3Y, 2026-01-01)."""
from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

DURATION = re.compile(r"^P(?:(\d{1,2})Y)?(?:(\d{1,2})M)?$")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    months: int  # 0: a snapshot on the start date

    @property
    def label(self) -> str:
        return period_label(self.start, self.months)


def parse_period(text: str) -> Period:
    """The period of a CSV cell; PeriodError with a reason if it is not one ONS would write."""
    value = text.strip()
    start_text, _, duration = value.partition("/")
    try:
        start = datetime.date.fromisoformat(start_text)
    except ValueError:
        raise PeriodError(f"“{text}” is not a period: expected a date like 2023-01-01, optionally with /P1Y or /P3Y") from None
    if len(start_text) != 10:
        raise PeriodError(f"“{text}” is not a period: the date must be written as YYYY-MM-DD")
    if not _:
        return Period(start, 0)
    match = DURATION.match(duration)
    if not match or not any(match.groups()):
        raise PeriodError(f"“{text}” has a duration this service does not read: use whole years or months, like P1Y or P3Y")
    months = int(match.group(1) or 0) * 12 + int(match.group(2) or 0)
    return Period(start, months)


@functools.lru_cache(maxsize=4096)
def period_label(start: datetime.date, months: int) -> str:
    """A reader's label: 2023, 2023/24 (a year from April or September), 2020 to 2022, April 2024."""
    month = calendar.month_name[start.month]
    if months == 0:
        return f"{start.day} {month} {start.year}" if start.day != 1 else f"{month} {start.year}"
    if months % 12 == 0:
        years = months // 12
        if start.month == 1 and start.day == 1:
            return str(start.year) if years == 1 else f"{start.year} to {start.year + years - 1}"
        first = f"{start.year}/{str(start.year + 1)[2:]}"
        if years == 1:
            return first
        last_start = start.year + years - 1
        return f"{first} to {last_start}/{str(last_start + 1)[2:]}"
    return f"{months} months from {start.day} {month} {start.year}"
