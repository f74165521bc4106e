"""Scenario → arrays: monthly parameters per cell, and the layout that scenarios compared with
common random numbers share.

The layout splits cells in two. *Coupled* cells exchange staff with other cells (transfers, new
roles) and are stepped month by month. All others are *isolated*: between two *boundaries*
(reported months, months in which any isolated cell's rates change, training arrivals) their
rates are constant, so the engine advances them a whole segment at once with exact formulas.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from . import crosswalk, demand_runs, seasonality
from .recruitment import RecruitPlan, recruit_plan
from .scenario import (
    Cell,
    CellIndex,
    DemandGrowthChange,
    LeaverRateChange,
    NewRole,
    Scenario,
    TrainingIntake,
    monthly_probability,
)
from .summary import Rollups
from .uncertainty import Sampled, point_values, sampled_plan

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
MAX_RATE = 0.999


def _monthly(annual: F64) -> F64:
    result: F64 = 1.0 - (1.0 - np.clip(annual, 0.0, MAX_RATE)) ** (1.0 / 12.0)
    return result


@dataclass(frozen=True)
class Cohort:
    """A training cohort: ``intake`` people start in month ``start``; the finishers join cell
    ``column`` at the end of month ``arrival``; each finishes with probability ``survival``."""

    start: int
    arrival: int
    column: int
    intake: int
    survival: float


@dataclass
class RolePlan:
    """One new-role intervention on the layout."""

    target: int  # column of the new role's cell
    rate: F64  # recruits a month, per month (0 outside the window)
    cap: float  # stop while the cell holds this many (inf if none)
    pairs: F64  # share of recruits from each layout role pair (source column → target)
    external: float  # share from outside
    index: int  # position in the scenario's interventions


@dataclass
class Plan:
    """One scenario's numbers on a layout (columns = ``layout.cell_ids``)."""

    scenario: Scenario
    present: NDArray[np.bool_]
    headcount: F64
    fte_ratio: F64
    p_leave: F64  # [T, C] monthly probability
    p_retire: F64  # [T, C]
    joiners: F64  # [T, C] expected external joiners a month
    transfer_prob: F64  # [pairs] monthly probability
    roles: list[RolePlan]
    cohorts: list[Cohort]
    demand: F64  # [T + 1, C] FTE
    recruit: RecruitPlan | None = None  # recruitment that answers vacancies (None: fixed joiners)
    sampled: Sampled | None = None  # intervals of positive width, drawn once per run


@dataclass
class Layout:
    cell_ids: list[str]
    cells: list[Cell]
    months: int
    report_months: list[int]
    coupled: I64
    isolated: I64
    boundaries: list[int]
    transfer_pairs: list[tuple[int, int]]
    role_pairs: list[tuple[int, int]]
    role_targets: list[int]
    rollups: Rollups
    plans: list[Plan] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.cell_ids)

    def interval_of(self, month: int) -> int:
        """Index of the reporting interval that month ``month`` (a flow) belongs to."""
        return bisect.bisect_right(self.report_months, month) - 1


def _column_sets(
    scenario: Scenario, index: dict[str, int], chooser: CellIndex
) -> tuple[list[tuple[int, int, float]], list[tuple[NewRole, int, list[tuple[int, float]], float]]]:
    """Transfers as (source column, destination column, monthly probability) and new roles with
    their (source column, share of recruits) lists."""
    cells = scenario.cells
    columns = [index[c.id] for c in cells]
    transfers: list[tuple[int, int, float]] = []
    moving = [
        (
            chooser.select(transfer.origin),
            chooser.select(transfer.destination),
            transfer.annual_rate,
        )
        for transfer in scenario.transfers
    ]
    # The crosswalk's moves between sectors (a care worker becoming a support worker).
    moving += crosswalk.moves(scenario.crosswalk, cells)
    for origin, destination, annual_rate in moving:
        weights = np.array([cells[d].headcount for d in destination], dtype=np.float64)
        weights = weights / weights.sum() if weights.sum() > 0 else np.full(len(destination), 1.0)
        for o in origin:
            others = [(d, w) for d, w in zip(destination, weights, strict=True) if d != o]
            total = sum(w for _, w in others)
            if total <= 0:
                continue
            monthly = monthly_probability(annual_rate)
            for d, w in others:
                # The destinations share the monthly probability of leaving for any of them.
                transfers.append((columns[o], columns[d], monthly * w / total))
    roles = []
    for intervention in scenario.interventions:
        if not isinstance(intervention, NewRole):
            continue
        shares: list[tuple[int, float]] = []
        for role_source in intervention.sources:
            chosen = chooser.select(role_source.where)
            weights = np.array([cells[c].headcount for c in chosen], dtype=np.float64)
            if weights.sum() <= 0:
                weights = np.ones(len(chosen))
            for c, w in zip(chosen, weights / weights.sum(), strict=True):
                shares.append((columns[c], role_source.share * float(w)))
        external = max(0.0, 1.0 - sum(s.share for s in intervention.sources))
        roles.append((intervention, index[intervention.cell], shares, external))
    return transfers, roles


