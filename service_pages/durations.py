"""Lengths of time in words, as the service's pages state them ("30 minutes", "52 weeks")."""
from datetime import timedelta

_UNITS = (
    ("year", 365 * 24 * 3600),
    ("week", 7 * 24 * 3600),
    ("day", 24 * 3600),
    ("hour", 3600),
    ("minute", 60),
    ("second", 1),
)


def duration_words(length: timedelta | int | float) -> str:
    """The largest whole unit that measures the length exactly: 1800 -> "30 minutes", 604800 -> "1 week"."""
    seconds = int(length.total_seconds() if isinstance(length, timedelta) else length)
    if seconds <= 0:
        return "0 seconds"
    for name, size in _UNITS:
        if seconds % size == 0:
            count = seconds // size
            return f"{count:,} {name}{'s' if count != 1 else ''}"
    raise AssertionError("unreachable: every whole number of seconds is a whole number of seconds")
