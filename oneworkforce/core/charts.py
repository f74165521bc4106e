"""Chart geometry for inline SVG (pure Python; the templates draw it).

Every chart on the intelligence pages is followed by a table holding the same figures, so the
SVG is marked as an image with a caption and the table carries the detail for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

WIDTH = 640
LABEL_WIDTH = 230
PLOT_LEFT = LABEL_WIDTH + 10
PLOT_WIDTH = WIDTH - PLOT_LEFT - 20
ROW_HEIGHT = 28
PALETTE = ("#005eb8", "#d5281b", "#007f3b", "#7c2855", "#ed8b00", "#330072", "#00a499")


def nice_maximum(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times 10^k at or above ``value`` (axis end)."""
    if value <= 0 or not math.isfinite(value):
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value * (1 - 1e-12):
            return step * power
    return 10 * power


def short(label: str, limit: int = 34) -> str:
    """A label cut to fit beside a chart, with an ellipsis when cut (the table has it whole)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def ticks(maximum: float, count: int = 5) -> list[float]:
    return [maximum * i / (count - 1) for i in range(count)]


def nice_range(low: float, high: float, count: int = 5) -> tuple[float, float, list[float]]:
    """An axis around ``[low, high]`` (not forced to start at zero, so bands of a few per cent
    stay visible): round ticks at a 1, 2, 2.5 or 5 times 10^k step."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return 0.0, 1.0, ticks(1.0, count)
    if high - low < 1e-9:
        low, high = low - max(abs(low) * 0.05, 1.0), high + max(abs(high) * 0.05, 1.0)
    step = nice_maximum((high - low) / (count - 1))
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    if start < 0 <= low:
        start = 0.0
    marks = [start + i * step for i in range(round((end - start) / step) + 1)]
    return start, end, marks


@dataclass
class DotRow:
    label: str
    y: float
    x: float | None
    band: tuple[float, float] | None
    median: float | None
    highlight: bool
    flag: str


@dataclass
class DotPlot:
    """One row per organisation: its rate (a dot), its peers' interquartile range (a band) and
    median (a tick), on a shared axis; a vertical line for England."""

    rows: list[DotRow]
    height: float
    axis: list[tuple[float, str]]
    reference: float | None = None
    reference_label: str = ""


def dot_plot(
    items: Sequence[dict[str, Any]],
    *,
    percent_digits: int = 1,
    reference: float | None = None,
    reference_label: str = "England",
) -> DotPlot:
    """``items``: dicts with ``label``, ``value``, optional ``lower``, ``median``, ``upper``,
    ``highlight`` and ``flag``; values are fractions shown as percentages."""
    values = [
        v
        for item in items
        for v in (item.get("value"), item.get("upper"), reference)
        if v is not None
    ]
    top = nice_maximum(max(values, default=0.0))

    def x(value: float) -> float:
        return round(PLOT_LEFT + PLOT_WIDTH * value / top, 1)

    rows = []
    for index, item in enumerate(items):
        lower, upper = item.get("lower"), item.get("upper")
        rows.append(
            DotRow(
                label=short(str(item["label"])),
                y=20 + index * ROW_HEIGHT,
                x=x(item["value"]) if item.get("value") is not None else None,
                band=(x(lower), x(upper)) if lower is not None and upper is not None else None,
                median=x(item["median"]) if item.get("median") is not None else None,
                highlight=bool(item.get("highlight")),
                flag=str(item.get("flag") or ""),
            )
        )
    axis = [(x(t), f"{100 * t:.{percent_digits}f}%") for t in ticks(top)]
    return DotPlot(
        rows=rows,
        height=20 + len(items) * ROW_HEIGHT + 30,
        axis=axis,
        reference=x(reference) if reference is not None else None,
        reference_label=reference_label,
    )


@dataclass
class Series:
    label: str
    colour: str
    points: str  # SVG polyline points
    dashed: bool = False
    dots: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class LineChart:
    series: list[Series]
    x_axis: list[tuple[float, str]]
    y_axis: list[tuple[float, str]]
    height: int
    left: int
    right: int
    bottom: int


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    percent: bool = True,
    digits: int = 1,
    dashed: Sequence[str] = (),
) -> LineChart:
    """Lines over a shared x axis (months, years); ``None`` values break nothing, they are left
    out of the line."""
    height, left, right, top_margin, bottom = 300, 70, WIDTH - 130, 10, 260
    values = [v for _, vs in series for v in vs if v is not None]
    top = nice_maximum(max(values, default=0.0))
    span = max(len(x_labels) - 1, 1)

    def px(i: int) -> float:
        return round(left + (right - left) * i / span, 1)

    def py(v: float) -> float:
        return round(bottom - (bottom - top_margin) * v / top, 1)

    drawn = []
    for index, (label, vs) in enumerate(series):
        coords = [(px(i), py(v)) for i, v in enumerate(vs) if v is not None]
        drawn.append(
            Series(
                label=label,
                colour=PALETTE[index % len(PALETTE)],
                points=" ".join(f"{a},{b}" for a, b in coords),
                dashed=label in dashed,
                dots=coords,
            )
        )
    step = max(1, math.ceil(len(x_labels) / 8))
    x_axis = [(px(i), label) for i, label in enumerate(x_labels) if i % step == 0]

    def y_text(value: float) -> str:
        return f"{100 * value:.{digits}f}%" if percent else f"{value:,.{digits}f}"

    y_axis = [(py(t), y_text(t)) for t in ticks(top)]
    return LineChart(drawn, x_axis, y_axis, height, left, right, bottom)


@dataclass
class Bar:
    label: str
    value: float
    text: str
    x: float
    width: float
    y: float
    colour: str


@dataclass
class BarChart:
    bars: list[Bar]
    height: float
    zero: float


