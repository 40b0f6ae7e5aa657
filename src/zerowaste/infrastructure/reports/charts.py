"""Charts drawn with matplotlib's Agg backend through its object API: a fresh `Figure` per
call, never pyplot's global state, so concurrent requests (gthread) never share a figure."""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from zerowaste.domain.analytics.exports import Chart

WIDTH_IN, HEIGHT_IN, DPI = 9.0, 4.8, 100
_MAX_TICKS = 14


def draw(chart: Chart, fmt: str) -> bytes:
    """The chart as PNG or SVG bytes."""
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    FigureCanvasAgg(figure)
    try:
        _plot(figure, chart)
        out = io.BytesIO()
        figure.savefig(out, format=fmt, dpi=DPI)
        return out.getvalue()
    finally:
        figure.clear()


def _plot(figure: Figure, chart: Chart) -> None:
    axes = figure.add_subplot()
    positions = list(range(len(chart.categories)))
    count = max(len(chart.series), 1)
    bar_width = 0.8 / count
    for i, series in enumerate(chart.series):
        values = [float("nan") if v is None else v for v in series.values]
        if chart.kind == "bar":
            shifted = [p + (i - (count - 1) / 2) * bar_width for p in positions]
            axes.bar(shifted, values, width=bar_width, label=series.label)
        else:
            axes.plot(positions, values, marker="o", markersize=3, label=series.label)
    step = max(1, len(positions) // _MAX_TICKS + (1 if len(positions) % _MAX_TICKS else 0))
    axes.set_xticks(positions[::step], list(chart.categories)[::step], rotation=45, ha="right")
    axes.set_title(chart.title)
    axes.set_xlabel(chart.x_label)
    axes.set_ylabel(chart.y_label)
    axes.grid(axis="y", alpha=0.3)
    if chart.series:
        axes.legend()
    figure.tight_layout()
