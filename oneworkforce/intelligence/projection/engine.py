"""The stock-and-flow engine: expected values (``runs=0``) or ``runs`` stochastic runs.

The monthly model for one cell (``N`` = headcount at the start of the month)::

    exits       (leavers, retirements, transfers out to each destination)
                ~ Multinomial(N; p_leave, p_retire, p_transfer...)
    new roles   recruits from this cell ~ Poisson(rate x share), at most those still here
    joiners     ~ Poisson(joiners_per_month), plus graduates of cohorts finishing this month
    N'          = N - exits - recruited away + transfers in + new-role recruits + joiners

Expected values follow the same equations with every draw replaced by its mean.

Arrays are cell-major (``[cells, runs]``). Stochastic runs are split into chunks (whole blocks
of 512 runs) that threads advance one segment at a time; every reported point is summarised as
soon as all runs reach it, so per-run trajectories are never stored. Uniforms come from a
separate ``SFC64`` stream per block of 512 runs (``SeedSequence(seed, spawn_key=(block,
stream))``): a run's numbers depend only on the seed and its index, not on the chunk size or the
thread count. Isolated cells (see ``model``) advance a whole segment of ``m`` months at once,
exactly, given constant rates::

    exits of the stock     ~ Binomial(N, 1 - q**m)        q = 1 - p_leave - p_retire
    joiners still there    ~ Poisson(j m s),  s = (1 - q**m) / (m (1 - q))
    joiners who also left  ~ Poisson(j m (1 - s))          (independent: Poisson thinning)
    retirements            ~ Binomial(exits, p_retire / (p_leave + p_retire))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from numpy.typing import NDArray

from . import demand_runs, grid, sampling
from .demand_runs import RunDemand, run_demand
from .model import Layout, Plan
from .sampling import F32, TABLE_BINOMIAL_BELOW, U32, BinomialTable, PoissonRows
from .summary import STATS, summarise

if TYPE_CHECKING:  # the stochastic runs use the segments; the segments name their chunk type
    from .stochastic import Chunk

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
FLOWS = (
    "external_recruitment",
    "training",
    "transfers_in",
    "new_role_recruitment",
    "leavers",
    "retirements",
    "transfers_out",
)
EXTERNAL, TRAINING, TRANSFERS_IN, NEW_ROLE, LEAVERS, RETIREMENTS, TRANSFERS_OUT = range(7)
STREAM_RUNS = 512
# The uniform streams of each block of runs (see ``stochastic``).
ISOLATED, COUPLED, COHORTS, DETAIL, PARAMETERS = range(5)
Progress = Callable[[int, int], None]


@dataclass
class RawResult:
    """What one projection produced: summaries per reported point and mean flows.

    ``cells`` holds headcount statistics ``[points, STATS, cells]``; ``groups_headcount`` and
    ``groups_fte`` the same for the roll-up groups. With ``keep_runs`` the per-run values are
    kept too (``run_cells[points, cells, runs]``, ``run_groups_*[points, groups, runs]``); with
    ``keep_flows`` the per-run flows (``run_flows[runs, intervals, cells, FLOWS]``)."""

    runs: int
    cells: F64
    groups_headcount: F64
    groups_fte: F64
    flows: F64  # [intervals, cells, FLOWS], mean per run
    role_draws: F64  # [intervals, layout role pairs], mean per run
    role_external: F64  # [intervals, layout role targets], mean per run
    run_cells: NDArray[Any] | None = None
    run_groups_headcount: NDArray[Any] | None = None
    run_groups_fte: NDArray[Any] | None = None
    run_flows: F64 | None = None
    recruit_sources: F64 | None = None  # [intervals, sources], mean recruits per run
    run_recruit_sources: F64 | None = None  # [runs, intervals, sources] with keep_flows
    run_demand: RunDemand | None = None  # demand and gap percentiles where demand is drawn


class Draws(Protocol):
    def binomial(self, n: Any, p: Any, rows: I64 | None = None) -> Any: ...
    def poisson(self, lam: Any) -> Any: ...
    def poisson_rows(self, lam: F64, tables: PoissonRows | None) -> Any: ...


class Drawn:
    """Draws from a block of uniforms ``[rows, runs]``, taken top to bottom in a fixed order."""

    def __init__(self, uniforms: U32) -> None:
        self.uniforms = uniforms
        self.offset = 0

    def _take(self, rows: int) -> U32:
        block = self.uniforms[self.offset : self.offset + rows]
        self.offset += rows
        return block

    def binomial(self, n: F32, p: Any, rows: I64 | None = None) -> F32:
        """Binomial draws for ``n[cells, runs]``; ``rows``: the rows whose ``p`` is above 0
        anywhere (all rows if ``None``)."""
        p32 = np.asarray(p, dtype=np.float32)
        if p32.ndim == 1:
            p32 = p32[:, None]
        u = self._take(n.shape[0])
        if rows is None:
            rows = np.flatnonzero(np.any(p32 > 0, axis=1))
        if rows.size == n.shape[0]:
            return grid.binomial(n, p32, u)
        # Rows with no chance of leaving draw nothing (their uniforms are still used up, so
        # the draws of every other row stay the same).
        x = np.zeros_like(n)
        if rows.size:
            x[rows] = grid.binomial(n[rows], p32[rows], u[rows])
        return x

    def poisson(self, lam: Any) -> F32:
        return grid.poisson(np.asarray(lam, dtype=np.float32), self._take(lam.shape[0]))

    def poisson_rows(self, lam: F64, tables: PoissonRows | None) -> F32:
        assert tables is not None
        return tables.sample(self._take(lam.shape[0]))


def _scatter(values: Any, rows: I64, size: int) -> Any:
    """Sum ``values[j]`` into row ``rows[j]`` of a ``[size, runs]`` array."""
    runs = values.shape[1]
    flat = (rows[:, None] * runs + np.arange(runs)[None, :]).ravel()
    out = np.bincount(flat, weights=values.ravel(), minlength=size * runs)
    return out.reshape(size, runs).astype(values.dtype)


class MonthlyGroup:
    """Cells stepped month by month: every cell for expected values, coupled cells otherwise."""

    def __init__(self, layout: Layout, plan: Plan, columns: I64) -> None:
        self.columns = columns
        self.plan = plan
        local = {int(c): i for i, c in enumerate(columns)}
        size = len(columns)
        per_source: dict[int, list[tuple[int, int]]] = {}
        for i, (s, d) in enumerate(layout.transfer_pairs):
            per_source.setdefault(local[s], []).append((local[d], i))
        self.channels = 2 + max((len(v) for v in per_source.values()), default=0)
        self.channel_prob = np.zeros((self.channels - 2, size))
        pair_src, pair_dst, pair_channel = [], [], []
        for s, items in per_source.items():
            for k, (d, i) in enumerate(items):
                self.channel_prob[k, s] = plan.transfer_prob[i]
                pair_src.append(s)
                pair_dst.append(d)
                pair_channel.append(k + 2)
        self.pair_src = np.array(pair_src, dtype=np.int64)
        self.pair_dst = np.array(pair_dst, dtype=np.int64)
        self.pair_channel = np.array(pair_channel, dtype=np.int64)
        self.role_src = np.array([local[s] for s, _ in layout.role_pairs], dtype=np.int64)
        self.role_dst = np.array([local[t] for _, t in layout.role_pairs], dtype=np.int64)
        rank: dict[int, int] = {}
        ranks = []
        for s in self.role_src.tolist():
            ranks.append(rank.get(s, 0))
            rank[s] = ranks[-1] + 1
        self.role_rank = np.array(ranks, dtype=np.int64)
        roles = plan.roles
        self.has_roles = bool(layout.role_targets)
        self.role_target = np.array([local[r.target] for r in roles], dtype=np.int64)
        # [pairs, roles]: share of each role's recruits taken from each pair's source.
        self.role_share = (
            np.array([r.pairs for r in roles]).reshape(len(roles), len(layout.role_pairs)).T
        )
        self.role_cap = np.array([r.cap for r in roles])[:, None]
        self.role_rate = np.array([r.rate for r in roles]).reshape(len(roles), layout.months)
        slot = {t: i for i, t in enumerate(layout.role_targets)}
        self.external_share = np.zeros((len(layout.role_targets), len(roles)))
        for i, r in enumerate(roles):
            self.external_share[slot[r.target], i] = r.external
        self.external_rows = np.array([local[t] for t in layout.role_targets], dtype=np.int64)
        self._tables: dict[bytes, PoissonRows] = {}
        self._exits: dict[tuple[int, bytes, bytes], list[tuple[F32, I64]]] = {}
        self.recruit = plan.recruit.on(columns) if plan.recruit is not None else None

    @property
    def uniforms_per_month(self) -> int:
        size = len(self.columns)
        return self.channels * size + len(self.role_src) + len(self.external_rows) + size

    def tables(self, month: int) -> PoissonRows:
        lam = self.plan.joiners[month, self.columns]
        key = lam.tobytes()
        if key not in self._tables:
            self._tables[key] = PoissonRows(lam)
        return self._tables[key]

    def step(
        self,
        n: Any,
        month: int,
        draws: Draws,
        tables: PoissonRows | None,
        drawn_values: RunValues | None = None,
    ) -> tuple[Any, list[Any], Any, Any, Any]:
        """One month: the new stock, the flows (each ``[cells, runs]``, in ``FLOWS`` order;
        ``None`` for a flow that is zero by construction, and for training, which the caller
        adds), new-role draws per layout role pair, external new-role recruits per layout role
        target and recruits per source ``[sources, runs]`` (recruitment that answers
        vacancies; none with fixed joiners)."""
        values = drawn_values or RunValues()
        remaining = n
        taken = []
        for p, rows in self._exit_probabilities(month, values):
            x = draws.binomial(remaining, p, rows)
            remaining = remaining - x
            taken.append(x)
        size, runs = n.shape
        transfers_out: Any = None  # None: no one moved this way this month
        for x in taken[2:]:
            transfers_out = x if transfers_out is None else transfers_out + x
        transfers_in: Any = None
        if self.pair_src.size:
            moved = np.stack(taken)[self.pair_channel, self.pair_src]  # [pairs, runs]
            transfers_in = _scatter(moved, self.pair_dst, size)
        recruited: Any = None
        drawn = np.zeros((len(self.role_src), runs), dtype=n.dtype)
        external = np.zeros((len(self.external_rows), runs), dtype=n.dtype)
        if self.has_roles:
            remaining, drawn, external = self._new_roles(n, remaining, month, draws)
            away = _scatter(drawn, self.role_src, size)
            transfers_out = away if transfers_out is None else transfers_out + away
            recruited = _scatter(drawn, self.role_dst, size) + _scatter(
                external, self.external_rows, size
            )
        base = remaining
        for arriving in (transfers_in, recruited):
            if arriving is not None:
                base = base + arriving
        by_source = np.zeros((0, runs))
        if self.recruit is not None:
            joiners, by_source = self.recruit.recruit(
                base,
                month,
                draws.poisson,
                whole=True,
                fill=values.fill,
                limits=values.limits,
                target=(
                    None
                    if values.demand is None
                    else demand_runs.target(self.recruit.target[month + 1], month, values.demand)
                ),
            )
        elif values.joiners is not None:
            lam = self.plan.joiners[month, self.columns][:, None] * values.joiners
            joiners = draws.poisson(lam)
        else:
            joiners = np.broadcast_to(
                draws.poisson_rows(self.plan.joiners[month, self.columns], tables), n.shape
            )
        new = base + joiners
        flows = [joiners, None, transfers_in, recruited, taken[0], taken[1], transfers_out]
        return new, flows, drawn, external, by_source

    def _exit_probabilities(self, month: int, values: RunValues) -> list[tuple[F32, I64]]:
        """Each exit channel's probability for those still there after the channels before it
        (leavers, retirements, transfers to each destination; ``[cells, 1]`` or, with drawn
        leaver rates, ``[cells, runs]``, float32) and the rows where it is above 0. Computed once
        per run values and distinct monthly rates, as rates rarely change from month to month."""
        plan, cols = self.plan, self.columns
        leave: Any = plan.p_leave[month, cols]
        retire = plan.p_retire[month, cols]
        key = (id(values.leave), leave.tobytes(), retire.tobytes())
        found = self._exits.get(key)
        if found is not None:
            return found
        if values.leave is not None:
            # This run's leaver rates: the annual rate times the run's multiplier.
            annual = 1.0 - (1.0 - leave[:, None]) ** 12
            leave = 1.0 - (1.0 - np.clip(annual * values.leave, 0.0, 0.999)) ** (1 / 12)
        probabilities = [leave, retire, *self.channel_prob]
        used: Any = np.zeros((len(cols), 1))
        found = []
        for p in (q if np.ndim(q) == 2 else np.asarray(q)[:, None] for q in probabilities):
            with np.errstate(divide="ignore", invalid="ignore"):
                conditional = np.where(used < 1, p / (1 - used), 0.0)
            p32 = np.clip(conditional, 0.0, 1.0).astype(np.float32)
            found.append((p32, np.flatnonzero(np.any(p32 > 0, axis=1))))
            used = used + p
        if len(self._exits) > 64:
            self._exits.clear()
        self._exits[key] = found
        return found

    def _new_roles(self, n: Any, remaining: Any, month: int, draws: Draws) -> tuple[Any, Any, Any]:
        runs = n.shape[1]
        if len(self.role_target):
            room = np.maximum(self.role_cap - n[self.role_target], 0)
            recruits = np.minimum(self.role_rate[:, month][:, None], room)  # [roles, runs]
        else:
            recruits = np.zeros((0, runs))
        lam = np.asarray(self.role_share @ recruits, dtype=n.dtype)  # [pairs, runs]
        wanted = draws.poisson(lam) if lam.shape[0] else lam
        drawn = np.zeros_like(wanted)
        remaining = remaining.copy()
        for r in range(int(self.role_rank.max(initial=-1)) + 1):
            at = np.flatnonzero(self.role_rank == r)
            src = self.role_src[at]
            take = np.minimum(wanted[at], remaining[src])
            drawn[at] = take
            remaining[src] -= take
        lam_external = np.asarray(self.external_share @ recruits, dtype=n.dtype)
        external = draws.poisson(lam_external) if lam_external.shape[0] else lam_external
        return remaining, drawn, external


@dataclass
class RunValues:
    """Assumptions drawn for each run (``None``: the plan's point value): multipliers of the
    leaver rates and fixed joiners ``[cells, runs]``, fill rates ``[runs]`` and source limits
    ``[sources, runs]``."""

    leave: F64 | None = None
    joiners: F64 | None = None
    fill: F64 | None = None
    limits: F64 | None = None
    demand: F64 | None = None  # [cells, runs] monthly demand factors (demand_runs)


BLOCK_ROWS = 256  # isolated cells are advanced in blocks of rows that fit in the L2 cache


@dataclass
class _Step:
    leaving: F32  # [cells, 1] probability that someone there at the start has left by the end
    survive: list[PoissonRows]  # per block: joiners still there at the end
    gone: list[PoissonRows]  # per block: joiners who also left within the segment
    gone_mean: F64
    retiring: F64  # share of exits that are retirements
    retiring32: F32


class Segments:
    """Per segment, the exact whole-segment transition of the isolated cells, in fixed blocks
    of rows (fixed, so that tables and draws do not depend on the chunk size)."""

    def __init__(self, layout: Layout, plan: Plan) -> None:
        cols = layout.isolated
        size = cols.size
        self.blocks = [slice(a, min(a + BLOCK_ROWS, size)) for a in range(0, size, BLOCK_ROWS)]
        self.steps: list[_Step] = []
        cache: dict[bytes, PoissonRows] = {}

        def tables(lam: F64) -> list[PoissonRows]:
            found = []
            for block in self.blocks:
                part = lam[block]
                key = part.tobytes()
                if key not in cache:
                    cache[key] = PoissonRows(part)
                found.append(cache[key])
            return found

        for a, b in pairwise(layout.boundaries):
            m = b - a
            leave, retire = plan.p_leave[a, cols], plan.p_retire[a, cols]
            joiners = plan.joiners[a, cols]
            p = leave + retire
            stay = (1 - p) ** m
            with np.errstate(divide="ignore", invalid="ignore"):
                mean_survival = np.where(p > 0, (1 - stay) / (m * p), 1.0)
                retiring = np.where(p > 0, retire / p, 0.0)
            survive = np.clip(joiners * m * mean_survival, 0, None)
            gone = np.clip(joiners * m - survive, 0, None)
            self.steps.append(
                _Step(
                    (1 - stay).astype(np.float32)[:, None],
                    tables(survive),
                    tables(gone),
                    gone,
                    retiring,
                    retiring.astype(np.float32)[:, None],
                )
            )

    def prepare(self, index: int, low: F64, high: F64) -> list[tuple[BinomialTable | None, I64]]:
        """Per block, exact binomial tables for the cells whose exits have a variance below
        ``TABLE_BINOMIAL_BELOW`` in every run (``low``/``high``: the least and greatest stock of
        each cell over all runs at the start of the segment)."""
        leaving = self.steps[index].leaving[:, 0].astype(np.float64)
        variance = high * leaving * (1 - leaving)
        wanted = (
            (variance < TABLE_BINOMIAL_BELOW)
            & (leaving > 0)
            & (high > 0)
            & (high - low < sampling.TABLE_SPAN)
        )
        found: list[tuple[BinomialTable | None, I64]] = []
        for block in self.blocks:
            rows = np.flatnonzero(wanted[block])
            if not rows.size:
                found.append((None, rows))
                continue
            at = rows + block.start
            table = BinomialTable(leaving[at], low[at].astype(np.int64), high[at].astype(np.int64))
            found.append((table, rows))
        return found

    def step(
        self,
        index: int,
        chunk: Chunk,
        u: U32,
        tables: list[tuple[BinomialTable | None, I64]],
        keep: bool,
    ) -> tuple[F32, F32] | None:
        """Advance a chunk's isolated cells one segment, in place, block by block (``u``: two
        uniforms a cell). Adds the sums over runs of the exits of the starting stock and of the
        joiners still there to the chunk; with ``keep`` returns both run by run."""
        step = self.steps[index]
        n = chunk.n_iso
        size, valid = n.shape[0], chunk.valid
        kept = (np.empty_like(n), np.empty_like(n)) if keep else None
        for k, block in enumerate(self.blocks):
            table, rows = tables[k]
            start = block
            after = slice(size + block.start, size + block.stop)
            exits = sampling.binomial_rows(n[start], step.leaving[block], u[start], table, rows)
            stayed = step.survive[k].sample(u[after])
            new = n[start] - exits + stayed
            n[start] = new
            chunk.low[block] = new.min(axis=1)
            chunk.high[block] = new.max(axis=1)
            chunk.exits[index, block] += exits[:, :valid].sum(axis=1, dtype=np.float64)
            chunk.stayed[index, block] += stayed[:, :valid].sum(axis=1, dtype=np.float64)
            if kept is not None:
                kept[0][block] = exits
                kept[1][block] = stayed
        return kept

    def sampled_flows(
        self, index: int, exits_of_stock: F32, stayed: F32, detail: U32
    ) -> dict[int, F32]:
        """The segment's flows run by run, given two more uniforms a cell (``detail``)."""
        step = self.steps[index]
        size = stayed.shape[0]
        left = np.empty_like(stayed)
        for k, block in enumerate(self.blocks):
            left[block] = step.gone[k].sample(detail[block])
        exits = exits_of_stock + left
        retired = sampling.binomial(exits, step.retiring32, detail[size:])
        return {EXTERNAL: stayed + left, LEAVERS: exits - retired, RETIREMENTS: retired}

    def mean_flows(self, layout: Layout, flows: F64, exits: F64, stayed: F64, runs: int) -> None:
        """Add the mean flows per run to ``flows`` from the sums over runs of the sampled
        ``exits`` of the stock and joiners ``stayed`` (``[segments, cells]``). Joiners who also
        leave within a segment (they do not change the stock) count at their expected number,
        and retirements at their expected share of exits: unbiased, with less noise."""
        for index, (a, _) in enumerate(pairwise(layout.boundaries)):
            gone_mean, retiring = self.steps[index].gone_mean, self.steps[index].retiring
            interval = layout.interval_of(a)
            out = exits[index] / runs + gone_mean
            flows[interval, layout.isolated, EXTERNAL] += stayed[index] / runs + gone_mean
            flows[interval, layout.isolated, LEAVERS] += (1 - retiring) * out
            flows[interval, layout.isolated, RETIREMENTS] += retiring * out


