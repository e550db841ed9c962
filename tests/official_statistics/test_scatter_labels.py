"""The scatter's label placement: filed in a grid for speed, it must place every label
exactly where checking each against every placed label would (the rule a reader sees:
names are never drawn over one another; a dot with no free line within six is left unnamed
on the chart, its name in its title and the table)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from official_statistics.charts import CHAR_WIDTH, LINE_HEIGHT, _place_labels

STEPS = (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6)


def _place_by_checking_every_label(points, *, right_edge, top, bottom):
    placed, found = [], []
    for label, cx, cy in sorted(points, key=lambda p: (p[2], p[1])):
        width = CHAR_WIDTH * len(label)
        right = cx + 7 + width < right_edge
        named = False
        for step in STEPS:
            y = min(max(cy + step * LINE_HEIGHT, top + 6), bottom - 6)
            left_x = cx + 7 if right else cx - 7 - width
            box = (left_x, y - LINE_HEIGHT / 2, left_x + width, y + LINE_HEIGHT / 2)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                named = True
                placed.append(box)
                break
        found.append((label, round(y, 1) if named else round(cy, 1), "start" if right else "end", named))
    return found


points = st.lists(
    st.tuples(st.text("abcdefgh XYZ", min_size=1, max_size=30),
              st.floats(min_value=60, max_value=660), st.floats(min_value=20, max_value=400)),
    max_size=120,
)


@settings(max_examples=150, deadline=None)
@given(points)
def test_labels_land_where_checking_every_placed_label_would_put_them(points):
    dots = _place_labels(points, right_edge=670, top=10, bottom=410)
    assert [(d.label, d.label_y, d.anchor, d.named) for d in dots] == _place_by_checking_every_label(
        points, right_edge=670, top=10, bottom=410
    )


def test_a_crowd_of_a_thousand_is_placed_as_checking_every_label_would():
    crowd = [(f"Authority {n}", 60 + (n * 37) % 600, 20 + (n * 53) % 380) for n in range(1000)]
    dots = _place_labels(crowd, right_edge=670, top=10, bottom=410)
    assert len(dots) == 1000
    assert [(d.label, d.label_y, d.anchor, d.named) for d in dots] == _place_by_checking_every_label(
        crowd, right_edge=670, top=10, bottom=410
    )
    named = [d for d in dots if d.named]
    assert 0 < len(named) < 1000  # a crowd this size cannot all be named without overlaps
    boxes = [(d.label_x if d.anchor == "start" else d.label_x - CHAR_WIDTH * len(d.label), d.label_y - LINE_HEIGHT / 2,
              CHAR_WIDTH * len(d.label)) for d in named]
    for i, (x1, y1, w1) in enumerate(boxes):
        for x2, y2, w2 in boxes[i + 1:]:
            overlap = x1 < x2 + w2 and x2 < x1 + w1 and y1 < y2 + LINE_HEIGHT and y2 < y1 + LINE_HEIGHT
            assert not overlap, "two names drawn over each other"


def test_every_dot_carries_its_name_even_when_unnamed_on_the_chart():
    from official_statistics.charts import scatter

    crowd = [(f"Authority {n}", 50 + n % 3, 10.0 + (n % 5) / 100) for n in range(200)]
    chart = scatter(id="s", title="t", points=crowd, x_label="x", y_label="y", fmt=str)
    markup = str(chart.dots_markup)
    assert all(f"<title>Authority {n}</title>" in markup for n in range(200))
    assert markup.count("<text ") == sum(d.named for d in chart.dots) < 200
