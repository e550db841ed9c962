"""Markup built in Python for pages with a thousand rows (``assessments.markup``) escapes every
value as the template engine would: a hostile authority name is text, never markup."""
import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from assessments.markup import repeat, text, url_for_each
from assessments.templatetags.dashboards import heat_cell

HOSTILE = 'Evil "quoted" <script>alert(1)</script> & O\'Brien'


def test_text_escapes_like_the_template_engine():
    rendered = Template("{{ value }}").render(Context({"value": HOSTILE}))
    assert text(HOSTILE) == rendered
    assert "<script>" not in text(HOSTILE)


def test_safe_markup_and_empty_values():
    assert text(mark_safe("<b>kept</b>")) == "<b>kept</b>"
    assert text(None) == ""
    assert str(repeat('<li title="{}">{}</li>', [(HOSTILE, 1)])).count("<script>") == 0


def test_a_heat_cell_label_cannot_break_out_of_its_attribute():
    from decimal import Decimal

    cell = str(heat_cell(Decimal("55.00"), label=HOSTILE))
    assert 'data-label="Evil &quot;quoted&quot; &lt;script&gt;' in cell and "<script>" not in cell


@pytest.mark.django_db
def test_url_for_each_gives_each_rows_own_address():
    from django.urls import reverse

    pattern = url_for_each("dashboard-authority")
    assert pattern.format(7) == reverse("dashboard-authority", args=[7])
    assert pattern.format(123456) == reverse("dashboard-authority", args=[123456])
