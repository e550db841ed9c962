"""Server-rendered SVG charts of official statistics: a small trend line per indicator, and a labelled scatter.

As in ``assessments.charts``: dataclasses compute the geometry, templates under
``templates/official_statistics/charts/`` draw it as ``<svg role="img">`` with a title
and description, and every chart sits beside a table of the same numbers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


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
    anchor: str


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

    dots = []
    for label, x, y in sorted(points, key=lambda p: (p[1], p[2])):
        cx, cy = px(x), py(y)
        right = cx < left + plot_w * 0.75
        dots.append(Dot(x=cx, y=cy, label=label, label_x=round(cx + 7 if right else cx - 7, 1), anchor="start" if right else "end"))
    text = "; ".join(f"{label}: readiness {x:.2f}, {fmt(y)}" for label, x, y in points)
    return Scatter(
        id=id, title=title, description=(text + ".") if points else "No authority has both a readiness index and a value.",
        dots=dots, x_ticks=[(px(t), str(t)) for t in range(0, 101, 20)], y_ticks=[(py(t), fmt(t)) for t in ticks],
        x_label=x_label, y_label=y_label,
    )
