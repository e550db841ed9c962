"""Free text typed or pasted by people: one definition of which characters it may hold.

Tab and newline are the only control characters kept. Line and page breaks that other
programs paste (Word's Shift+Enter is a vertical tab, ``\\x0b``; carriage returns; form
feeds; Unicode line and paragraph separators) become a newline, because that is what
the person meant. Every other control character (NUL, bell, escape, DEL and the C1
range) means nothing in prose, breaks PostgreSQL (NUL) or spreadsheets (they refuse
them), so forms refuse it with a clear error and exports drop whatever is already stored.
"""
import re

# Breaks other programs paste: vertical tab (Word's Shift+Enter), form feed, the
# information separators, next line, and Unicode's line and paragraph separators.
_PASTED_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# The other C0 controls (all but tab, newline and carriage return), DEL and the C1 range.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def normalise_line_breaks(value: str) -> str:
    """Every kind of line break (Windows, old Mac, pasted) as a newline."""
    return _PASTED_LINE_BREAKS.sub("\n", value.replace("\r\n", "\n").replace("\r", "\n"))


def control_character_position(value: str) -> int | None:
    """1-based position of the first control character free text may not hold, or None."""
    match = _CONTROL_CHARACTERS.search(normalise_line_breaks(value))
    return match.start() + 1 if match else None


# Either of the above: one search that tells clean text (nearly all of it) from text to clean.
_EITHER = re.compile(f"{_PASTED_LINE_BREAKS.pattern}|{_CONTROL_CHARACTERS.pattern}")


def without_control_characters(value: str) -> str:
    """Stored text made safe for a spreadsheet: pasted breaks as newlines, other controls dropped.

    Tab, newline and carriage return are kept as they are.
    """
    if _EITHER.search(value) is None:  # an export checks half a million cells: skip the two rewrites
        return value
    return _CONTROL_CHARACTERS.sub("", _PASTED_LINE_BREAKS.sub("\n", value))