# --- summaries --------------------------------------------------------------------------------


class Collector:
    """Per reported point: run-by-run roll-ups, then summaries over all runs."""

    def __init__(self, layout: Layout, plan: Plan, runs: int, keep_runs: bool) -> None:
        self.rollups = layout.rollups
        self.fte_ratio = plan.fte_ratio[:, None]
        points = len(layout.report_months)
        width = max(runs, 1)
        self.cells = np.zeros((points, len(STATS), layout.size))
        self.groups_headcount = np.zeros((points, len(STATS), self.rollups.size))
        self.groups_fte = np.zeros((points, len(STATS), self.rollups.size))
        self.keep_runs = keep_runs
        # Expected values in float64; runs in float32 (whole numbers of people are exact, and
        # FTE totals carry a relative rounding of about 1e-7, far below the runs' spread).
        dtype = np.float64 if runs == 0 else np.float32
        self.fte_ratio = self.fte_ratio.astype(dtype)
        # Two slots when runs are not kept: one point is summarised while the next is filled.
        slots = points if keep_runs else 2
        self.group_hc = np.zeros((slots, self.rollups.size, width), dtype)
        self.group_fte = np.zeros_like(self.group_hc)
        self.run_cells = np.zeros((points, layout.size, width), dtype) if keep_runs else None
        self.demand = run_demand(layout, plan, runs)  # each run's own demand, if drawn

    def slot(self, point: int) -> int:
        return point if self.keep_runs else point % 2

    def add_runs(self, point: int, runs: slice, values: NDArray[Any]) -> None:
        """Roll up the stocks ``values[cells, runs]`` (layout order) of some runs."""
        slot = self.slot(point)
        self.group_hc[slot, :, runs] = self.rollups.sums(values)
        self.group_fte[slot, :, runs] = self.rollups.sums(values * self.fte_ratio)
        if self.run_cells is not None:
            self.run_cells[point, :, runs] = values

    def finish(self, point: int, parts: list[tuple[I64, NDArray[Any]]]) -> None:
        for rows, values in parts:
            self.cells[point][:, rows] = summarise(values, whole=True)
        slot = self.slot(point)
        self.groups_headcount[point] = summarise(self.group_hc[slot], whole=True)
        self.groups_fte[point] = summarise(self.group_fte[slot], whole=False)
        if self.demand is not None:
            self.demand.finish(point, parts, self.group_fte[slot])


def cohort_arrivals(plan: Plan) -> dict[int, list[tuple[int, int]]]:
    """Month → [(cohort index, column)] of training cohorts finishing that month."""
    by_month: dict[int, list[tuple[int, int]]] = {}
    for i, cohort in enumerate(plan.cohorts):
        by_month.setdefault(cohort.arrival, []).append((i, cohort.column))
    return by_month
