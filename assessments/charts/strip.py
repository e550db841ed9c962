"""Strip plot with a box plot: one step's scores across authorities on a 0-100 axis.

Each dot carries its authority's name (an SVG ``<title>``, shown on hover and read by
screen readers) and the page lists the same authorities and scores beside the chart.
The box (quartiles and median) is drawn only when the group is big enough to summarise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import SafeString

from assessments import scoring
from assessments.markup import repeat

from .geometry import scale

WIDTH, LEFT, PLOT = 640, 20, 600
DOT_ROWS = 5  # dots are spread over a few rows so that equal scores stay visible
AXIS_LABEL = "Step score, 0 to 100"


@dataclass(frozen=True)
class StripDot:
    x: float
    y: float
    name: str
    score: Decimal  # as shown

    @property
    def title(self) -> str:
        return f"{self.name}: {self.score:.2f}"


@dataclass(frozen=True)
class StripPlot:
    id: str
    title: str
    description: str
    dots: list[StripDot]
    box: dict[str, float] | None
    ticks: list[tuple[float, int]] = field(default_factory=list)
    axis_label: str = AXIS_LABEL
    spread: scoring.Spread | None = None
    width: int = WIDTH
    height: int = 170

    @property
    def dots_markup(self) -> SafeString:
        """Every dot with its name (a thousand at national scale: built in Python, see ``markup``)."""
        return repeat('<circle class="app-chart__dot" cx="{}" cy="{}" r="4"><title>{}</title></circle>',
                      ((dot.x, dot.y, dot.title) for dot in self.dots))


def strip_plot(*, id: str, title: str, points: list[tuple[str, Decimal | None]]) -> StripPlot:
    """``points`` are (authority name, exact score or None); unscored authorities are left out."""
    scored = sorted(((Decimal(v), name) for name, v in points if v is not None), key=lambda p: (p[0], p[1]))
    values = [v for v, _ in scored]
    spread = scoring.spread(values)
    dots = [
        StripDot(x=scale(v, start=LEFT, length=PLOT), y=20 + (i % DOT_ROWS) * 10, name=name, score=scoring.shown(v))
        for i, (v, name) in enumerate(scored)
    ]
    box = None
    if spread.summarised:
        box = {
            "min": scale(values[0], start=LEFT, length=PLOT),
            "q1": scale(spread.lower_quartile, start=LEFT, length=PLOT),
            "median": scale(spread.median, start=LEFT, length=PLOT),
            "q3": scale(spread.upper_quartile, start=LEFT, length=PLOT),
            "max": scale(values[-1], start=LEFT, length=PLOT),
        }
        box["width"] = round(box["q3"] - box["q1"], 1)
    count = scoring.plural(len(values), "scored authority")
    if box:
        description = (
            f"{count}. Lowest {scoring.shown(values[0]):.2f}, lower quartile {spread.lower_quartile:.2f}, "
            f"median {spread.median:.2f}, upper quartile {spread.upper_quartile:.2f}, "
            f"highest {scoring.shown(values[-1]):.2f}."
        )
    elif values:
        description = f"{count}: too few to summarise. " + ", ".join(d.title for d in dots) + "."
    else:
        description = "No authority has a score for this step yet."
    ticks = [(scale(t, start=LEFT, length=PLOT), t) for t in range(0, 101, 25)]
    return StripPlot(id=id, title=title, description=description, dots=dots, box=box, ticks=ticks, spread=spread)
