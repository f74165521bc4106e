"""Shaping indicators for pages, charts and CSV files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from oneworkforce.core import charts

from .selectors import Comparison

POSITION_TEXT = {
    "high": "Outlier: high against peers",
    "low": "Outlier: low against peers",
    "upper": "Highest quarter of peers",
    "lower": "Lowest quarter of peers",
    "middle": "Middle half of peers",
    "unknown": "No peers to compare with",
}
MAX_CHART_ROWS = 60


def month(value: dt.date) -> str:
    return f"{value:%B %Y}"


def in_scope(
    comparisons: dict[str, Comparison],
    scope: str,
    ics_code: str | None,
    partnership: Collection[str],
) -> list[Comparison]:
    """The organisations of one scope, highest value first: England, the ICS ``ics_code``, or
    the partnership (``partnership`` holds its organisations' codes, in capitals)."""
    if scope == "england":
        chosen = list(comparisons.values())
    elif scope == "ics":
        chosen = [c for c in comparisons.values() if c.ics_code == ics_code]
    else:
        chosen = [c for c in comparisons.values() if c.org_code.upper() in partnership]
    return sorted(chosen, key=lambda c: (-(c.value or 0.0), c.org_name))


def chart_for(
    rows: Sequence[Comparison], *, digits: int = 1, highlight: set[str] | None = None
) -> charts.DotPlot | None:
    if not rows or len(rows) > MAX_CHART_ROWS:
        return None
    return charts.dot_plot(
        [
            {
                "label": c.org_name,
                "value": c.value,
                "lower": c.peers.lower_quartile if c.peers else None,
                "median": c.peers.median if c.peers else None,
                "upper": c.peers.upper_quartile if c.peers else None,
                "flag": c.position,
                "highlight": highlight is not None and c.org_code in highlight,
            }
            for c in rows
        ],
        percent_digits=digits,
        reference=rows[0].england,
    )


def comparison_csv_rows(rows: Iterable[Comparison], period: str) -> list[list[Any]]:
    return [
        [
            period,
            c.org_code,
            c.org_name,
            c.ics_name,
            c.peer_group,
            round(c.numerator, 3),
            round(c.denominator, 3),
            _round(c.value),
            _round(c.peers.lower_quartile if c.peers else None),
            _round(c.peers.median if c.peers else None),
            _round(c.peers.upper_quartile if c.peers else None),
            c.peers.count if c.peers else 0,
            _round(c.ics),
            _round(c.england),
            POSITION_TEXT[c.position],
        ]
        for c in rows
    ]


COMPARISON_CSV_HEADER = [
    "period",
    "org_code",
    "org_name",
    "ics_name",
    "peer_group",
    "numerator",
    "denominator",
    "rate",
    "peer_lower_quartile",
    "peer_median",
    "peer_upper_quartile",
    "peers",
    "ics_rate",
    "england_rate",
    "position",
]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def trend_chart(
    series: Sequence[dict[str, Any]], own_label: str
) -> tuple[charts.LineChart | None, list[dict[str, Any]]]:
    """A line chart of an organisation's monthly rate with its peer median, ICS and England."""
    if not series:
        return None, []
    labels = [f"{s['month']:%b %y}" for s in series]
    rows = []
    own, median, ics, england = [], [], [], []
    for item in series:
        c: Comparison = item["comparison"]
        own.append(c.value)
        median.append(c.peers.median if c.peers else None)
        ics.append(c.ics)
        england.append(c.england)
        rows.append({"month": item["month"], "comparison": c})
    chart = charts.line_chart(
        labels,
        [(own_label, own), ("Peer median", median), ("ICS", ics), ("England", england)],
        dashed=("England",),
    )
    return chart, rows


def share_chart(items: Sequence[dict[str, Any]]) -> charts.BarChart | None:
    if not items:
        return None
    return charts.bar_chart(
        [(item["name"], item["share"], f"{100 * item['share']:.1f}%") for item in items]
    )
