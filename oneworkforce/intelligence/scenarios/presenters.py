"""Shaping a scenario's projection for its page and the comparison page: fan charts, tables,
the waterfall of flows, the changes tested in words. Pure: the runs come from the selectors."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np

from oneworkforce.core import charts

from .. import projection
from ..projection.engine import FLOWS
from ..projection.uncertainty import MULTIPLIERS

if TYPE_CHECKING:  # the selectors import this module's chart helpers
    from .selectors import Run

FLOW_LABELS = {
    "external_recruitment": "Joiners recruited from outside",
    "training": "Joiners from training",
    "transfers_in": "Moved in from other organisations",
    "new_role_recruitment": "Recruited into new roles",
    "leavers": "Leavers",
    "retirements": "Retirements",
    "transfers_out": "Moved out to other organisations",
}
OUTFLOWS = {"leavers", "retirements", "transfers_out"}
DIMENSION_LABELS = {
    "total": "Everyone",
    "staff_group": "Staff group",
    "sector": "Sector",
    "org": "Organisation",
    "place": "Place",
    "cell": "Organisation and staff group",
}


def year_label(date: str) -> str:
    year, month = date.split("-")
    return f"{dt.date(int(year), int(month), 1):%b %Y}"


def group_choices(result: projection.Projection) -> list[tuple[str, str]]:
    choices = [("total", "Everyone")]
    for dimension in ("staff_group", "sector", "org", "place", "cell"):
        for group in result.groups_of(dimension):
            if any(group.key):
                choices.append(
                    (
                        f"{dimension}:{' / '.join(group.key)}",
                        f"{DIMENSION_LABELS[dimension]}: {group.label}",
                    )
                )
    return choices


def _group(result: projection.Projection, choice: str) -> Any:
    if choice and choice != "total" and ":" in choice:
        dimension, _, key = choice.partition(":")
        try:
            return result.group(dimension, key)
        except KeyError:
            pass
    return result.group("total")


def _row(bands: Any, gap: Any, k: int) -> dict[str, Any]:
    return {
        "label": year_label(bands.dates[k]),
        "demand": float(gap.demand[k]),
        "p5": float(bands.p5[k]),
        "p25": float(bands.p25[k]),
        "p50": float(bands.p50[k]),
        "p75": float(bands.p75[k]),
        "p95": float(bands.p95[k]),
        "gap": float(gap.fte[k]),
        "share": float(gap.share[k]) if gap.demand[k] > 0 else None,
    }


Shown = tuple[str, projection.Projection, Any]  # a label, a projection and one of its groups


def together(items: list[Shown]) -> charts.FansChart:
    """Several projections of a group on one chart and one scale, with the first's demand (and
    its band, where each run draws its own demand growth)."""
    first, group = items[0][1], items[0][2]
    demand = first.demand_stats(group)
    low, high = demand[:, 1], demand[:, 5]  # the 5th and 95th percentiles
    return charts.fans_chart(
        [d[:4] for d in first.dates],
        [
            (label, bands.p5, bands.p50, bands.p95)
            for label, result, shown in items
            for bands in [result.bands(shown)]
        ],
        first.gap(group).demand,
        "demand" if _same_demand(items) else f"demand ({items[0][0]})",
        (low, high) if np.any(low != high) else None,
    )


def _same_demand(items: list[Shown]) -> bool:
    demands = [result.gap(shown).demand for _, result, shown in items]
    return all(np.allclose(d, demands[0]) for d in demands[1:])


def gaps_together(items: list[Shown]) -> charts.FansChart:
    """The gap (demand less supply, FTE) of several projections with its band: demand less
    the 95th and the 5th percentile of supply, or, where each run draws its own demand, the
    percentiles of each run's demand less its own supply."""
    first = items[0][1]
    series = []
    for label, result, shown in items:
        gap = result.gap(shown)
        name = label if len(items) > 1 else "Gap"
        series.append((name, gap.p5, gap.fte, gap.p95))
    return charts.fans_chart([d[:4] for d in first.dates], series)


def _describe(item: dict[str, Any]) -> str:
    kind = item.get("kind")
    start = f"from month {item.get('start_month', 0)}"
    if kind == "leaver_rate":
        where = ", ".join(item.get("where", {}).get("staff_groups", [])) or "everyone"
        return f"yearly leaver rate {item['percentage_points']:+g} points for {where}, {start}"
    if kind == "training":
        return (
            f"{item['intake_per_year']} trainees a year into {item['cell']}, "
            f"{item['duration_months']} months, {100 * item.get('attrition', 0):g}% do not finish"
        )
    if kind == "new_role":
        sources = "; ".join(
            f"{100 * s['share']:g}% from {', '.join(s['where'].get('staff_groups', []))}"
            + (f" in {', '.join(s['where']['sectors'])}" if s["where"].get("sectors") else "")
            for s in item.get("sources", [])
        )
        return f"{item['per_month']:g} a month into {item['cell']}" + (
            f", {sources}" if sources else ""
        )
    if kind == "demand_growth":
        return f"demand grows {100 * item['annual_growth']:g}% a year, {start}"
    return str(kind)


def _interval(row: projection.Swing) -> str:
    if row.parameter == "demand_growth":
        return f"{row.low:+.1%} to {row.high:+.1%} a year on top of the demand assumption"
    suffix = " x the figures" if row.parameter in MULTIPLIERS else ""
    return f"{row.low:.2f} to {row.high:.2f}{suffix}"


