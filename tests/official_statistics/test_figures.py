"""The pure pieces: periods as ONS writes them, ranks with ties, a council range's median, formatting."""
import datetime

import pytest

from official_statistics import figures
from official_statistics.periods import PeriodError, parse_period, period_label


@pytest.mark.parametrize("text, start, months, label", [
    ("2023-01-01/P1Y", "2023-01-01", 12, "2023"),
    ("2023-04-01/P1Y", "2023-04-01", 12, "2023/24"),
    ("2011-01-01/P3Y", "2011-01-01", 36, "2011 to 2013"),
    ("2022-04-01/P3Y", "2022-04-01", 36, "2022/23 to 2024/25"),
    ("2026-01-01", "2026-01-01", 0, "January 2026"),
    ("2025-04-30", "2025-04-30", 0, "30 April 2025"),
])
def test_periods(text, start, months, label):
    period = parse_period(text)
    assert (period.start, period.months) == (datetime.date.fromisoformat(start), months)
    assert period_label(period.start, period.months) == label


@pytest.mark.parametrize("text", ["2023", "2023/P1Y", "2023-01-01/P1W", "2023-01-01/", "2023-13-01/P1Y", "20230101"])
def test_bad_periods(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_rank_follows_the_direction_and_ties_share_a_rank():
    pool = [30.0, 40.0, 40.0, 50.0]
    assert figures.rank(40.0, pool, higher_is_better=True) == 2
    assert figures.rank(50.0, pool, higher_is_better=True) == 1
    assert figures.rank(30.0, pool, higher_is_better=False) == 1
    assert figures.rank(50.0, pool, higher_is_better=False) == 4


def test_council_range_is_the_median_of_the_values_never_their_mean():
    values = [figures.Named("E1", "A", 10.0), figures.Named("E2", "B", 11.0), figures.Named("E3", "C", 30.0)]
    found = figures.council_range(values=values, members=4, period_label="2023")
    assert found.median == 11.0  # the mean would be 17.0
    assert (found.lowest.name, found.highest.name, found.published, found.members) == ("A", "C", 3, 4)
    even = figures.council_range(values=values[:2], members=2, period_label="2023")
    assert even.median == 10.5
    assert figures.council_range(values=[], members=3, period_label="2023") is None


def test_formatting():
    assert figures.format_value(64947.535, places=0, prefix="£") == "£64,948"
    assert figures.format_value(-0.04, places=1) == "0.0"
    assert figures.format_value(None, places=1) == "Not available"
    assert figures.format_change(-1.26, places=1, suffix=" points") == "−1.3 points"
    assert figures.format_change(0.01, places=1) == "No change"
    assert figures.is_improvement(-2.0, higher_is_better=False) is True
