"""Server-rendered SVG charts of official statistics: a small trend line per indicator, and a labelled scatter.

As in ``assessments.charts``: dataclasses compute the geometry, templates under
``templates/official_statistics/charts/`` draw it as ``<svg role="img">`` with a title
and description, and every chart sits beside a table of the same numbers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from django.utils.safestring import SafeString, mark_safe

from assessments.markup import text


@dataclass(frozen=True)
class Sparkline:
    id: str
    title: str
    description: str
    own: list[str]  # polyline segments
    own_markers: list[tuple[float, float]]
    england: list[str]
    low_label: str
    high_label: str
    first_label: str
    last_label: str
    width: int = 260
    height: int = 90

    @cached_property  # a profile's kept trends are drawn once (``markup``: one element per period)
    def lines_markup(self) -> SafeString:
        """England's dashed line, the authority's line and its markers."""
        return mark_safe(
            "".join(_ENGLAND_LINE.format(text(segment)) for segment in self.england)
            + "".join(_OWN_LINE.format(text(segment)) for segment in self.own)
            + "".join(_MARKER.format(text(x), text(y)) for x, y in self.own_markers)
        )


_ENGLAND_LINE = '<polyline class="app-chart__series app-chart__series--national" points="{}"/>'
_OWN_LINE = '<polyline class="app-chart__series app-chart__series--self" points="{}"/>'
_MARKER = '<circle class="app-chart__marker--self" cx="{}" cy="{}" r="2.5"/>'


def _segments(points: list[tuple[float, float] | None]) -> list[str]:
    segments, current = [], []
    for point in points:
        if point is None:
            if current:
                segments.append(" ".join(current))
            current = []
        else:
            current.append(f"{point[0]},{point[1]}")
    if current:
        segments.append(" ".join(current))
    return segments


def sparkline(*, id: str, title: str, periods: list[str], own: list[float | None], england: list[float | None],
              fmt) -> Sparkline | None:
    """Trend over the periods (oldest first); None if fewer than two periods have a value."""
    values = [v for v in own + england if v is not None]
    if sum(1 for v in own if v is not None) < 2:
        return None
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    left, top, plot_w, plot_h = 8, 8, 244, 56
    count = len(periods)

    def at(i, v):
        if v is None:
            return None
        x = left + plot_w * i / max(count - 1, 1)
        y = top + plot_h - plot_h * (v - low) / span
        return (round(x, 1), round(y, 1))

    own_points = [at(i, v) for i, v in enumerate(own)]
    text = ", ".join(f"{p} {fmt(v)}" for p, v in zip(periods, own) if v is not None)
    return Sparkline(
        id=id, title=title, description=f"{text}." + (" The dashed line is England." if any(v is not None for v in england) else ""),
        own=_segments(own_points), own_markers=[p for p in own_points if p is not None],
        england=_segments([at(i, v) for i, v in enumerate(england)]),
        low_label=fmt(low), high_label=fmt(high), first_label=periods[0], last_label=periods[-1],
    )


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str
    label_x: float
    label_y: float
    anchor: str
    named: bool = True  # False where every nearby line is taken: the name is in the dot's title and the table

    @property
    def moved(self) -> bool:
        """The label was moved off its dot to stay readable: draw a line back to the dot."""
        return abs(self.label_y - self.y) > 0.5


CHAR_WIDTH, LINE_HEIGHT = 6.2, 12  # of the 11 px labels, roughly: enough to keep labels apart


GRID = 64  # px: placed label boxes are filed by the grid cells they cover, so a new label is
# checked against its neighbours only (a thousand authorities: 2 ms, not half a second)


def _cells(box: tuple[float, float, float, float]):
    for gx in range(math.floor(box[0] / GRID), math.floor(box[2] / GRID) + 1):
        for gy in range(math.floor(box[1] / GRID), math.floor(box[3] / GRID) + 1):
            yield gx, gy


LABEL_STEPS = (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6)  # lines tried for a name: on its dot, then up and down


def _place_labels(points: list[tuple[str, float, float]], *, right_edge: float, top: float, bottom: float) -> list[Dot]:
    """Each dot's name beside it, moved up or down where dots crowd together, never onto another
    name: where no line within six is free (hundreds of authorities), the dot is left unnamed
    on the chart, and its name is in its title (on hover, and to screen readers) and the table."""
    placed: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}  # grid cell -> boxes over it
    dots = []

    def overlaps(box) -> bool:
        # Plain loops, not generators: a thousand dots try up to thirteen lines each.
        x0, y0, x1, y1 = box
        for gx in range(math.floor(x0 / GRID), math.floor(x1 / GRID) + 1):
            for gy in range(math.floor(y0 / GRID), math.floor(y1 / GRID) + 1):
                for b in placed.get((gx, gy), ()):
                    if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                        return True
        return False

    for label, cx, cy in sorted(points, key=lambda p: (p[2], p[1])):
        width = CHAR_WIDTH * len(label)
        right = cx + 7 + width < right_edge
        named = False
        for step in LABEL_STEPS:
            y = min(max(cy + step * LINE_HEIGHT, top + 6), bottom - 6)
            left_x = cx + 7 if right else cx - 7 - width
            box = (left_x, y - LINE_HEIGHT / 2, left_x + width, y + LINE_HEIGHT / 2)
            if not overlaps(box):
                named = True
                for cell in _cells(box):
                    placed.setdefault(cell, []).append(box)
                break
        if not named:
            y = cy  # no free line: the name is not drawn over another one
        dots.append(Dot(x=cx, y=cy, label=label, label_x=round(cx + 7 if right else cx - 7, 1), label_y=round(y, 1),
                        anchor="start" if right else "end", named=named))
    return dots


@dataclass(frozen=True)
class Scatter:
    id: str
    title: str
    description: str
    dots: list[Dot]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    x_label: str
    y_label: str
    width: int = 680
    height: int = 440

    @cached_property  # a chart kept in-process is drawn once, not on every page view
    def dots_markup(self) -> SafeString:
        """Every dot, its leader line if its name was moved, and its name (built in Python, see ``markup``)."""
        return mark_safe("".join(
            _DOT.format(*map(text, (d.x, d.y, d.label)))
            + (_LEADER.format(*map(text, (d.x, d.y, d.label_x, d.label_y))) if d.named and d.moved else "")
            + (_NAME.format(*map(text, (d.label_x, d.label_y, d.anchor, d.label))) if d.named else "")
            for d in self.dots
        ))


_DOT = '<circle class="app-chart__dot app-chart__dot--scatter" cx="{}" cy="{}" r="5"><title>{}</title></circle>'
_LEADER = '<line class="app-chart__leader" x1="{}" y1="{}" x2="{}" y2="{}"/>'
_NAME = ('<text class="app-chart__label app-chart__label--small" x="{}" y="{}" text-anchor="{}" '
         'dominant-baseline="middle">{}</text>')


WIDTH = 680

def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high == low:
        high, low = high + 1, low - 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks, tick = [], start
    while tick <= high + step * 0.001 or len(ticks) < 2:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def scatter(*, id: str, title: str, points: list[tuple[str, float, float]], x_label: str, y_label: str, fmt) -> Scatter:
    """Readiness index (0-100, across) against an indicator's value (up); each dot named."""
    left, top, plot_w, plot_h = 70, 20, 480, 360
    ys = [y for _, _, y in points]
    ticks = _nice_ticks(min(ys), max(ys)) if ys else [0.0, 1.0]
    low, high = ticks[0], ticks[-1]
    span = (high - low) or 1.0

    def px(x):
        return round(left + plot_w * x / 100, 1)

    def py(y):
        return round(top + plot_h - plot_h * (y - low) / span, 1)

    dots = _place_labels([(label, px(x), py(y)) for label, x, y in points], right_edge=WIDTH - 4, top=top, bottom=top + plot_h + 14)
    text = "; ".join(f"{label}: readiness {x:.2f}, {fmt(y)}" for label, x, y in points)
    return Scatter(
        id=id, title=title, description=(text + ".") if points else "No authority has both a readiness index and a value.",
        dots=dots, x_ticks=[(px(t), str(t)) for t in range(0, 101, 20)], y_ticks=[(py(t), fmt(t)) for t in ticks],
        x_label=x_label, y_label=y_label,
    )