def sensitivity(rows: list[projection.Swing]) -> dict[str, Any] | None:
    """The tornado of the assumptions that move the horizon gap, and the same figures."""
    if not rows:
        return None
    return {
        "chart": charts.tornado_chart(
            [(row.label, row.at_low - row.base, row.at_high - row.base) for row in rows]
        ),
        "base": rows[0].base,
        "rows": [
            {
                "label": row.label,
                "interval": _interval(row),
                "probability": row.probability,
                "at_low": row.at_low,
                "at_high": row.at_high,
                "swing": row.swing,
            }
            for row in rows
        ],
    }


def page(outcome: Run, choice: str, *, backtest: dict[str, Any] | None) -> dict[str, Any]:
    result, baseline = outcome.result, outcome.baseline
    group = _group(result, choice)
    bands, gap = result.bands(group), result.gap(group)
    view: dict[str, Any] = {
        "runs": result.runs,
        "cells": len(result.scenario.cells),
        "start_label": year_label(result.dates[0]),
        "end_label": year_label(result.dates[-1]),
        "compared": baseline is not None,
        "warnings": outcome.warnings,
        "group_label": group.label if group.dimension != "total" else "Everyone",
        "interventions": [
            {"name": item.get("name", ""), "text": _describe(item)}
            for item in outcome.scenario.interventions
        ],
        "year_rows": [_row(bands, gap, k) for k in range(len(bands.months))],
    }
    demand = result.demand_stats(group)  # its 5th and 95th percentiles differ if runs draw it
    view["demand_varies"] = bool(np.any(demand[:, 1] != demand[:, 5]))
    for row, (low, high) in zip(view["year_rows"], demand[:, [1, 5]], strict=True):
        row["demand_range"] = f"{low:,.0f} to {high:,.0f}"
    shown: list[Shown] = [("With the changes" if baseline is not None else "Supply", result, group)]
    if baseline is not None:
        base_group = baseline.group(group.dimension, *group.key)
        shown.append(("Without changes", baseline, base_group))
    view["fans"] = together(shown)
    view["gaps"] = gaps_together(shown)
    if baseline is not None:
        base_bands = baseline.bands(base_group)
        for k, row in enumerate(view["year_rows"]):
            row["baseline_p50"] = float(base_bands.p50[k])
    last = len(result.months) - 1
    gap_rows = []
    for staff_group in result.groups_of("staff_group"):
        row = _row(result.bands(staff_group), result.gap(staff_group), last)
        row["label"] = staff_group.label
        if baseline is not None:
            row["baseline_gap"] = float(
                baseline.gap(baseline.group("staff_group", *staff_group.key)).fte[last]
            )
        gap_rows.append(row)
    view["gap_rows"] = gap_rows
    sector_rows = []
    for sector in result.groups_of("sector"):
        sector_bands = result.bands(sector)
        row = {
            "label": sector.label,
            "start": float(sector_bands.p50[0]),
            "end": float(sector_bands.p50[last]),
        }
        if baseline is not None:
            base = float(baseline.bands(baseline.group("sector", *sector.key)).p50[last])
            row["baseline"] = base
            row["change"] = (row["end"] - base) / base if base else None
        sector_rows.append(row)
    view["sector_rows"] = sector_rows
    total = result.waterfall_total(group)
    waterfall = [("Headcount at the start", total.start)]
    waterfall += [
        (FLOW_LABELS[name], -total.flows[name] if name in OUTFLOWS else total.flows[name])
        for name in FLOWS
        if abs(total.flows[name]) >= 0.05
    ]
    waterfall.append(("Headcount at the end", total.end))
    view["waterfall"] = waterfall
    view["waterfall_chart"] = charts.bar_chart(
        [
            (label, value, f"{value:+,.0f}" if 0 < i < len(waterfall) - 1 else f"{value:,.0f}")
            for i, (label, value) in enumerate(waterfall)
        ],
        waterfall=True,
    )
    labels = {cell.id: cell.label for cell in result.scenario.cells}
    view["role_sources"] = [
        {
            "role": labels.get(source.target, source.target),
            "source": labels.get(source.source, source.source)
            if source.source
            else "Outside the partnership's workforce",
            "people": source.recruits,
        }
        for source in result.new_role_sources()
        if source.recruits >= 0.05
    ]
    view["recruit_sources"] = [
        {
            "name": item.name,
            "people": item.recruits,
            "limit": item.limit,
            "used": item.used,
        }
        for item in result.recruits_by_source()
    ]
    view["assumptions"] = [
        {
            "name": f"{a.subject}: {a.item}",
            "value": f"{a.value} {a.unit}".strip(),
            "source": a.source,
        }
        for a in result.assumptions()
    ]
    view["backtest"] = backtest
    return view


def backtests(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each back-test with its rows per staff group or job role (observed and projected
    headcount at the last month, the error and its share) and a chart of the error's share."""
    shown = []
    for part in parts:
        groups = part["groups"]
        rows = [
            {
                "label": g.staff_group,
                "cells": g.cells,
                "observed": g.observed,
                "projected": g.projected,
                "error": g.error,
                "share": g.share,
                "mae": g.mae,
            }
            for g in groups
        ]
        chart = charts.bar_chart(
            [
                (g.staff_group, 100 * g.share, f"{100 * g.share:+.1f}%")
                for g in groups
                if g.share is not None
            ]
        )
        shown.append({**part, "rows": rows, "chart": chart if groups else None})
    return shown
