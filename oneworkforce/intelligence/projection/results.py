"""A finished projection and what a planner reads from it.

Every figure is available for every group: a cell, or a roll-up by organisation, staff group,
sector, place, sector x staff group, or the total. Supply bands are percentiles over runs of the
group's own total (run by run), never sums of cells' percentiles. Flows are means per run, in
headcount. With ``runs == 0`` (expected values) every percentile equals the expected value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from oneworkforce.core.spreadsheet import safe_cell

from .assumptions_table import Assumption, _number, assumptions
from .engine import FLOWS, RawResult
from .model import Layout, Plan
from .scenario import Scenario
from .summary import STATS, Group

F64 = NDArray[np.float64]
MEASURES = ("headcount", "fte")
INFLOWS = ("external_recruitment", "training", "transfers_in", "new_role_recruitment")
OUTFLOWS = ("leavers", "retirements", "transfers_out")


@dataclass(frozen=True)
class Bands:
    """Statistics over runs at each reported month (arrays parallel to ``months``)."""

    months: tuple[int, ...]
    dates: tuple[str, ...]
    mean: F64
    p5: F64
    p25: F64
    p50: F64
    p75: F64
    p95: F64

    @property
    def median(self) -> F64:
        return self.p50

    def stat(self, name: str) -> F64:
        value: F64 = getattr(self, name)
        return value


@dataclass(frozen=True)
class Gap:
    """Demand minus supply (FTE) at each reported month; ``share`` is the gap as a fraction
    of demand (NaN where demand is 0). ``p5``…``p95`` are percentiles of the gap itself, so
    ``p5`` is the smallest plausible gap (demand - supply P95)."""

    months: tuple[int, ...]
    dates: tuple[str, ...]
    demand: F64
    fte: F64  # demand - median supply
    share: F64
    p5: F64
    p95: F64
    share_p5: F64
    share_p95: F64


@dataclass(frozen=True)
class Waterfall:
    """Mean flows per run between two reported months, in headcount (or FTE)."""

    start_month: int
    end_month: int
    start_date: str
    end_date: str
    start: float
    end: float
    flows: dict[str, float]

    @property
    def joiners(self) -> float:
        return sum(self.flows[name] for name in INFLOWS)

    @property
    def leaving(self) -> float:
        return sum(self.flows[name] for name in OUTFLOWS)


@dataclass(frozen=True)
class SourceRecruits:
    """What a named recruitment source supplied over the whole projection (mean per run),
    against its limit over the same months (``None``: no limit)."""

    name: str
    recruits: float
    limit: float | None

    @property
    def used(self) -> float | None:
        return self.recruits / self.limit if self.limit else None


@dataclass(frozen=True)
class NewRoleSource:
    """Where a new role's recruits came from over the whole projection (mean per run)."""

    target: str
    source: str | None  # cell id, or None for recruitment from outside the modelled workforce
    source_org: str
    source_sector: str
    source_staff_group: str
    recruits: float
    share: float


# The statistic of supply that gives each statistic of the gap (demand - supply P95 is P5).
GAP_OF_SUPPLY = ("mean", "p95", "p75", "p50", "p25", "p5")


def _share(numerator: F64, denominator: F64) -> F64:
    result = np.full(np.shape(numerator), np.nan)
    np.divide(numerator, denominator, out=result, where=np.asarray(denominator) != 0)
    return result


