"""Radar: one authority's step scores against the national and peer medians (0-100 on each spoke)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

SIZE, CENTRE, RADIUS = 420, 210, 150


@dataclass(frozen=True)
class Series:
    key: str  # "self", "national", "peers": picks line style and marker as well as colour
    label: str
    points: str  # "x,y x,y ..." for a <polygon>/<polyline>
    markers: list[tuple[float, float]]

    @property
    def diamonds(self) -> list[str]:
        """Diamond markers (the peer median's shape), as <polygon> points."""
        return [f"{x},{round(y - 4, 1)} {round(x + 4, 1)},{y} {x},{round(y + 4, 1)} {round(x - 4, 1)},{y}"
                for x, y in self.markers]

    @property
    def squares(self) -> list[tuple[float, float]]:
        """Top-left corners of 6px square markers (the medians' marker shape)."""
        return [(round(x - 3, 1), round(y - 3, 1)) for x, y in self.markers]


@dataclass(frozen=True)
class Radar:
    id: str
    title: str
    description: str
    spokes: list[tuple[float, float, float, float, str]]  # x2, y2 of spoke, label x, y, text
    rings: list[str]
    series: list[Series]
    missing: list[str] = field(default_factory=list)  # series with no value at all: named, not drawn
    ring_labels: list[tuple[float, float, int]] = field(default_factory=list)  # x, y, score: the scale
    size: int = SIZE


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return round(CENTRE + RADIUS * fraction * math.cos(angle), 1), round(CENTRE + RADIUS * fraction * math.sin(angle), 1)


def radar(*, id: str, title: str, labels: list[str], series: list[tuple[str, str, list[Decimal | None]]]) -> Radar:
    """``series`` are (key, label, one value per spoke); a missing value is drawn at the centre."""
    count = len(labels)
    spokes = []
    for i, text in enumerate(labels):
        x, y = _point(i, count, 1)
        lx, ly = _point(i, count, 1.18)
        spokes.append((x, y, lx, ly, text))
    rings = [" ".join("%s,%s" % _point(i, count, level / 4) for i in range(count)) for level in range(1, 5)]
    ring_labels = [(CENTRE + 4, _point(0, count, level / 4)[1] + 4, level * 25) for level in range(1, 5)]
    drawn, lines, missing = [], [], []
    for key, label, values in series:
        if all(v is None for v in values):
            missing.append(label)
            lines.append(f"{label}: none to show")
            continue
        points = [_point(i, count, float(v or 0) / 100) for i, v in enumerate(values)]
        drawn.append(Series(key=key, label=label, points=" ".join(f"{x},{y}" for x, y in points), markers=points))
        shown = ", ".join(f"{t} {'not scored' if v is None else f'{v:.2f}'}" for t, v in zip(labels, values))
        lines.append(f"{label}: {shown}")
    return Radar(id=id, title=title, description=". ".join(lines) + ".", spokes=spokes, rings=rings, series=drawn,
                 missing=missing, ring_labels=ring_labels)