def _demand(scenario: Scenario, cells: Sequence[Cell], months: int, chooser: CellIndex) -> F64:
    """Demand FTE per month [months + 1, cells] for the scenario's cells (in scenario order)."""
    n = len(cells)
    growth = np.full((months, n), (1.0 + scenario.demand.annual_growth) ** (1 / 12))
    year, month = (int(x) for x in scenario.start.split("-"))
    when = year + (month - 1) / 12 + np.arange(months + 1) / 12
    for driver in scenario.demand.drivers:
        chosen = chooser.select(driver.where)
        if driver.annual_growth is not None:
            growth[:, chosen] = (1.0 + driver.annual_growth) ** (1 / 12)
            continue
        weights = np.array([b.weight for b in driver.age_bands], dtype=np.float64)
        weights = weights / weights.sum()
        index = np.zeros(months + 1)
        years = np.array(driver.years, dtype=np.float64)
        for weight, band in zip(weights, driver.age_bands, strict=True):
            population = np.array(band.population, dtype=np.float64)
            index += weight * np.interp(when, years, population) / population[0]
        growth[:, chosen] = (index[1:] / index[:-1])[:, None]
    for intervention in scenario.interventions:
        if isinstance(intervention, DemandGrowthChange):
            chosen = chooser.select(intervention.where)
            growth[intervention.start_month :, chosen] = (1.0 + intervention.annual_growth) ** (
                1 / 12
            )
    multiplier = np.ones((months + 1, n))
    multiplier[1:] = np.cumprod(growth, axis=0)
    start = np.array([c.demand_fte for c in cells], dtype=np.float64)
    result: F64 = multiplier * start
    return result


def _cohorts(scenario: Scenario, item: TrainingIntake, column: int) -> list[Cohort]:
    end = scenario.horizon_months if item.end_month is None else item.end_month
    cohorts = []
    per_year = len(item.cohort_months)
    for month in range(item.start_month, end):
        calendar = scenario.calendar_month_of(month)
        if calendar not in item.cohort_months:
            continue
        k = sorted(item.cohort_months).index(calendar)
        # Split the year's intake into whole people: floor((k+1)I/n) - floor(kI/n).
        intake = (k + 1) * item.intake_per_year // per_year - k * item.intake_per_year // per_year
        arrival = month + item.duration_months - 1
        if arrival < scenario.horizon_months and intake > 0:
            cohorts.append(Cohort(month, max(arrival, month), column, intake, 1 - item.attrition))
    return cohorts


def compile_plan(scenario: Scenario, layout: Layout) -> Plan:
    months = layout.months
    size = layout.size
    index = {cell_id: i for i, cell_id in enumerate(layout.cell_ids)}
    cells = scenario.cells
    chooser = CellIndex(cells)
    columns = np.array([index[c.id] for c in cells], dtype=np.int64)
    present = np.zeros(size, dtype=bool)
    present[columns] = True

    def column_values(values: list[float]) -> F64:
        result = np.zeros(size)
        result[columns] = values
        return result

    headcount = column_values([c.headcount for c in cells])
    fte_ratio = np.array([cell.fte_ratio for cell in layout.cells], dtype=np.float64)
    fte_ratio[columns] = [c.fte_ratio for c in cells]
    annual_leave = np.tile(column_values([c.leaver_rate for c in cells]), (months, 1))
    # Uncertain assumptions enter at their point values (the middle of each interval).
    for item in point_values(scenario.uncertainty, "leaver_rate"):
        annual_leave[:, columns[chooser.select(item.where)]] *= item.point
    for intervention in scenario.interventions:
        if isinstance(intervention, LeaverRateChange):
            chosen = columns[chooser.select(intervention.where)]
            end = months if intervention.end_month is None else intervention.end_month
            annual_leave[intervention.start_month : end, chosen] += (
                intervention.percentage_points / 100
            )
    p_leave = _monthly(annual_leave)
    p_retire = np.tile(_monthly(column_values([c.retirement_rate for c in cells])), (months, 1))
    joiners = np.tile(column_values([c.joiners_per_month for c in cells]), (months, 1))
    for item in point_values(scenario.uncertainty, "joiners"):
        joiners[:, columns[chooser.select(item.where)]] *= item.point

    seasonality.apply(scenario, chooser, columns, p_leave, joiners)  # twelve months' factors

    transfers, roles = _column_sets(scenario, index, chooser)
    transfer_prob = np.zeros(len(layout.transfer_pairs))
    pair_index = {pair: i for i, pair in enumerate(layout.transfer_pairs)}
    for source, destination, monthly in transfers:
        transfer_prob[pair_index[(source, destination)]] += monthly

    role_index = {pair: i for i, pair in enumerate(layout.role_pairs)}
    role_plans = []
    intervention_position = {id(x): i for i, x in enumerate(scenario.interventions)}
    for intervention, target, shares, external in roles:
        rate = np.zeros(months)
        end = months if intervention.end_month is None else intervention.end_month
        rate[intervention.start_month : end] = intervention.per_month
        pairs = np.zeros(len(layout.role_pairs))
        for source, share in shares:
            pairs[role_index[(source, target)]] += share
        cap = np.inf if intervention.target_headcount is None else intervention.target_headcount
        role_plans.append(
            RolePlan(target, rate, cap, pairs, external, intervention_position[id(intervention)])
        )

    cohorts = []
    for intervention in scenario.interventions:
        if isinstance(intervention, TrainingIntake):
            cohorts += _cohorts(scenario, intervention, index[intervention.cell])

    demand = np.zeros((months + 1, size))
    demand[:, columns] = _demand(scenario, cells, months, chooser)
    demand_runs.grow(demand, scenario.uncertainty, columns, chooser)  # intervals' middles
    recruit = recruit_plan(scenario.recruitment, cells, columns, size, demand, fte_ratio, chooser)
    if recruit is not None:
        joiners[:] = 0.0  # recruits answer vacancies instead
        for item in point_values(scenario.uncertainty, "fill_rate"):
            recruit.fill = item.point
        for item in point_values(scenario.uncertainty, "source_limit"):
            recruit.limits[recruit.names.index(item.source_name)] *= item.point
    sampled = sampled_plan(
        scenario.uncertainty, columns, size, chooser, recruit.names if recruit else []
    )
    return Plan(
        scenario,
        present,
        headcount,
        fte_ratio,
        p_leave,
        p_retire,
        joiners,
        transfer_prob,
        role_plans,
        cohorts,
        demand,
        recruit,
        sampled,
    )