class Projection:
    """The result of :func:`~oneworkforce.intelligence.projection.project`."""

    def __init__(
        self, scenario: Scenario, layout: Layout, plan: Plan, raw: RawResult, seed: int | None
    ) -> None:
        self.scenario = scenario
        self.layout = layout
        self.plan = plan
        self.raw = raw
        self.runs = raw.runs
        self.seed = seed
        self.months = tuple(layout.report_months)
        self.dates = tuple(scenario.date_of(m) for m in self.months)
        cells = [Group("cell", (cell.id,), cell.label) for cell in layout.cells]
        self.groups: list[Group] = cells + layout.rollups.groups
        self._index = {(g.dimension, g.key): i for i, g in enumerate(self.groups)}
        self._cells = len(cells)

    # --- looking up groups ------------------------------------------------------------------

    def group(self, dimension: str, *key: str) -> Group:
        """``group("org", "RR8")``, ``group("sector_staff_group", "Acute", "Midwives")``,
        ``group("total")``."""
        try:
            return self.groups[self._index[(dimension, tuple(key))]]
        except KeyError:
            raise KeyError(f"no {dimension} group {' / '.join(key) or 'total'!r}") from None

    def groups_of(self, dimension: str) -> list[Group]:
        return [g for g in self.groups if g.dimension == dimension]

    def members(self, group: Group) -> NDArray[np.int64]:
        """Layout columns of the cells in ``group``."""
        i = self._index[(group.dimension, group.key)]
        if i < self._cells:
            return np.array([i], dtype=np.int64)
        return self.layout.rollups.members[i - self._cells]

    def _stats(self, group: Group, measure: str) -> F64:
        """``[points, STATS]`` for the group."""
        if measure not in MEASURES:
            raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
        i = self._index[(group.dimension, group.key)]
        if i < self._cells:
            values: F64 = self.raw.cells[:, :, i]
            return values * self.plan.fte_ratio[i] if measure == "fte" else values
        source = self.raw.groups_fte if measure == "fte" else self.raw.groups_headcount
        found: F64 = source[:, :, i - self._cells]
        return found

    # --- what a planner reads ---------------------------------------------------------------

    def bands(self, group: Group, measure: str = "fte") -> Bands:
        """Supply at each reported month: mean and P5, P25, P50, P75, P95 over runs."""
        stats = self._stats(group, measure)
        return Bands(self.months, self.dates, *(stats[:, k] for k in range(len(STATS))))

    def demand(self, group: Group) -> F64:
        """Demand in FTE at each reported month (the median over runs where runs draw it)."""
        return self.demand_stats(group)[:, STATS.index("p50")]

    def demand_stats(self, group: Group) -> F64:
        """Demand ``[points, STATS]``: the same in every run unless demand growth is drawn."""
        if self.raw.run_demand is not None:
            return self.raw.run_demand.stats(
                self._index[(group.dimension, group.key)], self._cells
            )[:, 0]
        columns = self.members(group)
        result: F64 = self.plan.demand[list(self.months)][:, columns].sum(axis=1)
        return np.repeat(result[:, None], len(STATS), axis=1)

    def gap_stats(self, group: Group) -> F64:
        """The gap (demand less supply, FTE) ``[points, STATS]``: run by run where runs draw
        demand, else the demand less each statistic of supply."""
        if self.raw.run_demand is not None:
            return self.raw.run_demand.stats(
                self._index[(group.dimension, group.key)], self._cells
            )[:, 1]
        supply = self._stats(group, "fte")[:, [STATS.index(s) for s in GAP_OF_SUPPLY]]
        return self.demand(group)[:, None] - supply

    def gap(self, group: Group) -> Gap:
        demand = self.demand(group)
        stats = self.gap_stats(group)
        fte, low, high = (stats[:, STATS.index(s)] for s in ("p50", "p5", "p95"))
        return Gap(
            self.months,
            self.dates,
            demand,
            fte,
            _share(fte, demand),
            low,
            high,
            _share(low, demand),
            _share(high, demand),
        )

    def waterfall(self, group: Group, measure: str = "headcount") -> list[Waterfall]:
        """Mean flows per run in each reporting interval (joiners by source, leavers,
        retirements, transfers out). Transfers between cells of the same group count both in
        and out. ``start + joiners - leaving == end`` for the mean stocks."""
        columns = self.members(group)
        flows = self.raw.flows[:, columns, :]
        if measure == "fte":
            flows = flows * self.plan.fte_ratio[columns][None, :, None]
        totals = flows.sum(axis=1)
        stock = self.bands(group, measure).mean
        result = []
        for k in range(len(self.months) - 1):
            result.append(
                Waterfall(
                    self.months[k],
                    self.months[k + 1],
                    self.dates[k],
                    self.dates[k + 1],
                    float(stock[k]),
                    float(stock[k + 1]),
                    {name: float(totals[k, i]) for i, name in enumerate(FLOWS)},
                )
            )
        return result

    def waterfall_total(self, group: Group, measure: str = "headcount") -> Waterfall:
        """The flows over the whole projection."""
        parts = self.waterfall(group, measure)
        flows = {name: sum(p.flows[name] for p in parts) for name in FLOWS}
        first, last = parts[0], parts[-1]
        return Waterfall(
            first.start_month,
            last.end_month,
            first.start_date,
            last.end_date,
            first.start,
            last.end,
            flows,
        )

    def new_role_sources(self) -> list[NewRoleSource]:
        """For each new-role cell, its recruits from each source cell and from outside."""
        layout = self.layout
        draws = self.raw.role_draws.sum(axis=0)
        external = self.raw.role_external.sum(axis=0)
        result = []
        for slot, target in enumerate(layout.role_targets):
            rows: list[tuple[int | None, float]] = [
                (source, float(draws[i]))
                for i, (source, t) in enumerate(layout.role_pairs)
                if t == target
            ]
            rows.append((None, float(external[slot])))
            total = sum(value for _, value in rows)
            for source, value in rows:
                cell = layout.cells[source] if source is not None else None
                result.append(
                    NewRoleSource(
                        target=layout.cell_ids[target],
                        source=cell.id if cell else None,
                        source_org=cell.org if cell else "",
                        source_sector=cell.sector if cell else "(outside the model)",
                        source_staff_group=cell.staff_group if cell else "",
                        recruits=value,
                        share=value / total if total else 0.0,
                    )
                )
        return result

    def recruits_by_source(self) -> list[SourceRecruits]:
        """Recruits answering vacancies from each named source (none with fixed joiners)."""
        recruitment = self.scenario.recruitment
        found = self.raw.recruit_sources
        if recruitment is None or found is None:
            return []
        months = self.months[-1] - self.months[0]
        return [
            SourceRecruits(
                item.name,
                float(found[:, k].sum()),
                None if item.per_month is None else item.per_month * months,
            )
            for k, item in enumerate(recruitment.named_sources)
        ]

    def assumptions(self) -> list[Assumption]:
        return assumptions(self.scenario)

    # --- export -----------------------------------------------------------------------------

    CSV_FIELDS = (
        "dimension",
        "group",
        "label",
        "month",
        "date",
        "measure",
        "mean",
        "p5",
        "p25",
        "p50",
        "p75",
        "p95",
    )

    def to_csv_rows(self) -> Iterator[dict[str, str]]:
        """One row per group x reported month x measure: ``supply_headcount``, ``supply_fte``,
        ``demand_fte``, ``gap_fte``, ``gap_share`` and, at the end of each interval, each flow
        (``flow_<name>``, mean per run, headcount, in the ``mean`` column)."""
        for group in self.groups:
            # Names come from the scenario (cell ids, organisations, staff groups, places): a
            # spreadsheet must show them as text, never run them as formulas.
            base = {
                "dimension": group.dimension,
                "group": safe_cell(" / ".join(group.key)),
                "label": safe_cell(group.label),
            }
            headcount = self.bands(group, "headcount")
            fte = self.bands(group, "fte")
            gap = self.gap(group)
            demand, gaps = self.demand_stats(group), self.gap_stats(group)
            waterfall = self.waterfall(group)
            for k, month in enumerate(self.months):
                where = {**base, "month": str(month), "date": self.dates[k]}
                for name, bands in (("supply_headcount", headcount), ("supply_fte", fte)):
                    yield {
                        **where,
                        "measure": name,
                        **{s: _number(float(bands.stat(s)[k])) for s in STATS},
                    }
                for name, values in (("demand_fte", demand), ("gap_fte", gaps)):
                    yield {
                        **where,
                        "measure": name,
                        **{s: _number(float(v)) for s, v in zip(STATS, values[k], strict=True)},
                    }
                yield {
                    **where,
                    "measure": "gap_share",
                    "mean": "",
                    "p5": _number(float(gap.share_p5[k])),
                    "p25": "",
                    "p50": _number(float(gap.share[k])),
                    "p75": "",
                    "p95": _number(float(gap.share_p95[k])),
                }
                if k > 0:
                    for flow, value in waterfall[k - 1].flows.items():
                        yield {
                            **where,
                            "measure": f"flow_{flow}",
                            "mean": _number(value),
                            **{s: "" for s in STATS[1:]},
                        }

    def write_csv(self, path: str | Path) -> None:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=self.CSV_FIELDS)
            writer.writeheader()
            writer.writerows(self.to_csv_rows())

    def csv_text(self) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=self.CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.to_csv_rows())
        return buffer.getvalue()

    def runs_of(self, group: Group, measure: str = "fte") -> F64 | None:
        """Per-run values ``[points, runs]`` if the projection kept them (``keep_runs``)."""
        i = self._index[(group.dimension, group.key)]
        raw = self.raw
        if i < self._cells:
            if raw.run_cells is None:
                return None
            values: F64 = raw.run_cells[:, i, :].astype(np.float64)
            return values * self.plan.fte_ratio[i] if measure == "fte" else values
        source = raw.run_groups_fte if measure == "fte" else raw.run_groups_headcount
        if source is None:
            return None
        found: F64 = source[:, i - self._cells, :].astype(np.float64)
        return found
