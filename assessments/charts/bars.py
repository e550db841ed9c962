"""Horizontal stacked bars: how many authorities are at each level of each criterion."""
from __future__ import annotations

from dataclasses import dataclass

WIDTH, LABEL, PLOT, BAR, GAP = 640, 60, 560, 28, 12
MIN_LABELLED = 24  # segments narrower than this carry no number (the table has it)


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
    y: float
    segments: list[Segment]

    @property
    def text_y(self) -> float:
        return self.y + BAR / 2 + 5


@dataclass(frozen=True)
class StackedBars:
    id: str
    title: str
    description: str
    bars: list[Bar]
    legend: list[tuple[str, str]]
    width: int = WIDTH
    bar_height: int = BAR

    @property
    def height(self) -> int:
        return len(self.bars) * (BAR + GAP) + 40


def stacked_bars(*, id: str, title: str, rows: list[tuple[str, dict]], labels: dict) -> StackedBars:
    """``rows`` are (bar label, {key: count}) with keys in stacking order; ``labels`` names each key."""
    bars, lines = [], []
    for index, (label, counts) in enumerate(rows):
        total = sum(counts.values()) or 1
        x, segments = float(LABEL), []
        for key, count in counts.items():
            width = round(PLOT * count / total, 1)
            if count:
                segments.append(Segment(key=str(key), label=labels[key], count=count, x=round(x, 1), width=width))
            x += width
        bars.append(Bar(label=label, y=index * (BAR + GAP), segments=segments))
        lines.append(f"{label}: " + ", ".join(f"{labels[k]} {n}" for k, n in counts.items()))
    legend = [(str(key), text) for key, text in labels.items()]
    return StackedBars(id=id, title=title, description="; ".join(lines) + ".", bars=bars, legend=legend)
