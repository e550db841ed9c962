"""Ids typed into URLs' query strings and forms: one rule for what counts as one."""

# The largest primary key either database stores (a signed 64-bit integer); larger
# numbers overflow SQLite's driver instead of simply matching nothing.
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """The id written in ``value`` (ASCII digits only, within range), or None.

    ``str.isdigit`` is not enough: it accepts "²" and other Unicode digits that ``int`` refuses.
    """
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
