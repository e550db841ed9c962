"""Charts: accessible SVG (role, title, description) with geometry that matches the numbers."""
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from assessments import charts
from assessments.models import AssessmentState
from tests.builders import answer_by_code, populate, set_state
from tests.factories import AssessmentFactory, RoundFactory

D = Decimal


def test_strip_plot_places_named_dots_and_box_on_a_0_to_100_axis():
    points = [("A", D(0)), ("B", D(25)), ("C", D(50)), ("D", D(75)), ("E", D(100)), ("F", None)]
    chart = charts.strip_plot(id="s", title="Step 1", points=points)
    assert [d.x for d in chart.dots] == [20.0, 170.0, 320.0, 470.0, 620.0]
    assert [d.title for d in chart.dots] == ["A: 0.00", "B: 25.00", "C: 50.00", "D: 75.00", "E: 100.00"]
    assert chart.box["median"] == 320.0 and chart.box["q1"] == 170.0 and chart.box["width"] == 300.0
    assert "5 scored authorities" in chart.description and "median 50.00" in chart.description
    svg = render_to_string("dashboards/charts/_strip.html", {"chart": chart})
    assert "<title>C: 50.00</title>" in svg and "Step score, 0 to 100" in svg and "Thick line: median" in svg


def test_strip_plot_of_too_few_has_named_dots_but_no_box():
    chart = charts.strip_plot(id="s", title="Step 1", points=[("A", D(10)), ("B", D(90))])
    assert chart.box is None
    assert chart.description == "2 scored authorities: too few to summarise. A: 10.00, B: 90.00."
    svg = render_to_string("dashboards/charts/_strip.html", {"chart": chart})
    assert "app-chart__box" not in svg and "Thick line: median" not in svg and "too few to summarise" in svg


def test_stacked_bars_widths_add_up():
    chart = charts.stacked_bars(id="b", title="t", rows=[("1.1", {0: 1, 1: 0, 2: 3})], labels={0: "0", 1: "1", 2: "2"})
    [bar] = chart.bars
    assert [s.count for s in bar.segments] == [1, 3]
    assert sum(s.width for s in bar.segments) == 640.0
    assert "1.1: 0 1, 1 0, 2 3" in chart.description


def test_radar_and_trend_describe_their_numbers():
    radar = charts.radar(id="r", title="t", labels=["Step 1", "Step 2", "Step 3"],
                         series=[("self", "Us", [D(100), None, D(50)])])
    assert radar.series[0].markers[0] == (210.0, 60.0)  # top spoke, full length
    assert "Step 2 not scored" in radar.description
    trend = charts.trend_chart(id="t", title="t", rounds=["A", "B", "C"], series=[("self", "Index", [D(0), None, D(100)])])
    assert len(trend.lines[0].segments) == 2  # the missing round breaks the line


@pytest.mark.parametrize("template, chart", [
    ("_strip.html", charts.strip_plot(id="x", title="T", points=[("A", D(10))])),
    ("_bars.html", charts.stacked_bars(id="x", title="T", rows=[("1.1", {0: 1})], labels={0: "0"})),
    ("_radar.html", charts.radar(id="x", title="T", labels=["a", "b", "c"], series=[("self", "Us", [D(1), D(2), D(3)])])),
    ("_trend.html", charts.trend_chart(id="x", title="T", rounds=["A"], series=[("self", "I", [D(5)])])),
])
def test_every_chart_is_a_labelled_image(template, chart):
    svg = render_to_string(f"dashboards/charts/{template}", {"chart": chart})
    assert 'role="img"' in svg and 'aria-labelledby="x-title x-desc"' in svg
    assert '<title id="x-title">T</title>' in svg and '<desc id="x-desc">' in svg
    assert "style=" not in svg


def _table_text(page: str, caption: str) -> str:
    """The text of the table with this caption, tags dropped and spaces collapsed."""
    table = next(t for t in re.findall(r"<table.*?</table>", page, re.S) if caption in t)
    return " ".join(re.sub(r"<[^>]+>", " ", table).split())


