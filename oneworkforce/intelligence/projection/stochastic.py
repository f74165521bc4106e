"""Stochastic runs of the engine (see ``engine`` for the model): chunks of runs that threads
advance one segment at a time, each block of 512 runs drawing from its own ``SFC64`` streams."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from itertools import pairwise
from typing import Any

import numpy as np

from . import demand_runs, sampling
from .engine import (
    COHORTS,
    COUPLED,
    DETAIL,
    FLOWS,
    I64,
    ISOLATED,
    PARAMETERS,
    STREAM_RUNS,
    TRAINING,
    Collector,
    Drawn,
    MonthlyGroup,
    Progress,
    RawResult,
    RunValues,
    Segments,
    cohort_arrivals,
)
from .model import Layout, Plan
from .sampling import U32, BinomialTable


class Chunk:
    """The runs of some stream blocks: their generators, stocks and flow sums."""

    def __init__(self, job: _Stochastic, first_block: int, last_block: int) -> None:
        self.generators = [
            [
                np.random.Generator(
                    np.random.SFC64(np.random.SeedSequence(job.seed, spawn_key=(b, s)))
                )
                for s in (ISOLATED, COUPLED, COHORTS, DETAIL, PARAMETERS)
            ]
            for b in range(first_block, last_block)
        ]
        self.first = first_block * STREAM_RUNS
        width = len(self.generators) * STREAM_RUNS
        self.valid = min(width, job.runs - self.first)
        self.runs = slice(self.first, self.first + self.valid)
        layout, plan = job.layout, job.plan
        self.n_iso = np.repeat(
            plan.headcount[layout.isolated].astype(np.float32)[:, None], width, axis=1
        )
        self.low = self.n_iso[:, 0].astype(np.float64)
        self.high = self.low.copy()
        self.n_cpl = np.repeat(
            plan.headcount[layout.coupled].astype(np.float32)[:, None], width, axis=1
        )
        self.values = _run_values(job, self) if plan.sampled is not None else None
        if self.values is not None and self.values.demand is not None and job.collector.demand:
            job.collector.demand.set_runs(
                self.runs, layout.coupled, self.values.demand[:, : self.valid]
            )
        cohorts = plan.cohorts
        self.graduates = np.zeros((len(cohorts), width), dtype=np.float32)
        if cohorts:
            intake = np.array([c.intake for c in cohorts], dtype=np.float32)[:, None]
            survival = np.array([c.survival for c in cohorts], dtype=np.float32)[:, None]
            self.graduates = sampling.binomial(
                np.repeat(intake, width, axis=1), survival, self.uniforms(COHORTS, len(cohorts))
            )
        self.flows = np.zeros((job.intervals, layout.size, len(FLOWS)))
        self.role_draws = np.zeros((job.intervals, len(layout.role_pairs)))
        self.role_external = np.zeros((job.intervals, len(layout.role_targets)))
        self.run_flows = (
            np.zeros((self.valid, job.intervals, layout.size, len(FLOWS)))
            if job.keep_flows
            else None
        )
        sources = len(plan.recruit.names) if plan.recruit is not None else 0
        self.recruit_sources = np.zeros((job.intervals, sources))
        self.run_recruit_sources = (
            np.zeros((self.valid, job.intervals, sources)) if job.keep_flows else None
        )
        segments = len(layout.boundaries) - 1
        self.exits = np.zeros((segments, layout.isolated.size))
        self.stayed = np.zeros((segments, layout.isolated.size))

    def uniforms(self, stream: int, rows: int) -> U32:
        """``rows`` uniforms for each run of the chunk, ``[rows, runs]``."""
        if len(self.generators) == 1 and rows:
            raw = self.generators[0][stream].bit_generator.random_raw(STREAM_RUNS * rows // 2)
            found: U32 = raw.view(np.uint32).reshape(rows, STREAM_RUNS)
            return found
        block = np.empty((rows, len(self.generators) * STREAM_RUNS), dtype=np.uint32)
        if rows == 0:
            return block
        for k, streams in enumerate(self.generators):
            raw = streams[stream].bit_generator.random_raw(STREAM_RUNS * rows // 2)
            block[:, k * STREAM_RUNS : (k + 1) * STREAM_RUNS] = raw.view(np.uint32).reshape(
                rows, STREAM_RUNS
            )
        return block

    def add(self, interval: int, rows: I64, kind: int, values: Any) -> None:
        values = values[:, : self.valid]
        self.flows[interval, rows, kind] += values.sum(axis=1, dtype=np.float64)
        if self.run_flows is not None:
            self.run_flows[:, interval, rows, kind] += values.T


def _run_values(job: _Stochastic, chunk: Chunk) -> RunValues:
    """Each run's draw of the uncertain assumptions (one normal score a run and interval, from
    the runs' own stream, so a run's values do not depend on the chunking)."""
    sampled = job.plan.sampled
    assert sampled is not None
    z_table, _ = sampling.normal_tables()
    u = chunk.uniforms(PARAMETERS, sampled.size)
    values = sampled.draw(z_table[u >> np.uint32(16)].astype(np.float64))
    relative = values / np.where(sampled.middles > 0, sampled.middles, 1.0)[:, None]
    columns = job.layout.coupled
    limits = None
    recruit = job.plan.recruit
    if recruit is not None and "source_limit" in sampled.kinds:
        limits = np.repeat(recruit.limits[:, None], values.shape[1], axis=1)
        for k, kind in enumerate(sampled.kinds):
            if kind == "source_limit":
                limits[sampled.sources[k]] = limits[sampled.sources[k]] * relative[k]
    fill = None
    for k, kind in enumerate(sampled.kinds):
        if kind == "fill_rate":
            fill = values[k]
    return RunValues(
        sampled.per_run(relative, "leaver_rate", columns),
        sampled.per_run(relative, "joiners", columns),
        fill,
        limits,
        demand_runs.monthly_factors(sampled, values, columns),
    )


class _Stochastic:
    def __init__(
        self, layout: Layout, plan: Plan, runs: int, seed: int, keep_flows: bool, keep_runs: bool
    ) -> None:
        self.layout, self.plan, self.runs, self.seed = layout, plan, runs, seed
        self.keep_flows = keep_flows
        self.points = {m: i for i, m in enumerate(layout.report_months)}
        self.intervals = len(layout.report_months) - 1
        self.segments = Segments(layout, plan) if layout.isolated.size else None
        self.group = MonthlyGroup(layout, plan, layout.coupled) if layout.coupled.size else None
        self.month_tables = (
            [self.group.tables(t) for t in range(layout.months)] if self.group else []
        )
        self.arrivals = cohort_arrivals(plan)
        self.where: dict[int, tuple[bool, int]] = {}
        for isolated, cols in ((True, layout.isolated), (False, layout.coupled)):
            for local, column in enumerate(cols.tolist()):
                self.where[column] = (isolated, local)
        # Every run's stock at the latest reported months (two: see Collector.slot).
        self.cells = np.empty((2, layout.size, runs), dtype=np.float32)
        self.collector = Collector(layout, plan, runs, keep_runs)
        self.tables: list[tuple[BinomialTable | None, I64]] = []

    def prepare(self, index: int, chunks: list[Chunk]) -> None:
        """Before segment ``index``: exact tables from the range of stocks over all runs."""
        if self.segments is not None:
            low = np.min([c.low for c in chunks], axis=0)
            high = np.max([c.high for c in chunks], axis=0)
            self.tables = self.segments.prepare(index, low, high)

    def _arrive(self, chunk: Chunk, month: int, isolated: bool, interval: int) -> None:
        for i, column in self.arrivals.get(month, []):
            in_isolated, local = self.where[column]
            if in_isolated != isolated:
                continue
            target = chunk.n_iso if isolated else chunk.n_cpl
            target[local] += chunk.graduates[i]
            if isolated:
                chunk.low[local] = target[local].min()
                chunk.high[local] = target[local].max()
            chunk.add(interval, np.array([column]), TRAINING, chunk.graduates[i : i + 1])

    def advance(self, chunk: Chunk, index: int, a: int, b: int) -> None:
        """Move one chunk through segment ``[a, b)``; roll up its runs if ``b`` is reported."""
        layout = self.layout
        interval = layout.interval_of(a)
        if self.segments is not None:
            size = layout.isolated.size
            u = chunk.uniforms(ISOLATED, 2 * size)
            kept = self.segments.step(index, chunk, u, self.tables, self.keep_flows)
            if kept is not None:
                detail = chunk.uniforms(DETAIL, 2 * size)
                flows = self.segments.sampled_flows(index, kept[0], kept[1], detail)
                for kind, values in flows.items():
                    chunk.add(interval, layout.isolated, kind, values)
                chunk.exits[index] = 0
                chunk.stayed[index] = 0
        if self.group is not None:
            # Each flow's people summed over the segment's months per run (whole numbers, exact
            # in float32), then added to the chunk's totals once.
            sums: dict[int, Any] = {}
            for month in range(a, b):
                draws = Drawn(chunk.uniforms(COUPLED, self.group.uniforms_per_month))
                chunk.n_cpl, month_flows, drawn, external, by_source = self.group.step(
                    chunk.n_cpl, month, draws, self.month_tables[month], chunk.values
                )
                for kind, values in enumerate(month_flows):
                    if values is None:
                        continue
                    if kind in sums:
                        sums[kind] += values
                    else:
                        sums[kind] = np.array(values, dtype=np.float32)
                valid = chunk.valid
                chunk.role_draws[interval] += drawn[:, :valid].sum(axis=1, dtype=np.float64)
                chunk.role_external[interval] += external[:, :valid].sum(axis=1, dtype=np.float64)
                chunk.recruit_sources[interval] += by_source[:, :valid].sum(axis=1)
                if chunk.run_recruit_sources is not None:
                    chunk.run_recruit_sources[:, interval] += by_source[:, :valid].T
                self._arrive(chunk, month, False, interval)
            for kind, values in sums.items():
                chunk.add(interval, layout.coupled, kind, values)
        self._arrive(chunk, b - 1, True, interval)
        if b in self.points:
            self.collect(chunk, self.points[b])

    def collect(self, chunk: Chunk, point: int) -> None:
        """Copy one chunk's stocks (layout order) into the all-runs array and roll them up."""
        layout = self.layout
        valid = chunk.valid
        values = np.empty((layout.size, valid), dtype=np.float32)  # contiguous: faster sums
        values[layout.isolated] = chunk.n_iso[:, :valid]
        values[layout.coupled] = chunk.n_cpl[:, :valid]
        self.cells[point % 2][:, chunk.runs] = values
        self.collector.add_runs(point, chunk.runs, values)


