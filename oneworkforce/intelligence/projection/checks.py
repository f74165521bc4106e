"""Checks on projections: destabilisation of other sectors, and back-tests against observed
stocks."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from .results import Projection
from .runner import project
from .scenario import Scenario

DEFAULT_THRESHOLD = 0.02


@dataclass(frozen=True)
class Destabilisation:
    """A group whose projected supply the variant shrinks by more than the threshold."""

    dimension: str
    key: tuple[str, ...]
    label: str
    month: int
    date: str
    baseline: float
    variant: float
    worst_month: int
    worst_date: str
    worst_change: float
    threshold: float
    measure: str
    # For a sector: its organisations whose supply falls more than the threshold, as
    # (name, largest fall), largest first.
    organisations: tuple[tuple[str, float], ...] = ()

    @property
    def change(self) -> float:
        return (self.variant - self.baseline) / self.baseline

    @property
    def message(self) -> str:
        kind = "sector" if self.dimension == "sector" else "sector and staff group"
        unit = "FTE" if self.measure == "fte" else "people"
        text = (
            f"Warning: this scenario shrinks the {kind} {self.label}. By {self.date} (year"
            f" {self.month / 12:g}) its projected supply is {self.variant:,.1f} {unit}"
            f" against {self.baseline:,.1f} {unit} in the baseline, {-self.change:.1%} lower"
            f" (threshold {self.threshold:.1%})."
        )
        if self.worst_month != self.month:
            text += f" The largest fall is {-self.worst_change:.1%}, by {self.worst_date}."
        if self.organisations:
            hit = ", ".join(f"{name} ({-fall:.1%})" for name, fall in self.organisations)
            text += f" Hardest hit: {hit}."
        return text


def destabilisation(
    baseline: Projection,
    variant: Projection,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    dimensions: Sequence[str] = ("sector", "sector_staff_group"),
    measure: str = "fte",
) -> list[Destabilisation]:
    """Warnings for every sector (and sector x staff group) whose median projected supply in
    ``variant`` is more than ``threshold`` (a fraction) below ``baseline`` at any reported month
    after the start. One warning per group, naming the first such month and the worst."""
    warnings = []
    for dimension in dimensions:
        for group in baseline.groups_of(dimension):
            try:
                other = variant.group(group.dimension, *group.key)
            except KeyError:
                continue
            base = baseline.bands(group, measure).p50
            new = variant.bands(other, measure).p50
            change = np.full(base.shape, np.inf)
            np.divide(new - base, base, out=change, where=base > 0)
            change[0] = np.inf  # the starting month is data, not projection
            falls = np.flatnonzero(change < -threshold)
            if not falls.size:
                continue
            first = int(falls[0])
            worst = int(np.argmin(change))
            hit = (
                _organisations_hit(baseline, variant, dimension, group.key, threshold, measure)
                if dimension in ("sector", "sector_staff_group")
                else ()
            )
            warnings.append(
                Destabilisation(
                    dimension,
                    group.key,
                    group.label,
                    baseline.months[first],
                    baseline.dates[first],
                    float(base[first]),
                    float(new[first]),
                    baseline.months[worst],
                    baseline.dates[worst],
                    float(change[worst]),
                    threshold,
                    measure,
                    hit,
                )
            )
    return warnings


def _worst_fall(base: np.ndarray, new: np.ndarray) -> float:
    change = np.zeros(base.shape)
    np.divide(new - base, base, out=change, where=base > 0)
    return float(change[1:].min()) if change.size > 1 else 0.0


def _organisations_hit(
    baseline: Projection,
    variant: Projection,
    dimension: str,
    key: tuple[str, ...],
    threshold: float,
    measure: str,
) -> tuple[tuple[str, float], ...]:
    """The organisations of a sector (``key`` = (sector,)), or their cells of a sector's staff
    group (``key`` = (sector, staff group)), whose median supply falls more than the threshold
    at some reported month, with their largest fall, largest first (at most five)."""
    cells = baseline.layout.cells
    by_cell = dimension == "sector_staff_group"
    found = []
    for group in baseline.groups_of("cell" if by_cell else "org"):
        members = [cells[c] for c in baseline.members(group)]
        if any(((c.sector, c.staff_group) if by_cell else (c.sector,)) != key for c in members):
            continue
        try:
            other = variant.group(group.dimension, *group.key)
        except KeyError:
            continue
        fall = _worst_fall(baseline.bands(group, measure).p50, variant.bands(other, measure).p50)
        if fall < -threshold:
            found.append((members[0].org_name or members[0].org if by_cell else group.label, fall))
    return tuple(sorted(found, key=lambda item: item[1])[:5])


@dataclass(frozen=True)
class BacktestRow:
    cell: str
    month: int
    date: str
    observed: float
    projected: float

    @property
    def error(self) -> float:
        return self.projected - self.observed

    @property
    def absolute_percentage_error(self) -> float | None:
        return abs(self.error) / self.observed if self.observed else None


@dataclass(frozen=True)
class Backtest:
    """Projected against observed stocks. ``mae`` is the mean absolute error, ``mape`` the mean
    absolute percentage error (a fraction; rows observing 0 are left out of it), ``bias`` the
    mean error (projected - observed)."""

    rows: list[BacktestRow]
    mae: float
    mape: float
    bias: float
    per_cell: dict[str, tuple[float, float]]  # cell id → (MAE, MAPE)
    measure: str
    per_group: list[GroupError] = field(default_factory=list)


@dataclass(frozen=True)
class GroupError:
    """A staff group's (or job role's) observed and projected total at the last month observed,
    summed over its observed cells, and the mean absolute error of that total over the months
    observed."""

    staff_group: str
    cells: int
    date: str
    observed: float
    projected: float
    mae: float

    @property
    def error(self) -> float:
        return self.projected - self.observed

    @property
    def share(self) -> float | None:
        return self.error / self.observed if self.observed else None


def _errors(rows: Sequence[BacktestRow]) -> tuple[float, float, float]:
    if not rows:
        return math.nan, math.nan, math.nan
    mae = sum(abs(r.error) for r in rows) / len(rows)
    shares = [s for r in rows if (s := r.absolute_percentage_error) is not None]
    mape = sum(shares) / len(shares) if shares else math.nan
    bias = sum(r.error for r in rows) / len(rows)
    return mae, mape, bias


def backtest(
    scenario: Scenario,
    observed: Mapping[str, Mapping[int, float]],
    *,
    measure: str = "headcount",
) -> Backtest:
    """Project ``scenario`` (expected values) from its starting stocks with its rates, and
    compare with ``observed[cell id][month]`` (months after the scenario's start; headcount, or
    FTE with ``measure="fte"``)."""
    last = max((m for months in observed.values() for m in months), default=0)
    if last < 1:
        raise ValueError("observed stocks must be for months after the start (1 or later)")
    monthly = replace(scenario, horizon_months=max(last, 1), report_every_months=1, runs=0)
    result = project(monthly, runs=0)
    rows = []
    for cell_id, months in observed.items():
        group = result.group("cell", cell_id)
        values = result.bands(group, measure).mean
        for month, value in sorted(months.items()):
            rows.append(
                BacktestRow(
                    cell_id, month, monthly.date_of(month), float(value), float(values[month])
                )
            )
    per_cell = {}
    for cell_id in observed:
        mae, mape, _ = _errors([r for r in rows if r.cell == cell_id])
        per_cell[cell_id] = (mae, mape)
    mae, mape, bias = _errors(rows)
    return Backtest(rows, mae, mape, bias, per_cell, measure, _per_group(monthly, rows))


def _per_group(scenario: Scenario, rows: Sequence[BacktestRow]) -> list[GroupError]:
    group_of = {cell.id: cell.staff_group for cell in scenario.cells}
    totals: dict[str, dict[int, list[float]]] = {}
    cells: dict[str, set[str]] = {}
    for row in rows:
        group = group_of[row.cell]
        pair = totals.setdefault(group, {}).setdefault(row.month, [0.0, 0.0])
        pair[0] += row.observed
        pair[1] += row.projected
        cells.setdefault(group, set()).add(row.cell)
    found = []
    for group, months in sorted(totals.items(), key=lambda item: item[0].casefold()):
        last = max(months)
        mae = sum(abs(p - o) for o, p in months.values()) / len(months)
        observed, projected = months[last]
        found.append(
            GroupError(group, len(cells[group]), scenario.date_of(last), observed, projected, mae)
        )
    return found