@pytest.mark.django_db
def test_chart_pages_also_show_their_numbers_in_tables(client_for, open_round):
    earlier = RoundFactory(closed=True, framework=open_round.framework)
    [old] = populate(earlier, 1, state=AssessmentState.APPROVED, level=1)
    populate(open_round, 1, level=3, authorities=[old.authority])
    # A second authority answers step 1 differently, so each criterion's counts differ.
    other = set_state(AssessmentFactory(round=open_round), AssessmentState.SUBMITTED)
    answer_by_code(other, {"1.1": 0, "1.2": 4})  # 1.3 left unanswered
    client = client_for("reviewer")
    step = client.get(reverse("dashboard-step", args=[open_round.pk, 1])).content.decode()
    assert step.count('role="img"') == 2
    levels = _table_text(step, "Number of authorities at each level")
    # Columns: levels 0 to 4, not applicable, not answered.
    assert "1.1 Criterion 1.1 1 0 0 1 0 0 0" in levels
    assert "1.2 Criterion 1.2 0 0 0 1 1 0 0" in levels
    assert "1.3 Criterion 1.3 0 0 0 1 0 0 1" in levels
    profile = client.get(reverse("dashboard-authority", args=[old.authority_id])).content.decode()
    assert profile.count('role="img"') == 2 and "National median" in profile
    rounds = _table_text(profile, "Readiness index and step scores in each round")
    assert f"{earlier.name} Approved 25.00 Red 25.00" in rounds  # level 1 everywhere: 25
    assert f"{open_round.name} Submitted 75.00 Green 75.00" in rounds  # level 3 everywhere: 75


def test_trend_axis_names_the_rounds_and_every_line_has_a_legend():
    chart = charts.trend_chart(id="t", title="T", rounds=["Baseline 2020", "2026–27 readiness"],
                               series=[("self", "Readiness index", [D(40), D(60)])])
    svg = render_to_string("dashboards/charts/_trend.html", {"chart": chart})
    assert ">Baseline 2020</text>" in svg and ">2026–27 readiness</text>" in svg
    assert "Round, oldest first" in svg and "Score, 0 to 100" in svg
    assert "Readiness index (solid line, round markers)" in svg


def test_radar_keeps_coinciding_medians_apart_by_line_and_marker_and_labels_its_scale():
    same = [D(50), D(50), D(50)]
    chart = charts.radar(id="r", title="T", labels=["Step 1", "Step 2", "Step 3"], series=[
        ("self", "Us", [D(80), D(70), D(60)]), ("national", "National median of 9 authorities", same),
        ("peers", "Median of 6 mayoral combined authorities", same), ("none", "Withheld median", [None, None, None]),
    ])
    svg = render_to_string("dashboards/charts/_radar.html", {"chart": chart})
    assert svg.count('class="app-chart__marker app-chart__marker--national"') == 3  # squares
    assert svg.count("<polygon class=\"app-chart__marker app-chart__marker--peers\"") == 3  # diamonds
    assert "(dashed line, square markers)" in svg and "(dotted line, diamond markers)" in svg
    assert "Withheld median: not drawn" in svg
    assert [value for _x, _y, value in chart.ring_labels] == [25, 50, 75, 100]


def test_bars_name_each_criterion_and_every_colour():
    chart = charts.stacked_bars(id="b", title="T", rows=[("1.1 Agreed institutional roadmap", {0: 1, "na": 2})],
                                labels={0: "0 Absent", "na": "Not applicable"})
    svg = render_to_string("dashboards/charts/_bars.html", {"chart": chart})
    assert ">1.1 Agreed institutional roadmap</text>" in svg
    assert "app-chart__key--swatch-0" in svg and "app-chart__key--swatch-na" in svg and "Not applicable</li>" in svg


@pytest.mark.django_db
def test_heatmap_headings_name_the_steps(client_for, open_round):
    populate(open_round, 1, level=2)
    page = client_for("reviewer").get(reverse("dashboard-round", args=[open_round.pk])).content.decode()
    step = open_round.framework.steps.get(number=1)
    assert f">1. {step.short_title}</a>" in page and ">Step 1</a>" not in page
