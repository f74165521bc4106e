"""Expected values (``runs=0``): the engine's monthly equations with every draw at its mean.

The only sequential part is the stock itself. For every cell ``N' = a N + M N + b`` where
``a = 1 - p_leave - p_retire - p_transfers_out`` (month by month), ``M`` moves staff between
cells (``M[d, s]`` = monthly probability of moving from ``s`` to ``d``) and ``b`` is the month's
joiners and training finishers. New roles add a capped, non-linear step for the few cells they
touch. The loop over months therefore costs a handful of array operations (a dense ``M`` for
up to ``DENSE_TRANSFERS`` coupled cells, a sparse gather/scatter above); every flow is then
computed for all months at once from the stocks and summed per reporting interval.

Equal to the month-by-month multinomial chain in expectation: the ``k``-th exit of the chain
takes ``remaining x p_k / (1 - used)`` = ``N x p_k``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from .engine import (
    EXTERNAL,
    FLOWS,
    LEAVERS,
    NEW_ROLE,
    RETIREMENTS,
    TRAINING,
    TRANSFERS_IN,
    TRANSFERS_OUT,
    RawResult,
)
from .model import Layout, Plan
from .summary import STATS

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
DENSE_TRANSFERS = 1024  # coupled cells up to which transfers are one dense matrix product


class _Roles:
    """New roles on the layout: each month, recruits ``min(rate, cap - stock)`` per role,
    drawn from the sources in proportion (never more than a source holds after its exits, in
    the layout's order of role pairs) and the rest from outside."""

    def __init__(self, layout: Layout, plan: Plan) -> None:
        roles = plan.roles
        pairs = len(layout.role_pairs)
        self.src = np.array([s for s, _ in layout.role_pairs], dtype=np.int64)
        self.dst = np.array([t for _, t in layout.role_pairs], dtype=np.int64)
        rank: dict[int, int] = {}
        ranks = []
        for s in self.src.tolist():
            ranks.append(rank.get(s, 0))
            rank[s] = ranks[-1] + 1
        rank_of = np.array(ranks, dtype=np.int64)
        self.ranks = [np.flatnonzero(rank_of == r) for r in range(max(ranks, default=-1) + 1)]
        self.target = np.array([r.target for r in roles], dtype=np.int64)
        self.share = np.array([r.pairs for r in roles]).reshape(len(roles), pairs).T
        self.cap = np.array([r.cap for r in roles])
        self.rate = np.array([r.rate for r in roles]).reshape(len(roles), layout.months).T
        self.external_rows = np.array(layout.role_targets, dtype=np.int64)
        slot = {t: i for i, t in enumerate(layout.role_targets)}
        self.external_share = np.zeros((len(layout.role_targets), len(roles)))
        for i, r in enumerate(roles):
            self.external_share[slot[r.target], i] = r.external

    def step(self, n: F64, remaining: F64, month: int) -> tuple[F64, F64, F64]:
        """Given the stocks at the start of the month and what remains after exits: the change
        to the stocks, the draws per role pair and the external recruits per role target."""
        recruits = np.minimum(self.rate[month], np.maximum(self.cap - n[self.target], 0))
        wanted = self.share @ recruits
        drawn = np.zeros_like(wanted)
        remaining = remaining.copy()
        for at in self.ranks:
            src = self.src[at]
            take = np.minimum(wanted[at], remaining[src])
            drawn[at] = take
            remaining[src] -= take
        external = self.external_share @ recruits
        change = np.zeros_like(n)
        np.subtract.at(change, self.src, drawn)
        np.add.at(change, self.dst, drawn)
        np.add.at(change, self.external_rows, external)
        return change, drawn, external


def _stocks(layout: Layout, plan: Plan, keep: F64, training: F64) -> tuple[F64, F64, F64, F64, F64]:
    """Stocks at the start of every month ``[months + 1, cells]``, the new-role draws and
    external recruits per month, and the recruits answering vacancies per month, per cell and
    per source."""
    months, size = layout.months, layout.size
    pairs = np.array(layout.transfer_pairs, dtype=np.int64).reshape(-1, 2)
    stocks = np.empty((months + 1, size))
    stocks[0] = plan.headcount
    drawn = np.zeros((months, len(layout.role_pairs)))
    external = np.zeros((months, len(layout.role_targets)))
    recruit = plan.recruit
    recruits = np.zeros((months, size))
    by_source = np.zeros((months, len(recruit.names) if recruit else 0))
    roles = _Roles(layout, plan) if layout.role_targets else None
    coupled = layout.coupled
    dense: F64 | None = None
    if pairs.size and coupled.size <= DENSE_TRANSFERS:
        local = np.full(size, -1, dtype=np.int64)
        local[coupled] = np.arange(coupled.size)
        dense = np.zeros((coupled.size, coupled.size))
        np.add.at(dense, (local[pairs[:, 1]], local[pairs[:, 0]]), plan.transfer_prob)
    n = stocks[0].copy()
    for month in range(months):
        remaining = n * keep[month]
        new = remaining + plan.joiners[month]
        if pairs.size:
            if dense is not None:
                new[coupled] += dense @ n[coupled]
            else:
                moved = n[pairs[:, 0]] * plan.transfer_prob
                new += np.bincount(pairs[:, 1], weights=moved, minlength=size)
        if roles is not None:
            change, drawn[month], external[month] = roles.step(n, remaining, month)
            new += change
        if recruit is not None:
            taken, found = recruit.recruit(new[:, None], month, _mean, whole=False)
            recruits[month] = taken[:, 0]
            by_source[month] = found[:, 0]
            new += recruits[month]
        new += training[month]
        n = new
        stocks[month + 1] = n
    return stocks, drawn, external, recruits, by_source


def _mean(mean: F64) -> F64:
    return mean


def _training(layout: Layout, plan: Plan) -> F64:
    """Expected training finishers joining each cell in each month ``[months, cells]``."""
    training = np.zeros((layout.months, layout.size))
    for cohort in plan.cohorts:
        training[cohort.arrival, cohort.column] += cohort.intake * cohort.survival
    return training


def expected(layout: Layout, plan: Plan, keep_flows: bool = False) -> RawResult:
    """Expected values for every cell, month by month, summarised at the reported months."""
    size = layout.size
    pairs = np.array(layout.transfer_pairs, dtype=np.int64).reshape(-1, 2)
    transfer_out = np.bincount(pairs[:, 0], weights=plan.transfer_prob, minlength=size)
    keep = 1.0 - plan.p_leave - plan.p_retire - transfer_out
    training = _training(layout, plan)
    stocks, drawn, external, recruits, by_source = _stocks(layout, plan, keep, training)

    start = stocks[:-1]
    report = layout.report_months
    intervals = len(report) - 1

    def by_interval(values: NDArray[Any]) -> F64:
        """Sum ``values[months, k]`` over each reporting interval."""
        if not values.shape[1]:
            return np.zeros((intervals, values.shape[1]))
        summed: F64 = np.add.reduceat(values, report[:-1], axis=0)
        return summed

    per_month: dict[int, F64] = {
        EXTERNAL: plan.joiners + recruits,
        TRAINING: training,
        LEAVERS: start * plan.p_leave,
        RETIREMENTS: start * plan.p_retire,
        TRANSFERS_OUT: start * transfer_out,
    }
    if pairs.size:
        moved = start[:, pairs[:, 0]] * plan.transfer_prob
        per_month[TRANSFERS_IN] = _scatter_columns(moved, pairs[:, 1], size)
    if layout.role_targets:
        rows = np.array(layout.role_targets, dtype=np.int64)
        per_month[TRANSFERS_OUT] = per_month[TRANSFERS_OUT] + _scatter_columns(
            drawn, _side(layout, 0), size
        )
        per_month[NEW_ROLE] = _scatter_columns(drawn, _side(layout, 1), size) + _scatter_columns(
            external, rows, size
        )
    flows = np.zeros((intervals, size, len(FLOWS)))
    for kind, values in per_month.items():
        flows[:, :, kind] = by_interval(values)

    points = stocks[report]  # [points, cells]
    group_hc = layout.rollups.sums(points.T).T  # [points, groups]
    group_fte = layout.rollups.sums((points * plan.fte_ratio).T).T
    return RawResult(
        0,
        _as_stats(points),
        _as_stats(group_hc),
        _as_stats(group_fte),
        flows,
        by_interval(drawn),
        by_interval(external),
        points[:, :, None],
        group_hc[:, :, None],
        group_fte[:, :, None],
        flows[None].copy() if keep_flows else None,
        by_interval(by_source) if plan.recruit is not None else None,
        by_interval(by_source)[None] if plan.recruit is not None and keep_flows else None,
    )


def _scatter_columns(values: F64, columns: I64, size: int) -> F64:
    """``values[months, k]`` summed into ``columns`` of a ``[months, size]`` array."""
    out = np.zeros((values.shape[0], size))
    np.add.at(out.T, columns, values.T)
    return out


def _side(layout: Layout, side: int) -> I64:
    """The source (``side`` 0) or target (1) column of every new-role pair."""
    return np.array([pair[side] for pair in layout.role_pairs], dtype=np.int64)


def _as_stats(values: NDArray[Any]) -> F64:
    """``[points, k]`` → ``[points, STATS, k]``: with one run, every statistic is the value."""
    return np.repeat(np.asarray(values, dtype=np.float64)[:, None, :], len(STATS), axis=1)
