"""Horizontal stacked bars: how many authorities are at each level of each criterion.

Each bar has its criterion's code and title written above it, and the legend names every
colour; the counts are also in the table beside the chart.
"""
from __future__ import annotations

from dataclasses import dataclass

WIDTH, PLOT, LABEL_H, BAR, GAP = 640, 640, 18, 28, 14
MIN_LABELLED = 24  # segments narrower than this carry no number (the table has it)
MAX_LABEL = 95  # characters of a bar's label drawn in the chart (the table has the full title)


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int
    x: float
    width: float

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def labelled(self) -> bool:
        return self.width >= MIN_LABELLED


@dataclass(frozen=True)
class Bar:
    label: str
    y: float  # top of the bar
    segments: list[Segment]

    @property
    def label_y(self) -> float:
        return self.y - 5

    @property
    def text_y(self) -> float:
        return self.y + BAR / 2 + 5

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= MAX_LABEL else self.label[: MAX_LABEL - 1].rstrip() + "…"


@dataclass(frozen=True)
class StackedBars:
    id: str
    title: str
    description: str
    bars: list[Bar]
    legend: list[tuple[str, str]]
    axis_label: str = "Share of the authorities counted, left to right in the legend's order"
    width: int = WIDTH
    bar_height: int = BAR

    @property
    def height(self) -> int:
        return len(self.bars) * (LABEL_H + BAR + GAP) + 10


def stacked_bars(*, id: str, title: str, rows: list[tuple[str, dict]], labels: dict) -> StackedBars:
    """``rows`` are (bar label, {key: count}) with keys in stacking order; ``labels`` names each key."""
    bars, lines = [], []
    for index, (label, counts) in enumerate(rows):
        total = sum(counts.values()) or 1
        x, segments = 0.0, []
        for key, count in counts.items():
            width = round(PLOT * count / total, 1)
            if count:
                segments.append(Segment(key=str(key), label=labels[key], count=count, x=round(x, 1), width=width))
            x += width
        bars.append(Bar(label=label, y=index * (LABEL_H + BAR + GAP) + LABEL_H, segments=segments))
        lines.append(f"{label}: " + ", ".join(f"{labels[k]} {n}" for k, n in counts.items()))
    legend = [(str(key), text) for key, text in labels.items()]
    return StackedBars(id=id, title=title, description="; ".join(lines) + ".", bars=bars, legend=legend)
