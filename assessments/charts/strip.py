"""Strip plot with a box plot: one step's scores across authorities on a 0-100 axis."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from assessments import scoring

from .geometry import scale

WIDTH, LEFT, PLOT = 640, 20, 600
DOT_ROWS = 5  # dots are spread over a few rows so that equal scores stay visible


@dataclass(frozen=True)
class StripPlot:
    id: str
    title: str
    description: str
    dots: list[tuple[float, float]]
    box: dict[str, float] | None
    ticks: list[tuple[float, int]] = field(default_factory=list)
    width: int = WIDTH
    height: int = 150


def strip_plot(*, id: str, title: str, scores: list[Decimal | None]) -> StripPlot:
    values = sorted(s for s in scores if s is not None)
    spread = scoring.spread(values)
    dots = [(scale(v, start=LEFT, length=PLOT), 20 + (i % DOT_ROWS) * 10) for i, v in enumerate(values)]
    box = None
    if values:
        box = {
            "min": scale(values[0], start=LEFT, length=PLOT),
            "q1": scale(spread.lower_quartile, start=LEFT, length=PLOT),
            "median": scale(spread.median, start=LEFT, length=PLOT),
            "q3": scale(spread.upper_quartile, start=LEFT, length=PLOT),
            "max": scale(values[-1], start=LEFT, length=PLOT),
        }
        box["width"] = round(box["q3"] - box["q1"], 1)
    if values:
        description = (
            f"{len(values)} scored authorities. Lowest {values[0]:.2f}, lower quartile {spread.lower_quartile:.2f}, "
            f"median {spread.median:.2f}, upper quartile {spread.upper_quartile:.2f}, highest {values[-1]:.2f}."
        )
    else:
        description = "No authority has a score for this step yet."
    ticks = [(scale(t, start=LEFT, length=PLOT), t) for t in range(0, 101, 25)]
    return StripPlot(id=id, title=title, description=description, dots=dots, box=box, ticks=ticks)