def bar_chart(items: Sequence[tuple[str, float, str]], *, waterfall: bool = False) -> BarChart:
    """Horizontal bars for ``(label, value, text)``; negative values grow left of zero. As a
    waterfall each bar starts where the previous one ended (the first and last are totals)."""
    if waterfall:
        running, spans = 0.0, []
        for index, (_, value, _) in enumerate(items):
            if index in (0, len(items) - 1):
                spans.append((0.0, value))
                running = value
            else:
                spans.append((running, running + value))
                running += value
    else:
        spans = [(0.0, value) for _, value, _ in items]
    low = min([0.0, *(min(a, b) for a, b in spans)])
    high = max([0.0, *(max(a, b) for a, b in spans)])
    scale = PLOT_WIDTH / ((high - low) or 1.0)

    def x(value: float) -> float:
        return round(PLOT_LEFT + (value - low) * scale, 1)

    bars = []
    for index, ((label, value, text), (a, b)) in enumerate(zip(items, spans, strict=True)):
        bars.append(
            Bar(
                label=short(label),
                value=value,
                text=text,
                x=x(min(a, b)),
                width=max(round(abs(b - a) * scale, 1), 1.0),
                y=10 + index * ROW_HEIGHT,
                colour="#005eb8" if value >= 0 else "#d5281b",
            )
        )
    return BarChart(bars=bars, height=10 + len(items) * ROW_HEIGHT + 10, zero=x(0.0))


def tornado_chart(items: Sequence[tuple[str, float, float]]) -> BarChart:
    """A tornado: for each ``(label, at_low, at_high)`` (changes from a base, largest first),
    a bar from the base to each end — the low end's in blue, the high end's in purple — so the
    widest rows are the assumptions that matter most. The text gives both changes."""
    low = min([0.0, *(min(a, b) for _, a, b in items)])
    high = max([0.0, *(max(a, b) for _, a, b in items)])
    scale = PLOT_WIDTH / ((high - low) or 1.0)

    def x(value: float) -> float:
        return round(PLOT_LEFT + (value - low) * scale, 1)

    bars = []
    for index, (label, at_low, at_high) in enumerate(items):
        y = 10 + index * ROW_HEIGHT
        for end, value, colour in ((0, at_low, "#005eb8"), (1, at_high, "#7c2855")):
            bars.append(
                Bar(
                    label=short(label) if end == 0 else "",
                    value=value,
                    text=f"{at_low:+,.0f} / {at_high:+,.0f}" if end == 1 else "",
                    x=x(min(0.0, value)),
                    width=max(round(abs(value) * scale, 1), 1.0),
                    y=y,
                    colour=colour,
                )
            )
    return BarChart(bars=bars, height=10 + len(items) * ROW_HEIGHT + 10, zero=x(0.0))


@dataclass
class FanSeries:
    label: str
    band: str  # the 5th to 95th percentile band
    median: str
    colour: str


@dataclass
class FansChart:
    """Several projections' bands and medians, and one dashed reference line, on one scale."""

    series: list[FanSeries]
    reference: str
    reference_label: str
    reference_band: str  # the reference's 5th to 95th percentile band ("" if it has none)
    x_axis: list[tuple[float, str]]
    y_axis: list[tuple[float, str]]
    zero: float | None
    height: int
    left: int
    right: int
    bottom: int


FAN_COLOURS = ("#005eb8", "#7c2855", "#ed8b00", "#007f3b")


def fans_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], Sequence[float], Sequence[float]]],
    reference: Sequence[float] | None = None,
    reference_label: str = "demand",
    reference_band: tuple[Sequence[float], Sequence[float]] | None = None,
) -> FansChart:
    """``series`` of ``(label, p5, p50, p95)`` drawn as bands with their medians, each in its
    own colour, and an optional dashed ``reference`` line (demand) with, where it differs from
    run to run, its ``reference_band`` (5th and 95th percentiles), all on one y scale (so
    scenarios compare by eye). A zero line is drawn when the scale spans zero (a gap)."""
    height, left, right, top_margin, bottom = 280, 70, WIDTH - 20, 10, 240
    values = [v for _, p5, _, p95 in series for v in (*p5, *p95)]
    values += [] if reference is None else list(reference)
    values += [] if reference_band is None else [*reference_band[0], *reference_band[1]]
    floor, top, marks = nice_range(min(values), max(values))
    span = max(len(x_labels) - 1, 1)

    def px(i: int) -> float:
        return round(left + (right - left) * i / span, 1)

    def py(v: float) -> float:
        return round(bottom - (bottom - top_margin) * (v - floor) / ((top - floor) or 1.0), 1)

    def line(points: Sequence[float]) -> str:
        return " ".join(f"{px(i)},{py(v)}" for i, v in enumerate(points))

    def band(low: Sequence[float], high: Sequence[float]) -> str:
        upper = [f"{px(i)},{py(v)}" for i, v in enumerate(high)]
        lower = [f"{px(i)},{py(v)}" for i, v in reversed(list(enumerate(low)))]
        return " ".join(upper + lower)

    return FansChart(
        series=[
            FanSeries(label, band(p5, p95), line(p50), FAN_COLOURS[k % len(FAN_COLOURS)])
            for k, (label, p5, p50, p95) in enumerate(series)
        ],
        reference=line(reference) if reference is not None else "",
        reference_label=reference_label,
        reference_band=band(*reference_band) if reference_band is not None else "",
        x_axis=[(px(i), label) for i, label in enumerate(x_labels)],
        y_axis=[(py(t), f"{t:,.0f}") for t in marks],
        zero=py(0.0) if floor < 0 < top else None,
        height=height,
        left=left,
        right=right,
        bottom=bottom,
    )
