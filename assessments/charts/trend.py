"""Trend line: the readiness index (and, optionally, step scores) across rounds."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .geometry import scale

WIDTH, HEIGHT, LEFT, TOP, PLOT_W, PLOT_H = 640, 260, 50, 20, 560, 200


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    segments: list[str]  # polylines: a round without a score breaks the line
    markers: list[tuple[float, float]]


@dataclass(frozen=True)
class TrendChart:
    id: str
    title: str
    description: str
    lines: list[Line]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, int]]
    width: int = WIDTH
    height: int = HEIGHT + 40


def _x(index: int, count: int) -> float:
    return round(LEFT + (PLOT_W * index / max(count - 1, 1)), 1)


def _y(value: Decimal) -> float:
    return round(TOP + PLOT_H - (scale(value, start=0, length=PLOT_H)), 1)


def trend_chart(*, id: str, title: str, rounds: list[str], series: list[tuple[str, str, list[Decimal | None]]]) -> TrendChart:
    count = len(rounds)
    lines, text = [], []
    for key, label, values in series:
        segments, current, markers = [], [], []
        for i, value in enumerate(values):
            if value is None:
                if current:
                    segments.append(" ".join(current))
                current = []
                continue
            point = (_x(i, count), _y(value))
            current.append(f"{point[0]},{point[1]}")
            markers.append(point)
        if current:
            segments.append(" ".join(current))
        lines.append(Line(key=key, label=label, segments=segments, markers=markers))
        text.append(f"{label}: " + ", ".join(
            f"{r} {'not scored' if v is None else f'{v:.2f}'}" for r, v in zip(rounds, values)))
    return TrendChart(
        id=id,
        title=title,
        description="; ".join(text) + ".",
        lines=lines,
        x_labels=[(_x(i, count), name) for i, name in enumerate(rounds)],
        y_ticks=[(_y(Decimal(t)), t) for t in range(0, 101, 25)],
    )
