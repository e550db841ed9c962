"""Dates and times read the GOV.UK way."""
from datetime import datetime
from zoneinfo import ZoneInfo

from assessments.dates import govuk_datetime

LONDON = ZoneInfo("Europe/London")


def test_afternoon_in_summer_time_is_shown_in_london_time():
    assert govuk_datetime(datetime(2026, 7, 1, 15, 3, tzinfo=ZoneInfo("UTC"))) == "1 July 2026 at 4:03pm"


def test_morning_midday_and_midnight():
    assert govuk_datetime(datetime(2026, 11, 28, 9, 5, tzinfo=LONDON)) == "28 November 2026 at 9:05am"
    assert govuk_datetime(datetime(2026, 11, 28, 12, 0, tzinfo=LONDON)) == "28 November 2026 at midday"
    assert govuk_datetime(datetime(2026, 11, 28, 0, 0, tzinfo=LONDON)) == "28 November 2026 at midnight"
    assert govuk_datetime(datetime(2026, 11, 28, 0, 30, tzinfo=LONDON)) == "28 November 2026 at 12:30am"


def test_nothing_for_no_time():
    assert govuk_datetime(None) == ""