def _advance(job: _Stochastic, index: int, a: int, b: int, chunk: Chunk) -> None:
    job.advance(chunk, index, a, b)


def _collect(job: _Stochastic, point: int, chunk: Chunk) -> None:
    job.collect(chunk, point)


def default_chunk_runs(cells: int) -> int:
    """Runs per chunk (whole stream blocks). Isolated cells are processed in cache-sized blocks
    of rows whatever the chunk size, so larger chunks mostly save interpreter overhead."""
    return STREAM_RUNS if cells >= 1000 else 2 * STREAM_RUNS


def stochastic(
    layout: Layout,
    plan: Plan,
    runs: int,
    seed: int,
    *,
    threads: int | None = None,
    chunk_runs: int | None = None,
    progress: Progress | None = None,
    keep_flows: bool = False,
    keep_runs: bool = False,
) -> RawResult:
    """``runs`` stochastic runs from ``seed``, all runs advancing one segment at a time so that
    each reported point is summarised as soon as every run has reached it."""
    job = _Stochastic(layout, plan, runs, seed, keep_flows, keep_runs)
    blocks = -(-runs // STREAM_RUNS)
    per_chunk = max(1, (chunk_runs or default_chunk_runs(layout.size)) // STREAM_RUNS)
    spans = [(b, min(b + per_chunk, blocks)) for b in range(0, blocks, per_chunk)]
    workers = max(1, threads or min(len(os.sched_getaffinity(0)), 8))
    segments = list(pairwise(layout.boundaries))
    steps = len(segments) + 1
    everything = np.arange(layout.size, dtype=np.int64)
    # Each reported point is summarised on a thread of its own while the runs go on to the
    # next point (the stocks and roll-ups alternate between two slots).
    with ThreadPoolExecutor(max_workers=workers) as pool, ThreadPoolExecutor(1) as summariser:
        chunks = list(pool.map(lambda span: Chunk(job, *span), spans))
        list(pool.map(partial(_collect, job, 0), chunks))
        pending = summariser.submit(job.collector.finish, 0, [(everything, job.cells[0])])
        if progress is not None:
            progress(1, steps)
        for index, (a, b) in enumerate(segments):
            job.prepare(index, chunks)
            if b in job.points:
                pending.result()  # the slot this segment fills must be free
            list(pool.map(partial(_advance, job, index, a, b), chunks))
            if b in job.points:
                point = job.points[b]
                pending = summariser.submit(
                    job.collector.finish, point, [(everything, job.cells[point % 2])]
                )
            if progress is not None:
                progress(index + 2, steps)
        pending.result()
    collector = job.collector
    shape = (job.intervals, layout.size, len(FLOWS))
    # Every sum here is of whole numbers (exact in float64), so the chunking cannot show.
    flows = np.sum([c.flows for c in chunks], axis=0) / runs if chunks else np.zeros(shape)
    role_draws = np.sum([c.role_draws for c in chunks], axis=0) / runs
    role_external = np.sum([c.role_external for c in chunks], axis=0) / runs
    if job.segments is not None and not keep_flows:
        job.segments.mean_flows(
            layout,
            flows,
            np.sum([c.exits for c in chunks], axis=0),
            np.sum([c.stayed for c in chunks], axis=0),
            runs,
        )
    run_flows = (
        np.concatenate([c.run_flows for c in chunks if c.run_flows is not None])
        if keep_flows
        else None
    )
    recruit_sources = (
        np.sum([c.recruit_sources for c in chunks], axis=0) / runs
        if plan.recruit is not None
        else None
    )
    run_recruit_sources = (
        np.concatenate([c.run_recruit_sources for c in chunks if c.run_recruit_sources is not None])
        if keep_flows and plan.recruit is not None
        else None
    )
    return RawResult(
        runs,
        collector.cells,
        collector.groups_headcount,
        collector.groups_fte,
        flows,
        role_draws,
        role_external,
        collector.run_cells,
        collector.group_hc if keep_runs else None,
        collector.group_fte if keep_runs else None,
        run_flows,
        recruit_sources,
        run_recruit_sources,
        collector.demand,
    )
