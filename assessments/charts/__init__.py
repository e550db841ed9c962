"""Server-rendered SVG charts: dataclasses that compute geometry; templates draw them.

Every chart is drawn by ``templates/dashboards/charts/_<kind>.html`` as an ``<svg role="img">``
labelled by its own ``<title>`` and ``<desc>``, and every page that shows a chart also shows
the same numbers in a table: the chart is a picture of the table, never the only copy.
Series differ by line style and marker shape as well as colour.
"""
from .bars import StackedBars, stacked_bars
from .radar import Radar, radar
from .strip import StripPlot, strip_plot
from .trend import TrendChart, trend_chart

__all__ = ["Radar", "StackedBars", "StripPlot", "TrendChart", "radar", "stacked_bars", "strip_plot", "trend_chart"]
