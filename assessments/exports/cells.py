"""Spreadsheet cell safety: text that a spreadsheet would run as a formula is neutralised, and
control characters already stored (which spreadsheet programs refuse) are dropped."""
from functools import lru_cache

from assessments.text import without_control_characters

# A leading = + - @ starts a formula in Excel, LibreOffice and Google Sheets; tab and carriage
# return are also treated as formula starts by some of them (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text without control characters, prefixed with a single quote if it would start a formula.

    Other values pass unchanged.
    """
    if not isinstance(value, str):
        return value
    return _short_neutralised(value) if len(value) <= SHORT else _neutralised(value)


# An export repeats the same few thousand short texts (names, labels, criterion titles) in
# most of its half a million cells: each is checked once. Long free text is rarely repeated
# and is not kept.
SHORT = 300


def _neutralised(value: str) -> str:
    value = without_control_characters(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


_short_neutralised = lru_cache(maxsize=8192)(_neutralised)


def safe_row(values) -> list:
    return [neutralise(value) for value in values]