def build_layout(scenarios: Sequence[Scenario]) -> Layout:
    """One layout for all ``scenarios`` (the first sets the horizon and reporting months), with
    every scenario compiled onto it."""
    first = scenarios[0]
    months = first.horizon_months
    cell_ids: list[str] = []
    cells: list[Cell] = []
    seen: set[str] = set()
    for scenario in scenarios:
        for cell in scenario.cells:
            if cell.id not in seen:
                seen.add(cell.id)
                cell_ids.append(cell.id)
                cells.append(cell)
    index = {cell_id: i for i, cell_id in enumerate(cell_ids)}
    transfer_pairs: set[tuple[int, int]] = set()
    role_pairs: set[tuple[int, int]] = set()
    role_targets: set[int] = set()
    for scenario in scenarios:
        transfers, roles = _column_sets(scenario, index, CellIndex(scenario.cells))
        transfer_pairs.update((s, d) for s, d, _ in transfers)
        for _, target, shares, _ in roles:
            role_targets.add(target)
            role_pairs.update((source, target) for source, _ in shares)
    coupled_set = {c for pair in transfer_pairs | role_pairs for c in pair} | role_targets
    for scenario in scenarios:
        # Recruits answering vacancies depend on each month's stock: those cells step monthly.
        if scenario.recruitment is not None and scenario.recruitment.answers_vacancies:
            coupled_set.update(index[c.id] for c in scenario.cells)
        # So do cells whose rates are drawn for each run.
        if any(item.width > 0 for item in scenario.uncertainty):
            coupled_set.update(index[c.id] for c in scenario.cells)
    coupled = np.array(sorted(coupled_set), dtype=np.int64)
    # Isolated cells in order of the variance of their exits (small first), so the cells that
    # need exact binomial tables form a leading block.
    isolated = np.array(
        sorted(
            (i for i in range(len(cell_ids)) if i not in coupled_set),
            key=lambda i: (
                cells[i].headcount * min(cells[i].leaver_rate + cells[i].retirement_rate, 1)
            ),
        ),
        dtype=np.int64,
    )
    layout = Layout(
        cell_ids,
        cells,
        months,
        list(first.report_months),
        coupled,
        isolated,
        [],
        sorted(transfer_pairs),
        sorted(role_pairs),
        sorted(role_targets),
        Rollups(cells),
    )
    layout.plans = [compile_plan(scenario, layout) for scenario in scenarios]
    boundaries = {0, months, *layout.report_months}
    for plan in layout.plans:
        for rates in (plan.p_leave, plan.p_retire, plan.joiners):
            sub = rates[:, isolated]
            changes = np.flatnonzero(np.any(sub[1:] != sub[:-1], axis=1)) + 1
            boundaries.update(int(t) for t in changes)
        boundaries.update(c.arrival + 1 for c in plan.cohorts)
    layout.boundaries = sorted(b for b in boundaries if 0 <= b <= months)
    return layout
