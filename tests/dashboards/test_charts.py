"""Charts: accessible SVG (role, title, description) with geometry that matches the numbers."""
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from assessments import charts
from assessments.models import AssessmentState
from tests.factories import RoundFactory

from .conftest import populate

D = Decimal


def test_strip_plot_places_dots_and_box_on_a_0_to_100_axis():
    chart = charts.strip_plot(id="s", title="Step 1", scores=[D(0), D(50), D(100), None])
    assert [x for x, _ in chart.dots] == [20.0, 320.0, 620.0]
    assert chart.box["median"] == 320.0 and chart.box["q1"] == 170.0 and chart.box["width"] == 300.0
    assert "3 scored authorities" in chart.description and "median 50.00" in chart.description


def test_stacked_bars_widths_add_up():
    chart = charts.stacked_bars(id="b", title="t", rows=[("1.1", {0: 1, 1: 0, 2: 3})], labels={0: "0", 1: "1", 2: "2"})
    [bar] = chart.bars
    assert [s.count for s in bar.segments] == [1, 3]
    assert sum(s.width for s in bar.segments) == 560.0
    assert "1.1: 0 1, 1 0, 2 3" in chart.description


def test_radar_and_trend_describe_their_numbers():
    radar = charts.radar(id="r", title="t", labels=["Step 1", "Step 2", "Step 3"],
                         series=[("self", "Us", [D(100), None, D(50)])])
    assert radar.series[0].markers[0] == (210.0, 60.0)  # top spoke, full length
    assert "Step 2 not scored" in radar.description
    trend = charts.trend_chart(id="t", title="t", rounds=["A", "B", "C"], series=[("self", "Index", [D(0), None, D(100)])])
    assert len(trend.lines[0].segments) == 2  # the missing round breaks the line


@pytest.mark.parametrize("template, chart", [
    ("_strip.html", charts.strip_plot(id="x", title="T", scores=[D(10)])),
    ("_bars.html", charts.stacked_bars(id="x", title="T", rows=[("1.1", {0: 1})], labels={0: "0"})),
    ("_radar.html", charts.radar(id="x", title="T", labels=["a", "b", "c"], series=[("self", "Us", [D(1), D(2), D(3)])])),
    ("_trend.html", charts.trend_chart(id="x", title="T", rounds=["A"], series=[("self", "I", [D(5)])])),
])
def test_every_chart_is_a_labelled_image(template, chart):
    svg = render_to_string(f"dashboards/charts/{template}", {"chart": chart})
    assert 'role="img"' in svg and 'aria-labelledby="x-title x-desc"' in svg
    assert '<title id="x-title">T</title>' in svg and '<desc id="x-desc">' in svg
    assert "style=" not in svg


@pytest.mark.django_db
def test_chart_pages_also_show_tables(client_for, open_round):
    earlier = RoundFactory(closed=True, framework=open_round.framework)
    [old] = populate(earlier, 1, state=AssessmentState.APPROVED, level=1)
    populate(open_round, 1, level=3, authorities=[old.authority])
    client = client_for("reviewer")
    step = client.get(reverse("dashboard-step", args=[open_round.pk, 1])).content.decode()
    assert step.count('role="img"') == 2 and "Number of authorities at each level" in step
    profile = client.get(reverse("dashboard-authority", args=[old.authority_id])).content.decode()
    assert profile.count('role="img"') == 2
    assert "Readiness index and step scores in each round" in profile and "National median" in profile
