"""Tables that stack into cards on a phone label every cell: without data-label, a card shows bare numbers.

Below GOV.UK's tablet breakpoint an ``app-table--stack`` table hides its column headings and
each cell shows its ``data-label`` before its value (static/css/service.css). A cell without
one reads as "1" or "0" with nothing to say what it counts.
"""
import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
STACKED = sorted(path for path in TEMPLATES.rglob("*.html") if "app-table--stack" in path.read_text())
TABLE = re.compile(r"<table[^>]*app-table--stack[^>]*>.*?</table>", re.S)
BODY_CELL = re.compile(r"<td\b[^>]*>")


@pytest.mark.parametrize("path", STACKED, ids=[str(p.relative_to(TEMPLATES)) for p in STACKED])
def test_every_cell_of_a_stacked_table_says_what_it_is(path):
    for table in TABLE.findall(path.read_text()):
        body = table.split("</thead>", 1)[-1]
        unlabelled = [cell for cell in BODY_CELL.findall(body) if "data-label" not in cell and "colspan" not in cell]
        assert not unlabelled, f"{path.relative_to(TEMPLATES)}: cells without data-label: {unlabelled}"
