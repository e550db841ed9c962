"""The scatter's label placement: filed in a grid for speed, it must place every label
exactly where checking each against every placed label would (the rule a reader sees:
names never drawn over one another unless there is no free line within six)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from official_statistics.charts import CHAR_WIDTH, LINE_HEIGHT, _place_labels

STEPS = (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6)


def _place_by_checking_every_label(points, *, right_edge, top, bottom):
    placed, found = [], []
    for label, cx, cy in sorted(points, key=lambda p: (p[2], p[1])):
        width = CHAR_WIDTH * len(label)
        right = cx + 7 + width < right_edge
        for step in STEPS:
            y = min(max(cy + step * LINE_HEIGHT, top + 6), bottom - 6)
            left_x = cx + 7 if right else cx - 7 - width
            box = (left_x, y - LINE_HEIGHT / 2, left_x + width, y + LINE_HEIGHT / 2)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
        placed.append(box)
        found.append((label, round(y, 1), "start" if right else "end"))
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
    assert [(d.label, d.label_y, d.anchor) for d in dots] == _place_by_checking_every_label(
        points, right_edge=670, top=10, bottom=410
    )


def test_a_crowd_of_a_thousand_is_placed_as_checking_every_label_would():
    crowd = [(f"Authority {n}", 60 + (n * 37) % 600, 20 + (n * 53) % 380) for n in range(1000)]
    dots = _place_labels(crowd, right_edge=670, top=10, bottom=410)
    assert len(dots) == 1000
    assert [(d.label, d.label_y, d.anchor) for d in dots] == _place_by_checking_every_label(
        crowd, right_edge=670, top=10, bottom=410
    )
