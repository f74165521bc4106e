"""Demand that differs from run to run: ``demand_growth`` intervals (see ``uncertainty``).

Expected values grow the chosen cells' demand by the interval's middle ``g`` a year on top of
the scenario's path ``D(t)``: ``D(t) (1 + g)^(t/12)`` (``plan.demand``). Run ``r`` draws its own
``g_r`` once, so its demand is ``plan.demand x q_r^t`` with the monthly factor
``q_r = ((1 + g_r) / (1 + g))^(1/12)`` (the product over the items that choose a cell). Each
run's recruitment aims at its own demand, and the demand figures and the gap's band are
percentiles over runs of each run's demand and of each run's demand less its own supply.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from .summary import STATS, summarise

F64 = NDArray[np.float64]
DEMAND, GAP = 0, 1


def grow(demand: F64, intervals: Any, columns: NDArray[np.int64], chooser: Any) -> None:
    """Grow ``demand[months + 1, layout columns]`` in place by each ``demand_growth`` item's
    middle (its value, if of zero width) for the cells it chooses."""
    months = np.arange(demand.shape[0]) / 12
    for item in intervals:
        if item.parameter == "demand_growth":
            chosen = columns[chooser.select(item.where)]
            demand[:, chosen] *= ((1.0 + item.point) ** months)[:, None]


def monthly_factors(sampled: Any, values: F64, columns: NDArray[np.int64]) -> F64 | None:
    """Each run's monthly demand factor ``q_r`` for ``columns`` ``[cells, runs]`` from the drawn
    ``values[items, runs]``, or ``None`` if no demand growth is drawn."""
    rows = [k for k, kind in enumerate(sampled.kinds) if kind == "demand_growth"]
    if not rows:
        return None
    result = np.ones((columns.size, values.shape[1]))
    for k in rows:
        q = ((1.0 + values[k]) / (1.0 + sampled.middles[k])) ** (1 / 12)
        result *= np.where(sampled.masks[k, columns][:, None] > 0, q[None, :], 1.0)
    return result


def target(base: F64, month: int, factors: F64 | None) -> F64:
    """Recruitment's target heads at the end of ``month`` ``[cells, runs]``: the plan's
    ``base[cells]``, times each run's demand factor to that month if demand is drawn."""
    column = base[:, None]
    return column if factors is None else column * factors ** (month + 1)


class RunDemand:
    """Each run's demand at the reported months, and the percentiles of demand and of the gap
    (demand less the run's own supply) per cell and per roll-up group."""

    def __init__(self, layout: Any, plan: Any, runs: int) -> None:
        self.months = np.array(layout.report_months)
        self.base = plan.demand[self.months]
        self.fte_ratio = plan.fte_ratio[:, None]
        self.rollups = layout.rollups
        self.factors = np.ones((layout.size, runs))
        points = len(self.months)
        self.cells = np.zeros((points, 2, len(STATS), layout.size))
        self.groups = np.zeros((points, 2, len(STATS), self.rollups.size))

    def set_runs(self, runs: slice, columns: NDArray[np.int64], factors: F64) -> None:
        self.factors[columns, runs] = factors

    def finish(self, point: int, parts: Any, group_fte: NDArray[Any]) -> None:
        """Summarise reported point ``point`` from every run's stocks (``(rows, [rows, runs])``
        parts covering the cells) and group FTE ``[groups, runs]``."""
        stocks = np.empty(self.factors.shape)
        for rows, values in parts:
            stocks[rows] = values
        demand = self.base[point][:, None] * self.factors ** self.months[point]
        self.cells[point, DEMAND] = summarise(demand, whole=False)
        self.cells[point, GAP] = summarise(demand - stocks * self.fte_ratio, whole=False)
        groups = self.rollups.sums(demand)
        self.groups[point, DEMAND] = summarise(groups, whole=False)
        self.groups[point, GAP] = summarise(groups - group_fte, whole=False)

    def stats(self, index: int, cells: int) -> F64:
        """``[points, (demand, gap), STATS]`` for the results' group ``index`` (cells first)."""
        found: F64 = (
            self.cells[:, :, :, index] if index < cells else self.groups[:, :, :, index - cells]
        )
        return found


def run_demand(layout: Any, plan: Any, runs: int) -> RunDemand | None:
    """The store for each run's demand, if the plan draws demand growth for its runs."""
    sampled = plan.sampled
    if runs == 0 or sampled is None or "demand_growth" not in sampled.kinds:
        return None
    return RunDemand(layout, plan, runs)
