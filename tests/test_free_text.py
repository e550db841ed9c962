"""Free text for spreadsheets (``assessments.text``): the quick check for clean text must never
let through a character the full clean-up would change."""
import re

from hypothesis import given
from hypothesis import strategies as st

from assessments.text import without_control_characters

PASTED_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0e, 0x20), *range(0x7f, 0xa0)])


def _cleaned_the_long_way(value: str) -> str:
    return re.sub(f"[{re.escape(CONTROLS)}]", "", re.sub(f"[{PASTED_BREAKS}]", "\n", value))


@given(st.text(alphabet=st.sampled_from("ab £\t\n\r=" + PASTED_BREAKS + CONTROLS)) | st.text())
def test_clean_up_is_the_same_with_or_without_the_quick_check(value):
    assert without_control_characters(value) == _cleaned_the_long_way(value)


def test_word_line_breaks_become_newlines_and_escape_codes_go():
    assert without_control_characters("Line one\x0bLine two\x1b[31m") == "Line one\nLine two[31m"
