"""Free text typed or pasted by people: one definition of which characters it may hold.

Tab and newline are the only control characters kept. Line and page breaks that other
programs paste (Word's Shift+Enter is a vertical tab, ``\\x0b``; carriage returns; form
feeds; Unicode line and paragraph separators) become a newline, because that is what
the person meant. Every other control character (NUL, bell, escape, DEL and the C1
range) means nothing in prose, breaks PostgreSQL (NUL) or spreadsheets (openpyxl refuses
them), so forms refuse it with a clear error and exports drop whatever is already stored.
"""
import re

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# C0 controls except tab (\x09) and newline (\x0a), DEL, and C1 controls. Line breaks
# above are normalised before this is applied.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise_line_breaks(value: str) -> str:
    """Every kind of pasted line break as a newline."""
    return _LINE_BREAKS.sub("\n", value)


def control_character_position(value: str) -> int | None:
    """1-based position of the first control character free text may not hold, or None."""
    match = _CONTROL_CHARACTERS.search(normalise_line_breaks(value))
    return match.start() + 1 if match else None


def without_control_characters(value: str) -> str:
    """Text made safe to write anywhere (spreadsheets, PostgreSQL): line breaks normalised, other controls dropped."""
    return _CONTROL_CHARACTERS.sub("", normalise_line_breaks(value))
