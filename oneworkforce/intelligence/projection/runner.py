"""``project`` and ``compare``: the entry points that run the engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from . import engine, expected, stochastic
from .model import Layout, build_layout
from .results import Bands, Projection
from .scenario import Scenario
from .summary import QUANTILES, Group
from .toml_io import check_scenario

F64 = NDArray[np.float64]


def _run(
    scenario: Scenario,
    layout: Layout,
    index: int,
    runs: int,
    seed: int,
    *,
    progress: engine.Progress | None,
    threads: int | None,
    chunk_runs: int | None,
    keep_runs: bool,
    keep_flows: bool,
) -> Projection:
    plan = layout.plans[index]
    if runs == 0:
        raw = expected.expected(layout, plan, keep_flows=keep_flows)
        if progress is not None:
            progress(1, 1)
        return Projection(scenario, layout, plan, raw, None)
    raw = stochastic.stochastic(
        layout,
        plan,
        runs,
        seed,
        threads=threads,
        chunk_runs=chunk_runs,
        progress=progress,
        keep_flows=keep_flows,
        keep_runs=keep_runs,
    )
    return Projection(scenario, layout, plan, raw, seed)


class Model:
    """A scenario checked and laid out once, to be projected any number of times (with other
    runs or seeds) without repeating that work. Raises :class:`ScenarioError` if the scenario
    is not valid."""

    def __init__(self, scenario: Scenario) -> None:
        check_scenario(scenario)
        self.scenario = scenario
        self.layout = build_layout([scenario])

    def project(
        self,
        runs: int | None = None,
        seed: int | None = None,
        progress: engine.Progress | None = None,
        *,
        threads: int | None = None,
        chunk_runs: int | None = None,
        keep_runs: bool = False,
        keep_flows: bool = False,
    ) -> Projection:
        """See :func:`project`."""
        runs = self.scenario.runs if runs is None else runs
        seed = self.scenario.seed if seed is None else seed
        if runs < 0:
            raise ValueError("runs must be 0 (expected values) or more")
        return _run(
            self.scenario,
            self.layout,
            0,
            runs,
            seed,
            progress=progress,
            threads=threads,
            chunk_runs=chunk_runs,
            keep_runs=keep_runs,
            keep_flows=keep_flows,
        )


def project(
    scenario: Scenario,
    runs: int | None = None,
    seed: int | None = None,
    progress: engine.Progress | None = None,
    *,
    threads: int | None = None,
    chunk_runs: int | None = None,
    keep_runs: bool = False,
    keep_flows: bool = False,
) -> Projection:
    """Project ``scenario``: expected values if ``runs == 0``, else ``runs`` stochastic runs
    from ``seed`` (defaults: the scenario's ``runs`` and ``seed``). The same scenario, runs and
    seed give the same numbers, bit for bit, whatever ``threads`` and ``chunk_runs``.

    ``progress(done, total)`` is called as the projection advances. ``keep_runs`` keeps every
    run's stocks at the reported months (memory: reported months x cells x runs x 4 bytes);
    ``keep_flows`` keeps every run's flows (tests and small models only).
    Raises :class:`ScenarioError` if the scenario is not valid."""
    return Model(scenario).project(
        runs,
        seed,
        progress,
        threads=threads,
        chunk_runs=chunk_runs,
        keep_runs=keep_runs,
        keep_flows=keep_flows,
    )


@dataclass
class Comparison:
    """A baseline and variants run on one layout with common random numbers: run ``r`` of
    every scenario uses the same uniforms for the same cell and step, so a difference between
    scenarios is the effect of the change, not noise."""

    baseline: Projection
    variants: list[Projection]

    def difference(self, variant: int, group: Group, measure: str = "fte") -> Bands:
        """Statistics over runs of (variant - baseline) for ``group`` at each reported month.
        Expected values: the plain difference."""
        other = self.variants[variant]
        base_group = self.baseline.group(group.dimension, *group.key)
        other_group = other.group(group.dimension, *group.key)
        a = self.baseline.runs_of(base_group, measure)
        b = other.runs_of(other_group, measure)
        if a is None or b is None:
            raise ValueError("the projections did not keep their runs")
        diff = b - a
        stats = (
            np.percentile(diff, QUANTILES, axis=1)
            if diff.shape[1] > 1
            else np.repeat(diff[:, :1].T, len(QUANTILES), axis=0)
        )
        return Bands(self.baseline.months, self.baseline.dates, diff.mean(axis=1), *stats)


def compare(
    baseline: Scenario,
    variants: Sequence[Scenario],
    runs: int | None = None,
    seed: int | None = None,
    progress: engine.Progress | None = None,
    *,
    threads: int | None = None,
    chunk_runs: int | None = None,
) -> Comparison:
    """Project a baseline and its variants with common random numbers (same seed, same
    layout: the union of all scenarios' cells, with cells a scenario lacks empty in it; the
    baseline sets the horizon and reporting months). Every run's stocks are kept, to give the
    bands of the differences. A baseline run here matches ``project(baseline)`` in
    distribution, though not digit for digit if a variant couples cells the baseline does not."""
    scenarios = [baseline, *variants]
    for scenario in scenarios:
        check_scenario(scenario)
    for scenario in variants:
        if (scenario.horizon_months, scenario.report_every_months, scenario.start) != (
            baseline.horizon_months,
            baseline.report_every_months,
            baseline.start,
        ):
            raise ValueError(
                f"{scenario.name!r} must have the baseline's start, horizon and reporting months"
            )
    runs = baseline.runs if runs is None else runs
    seed = baseline.seed if seed is None else seed
    layout = build_layout(scenarios)
    results = [
        _run(
            scenario,
            layout,
            i,
            runs,
            seed,
            progress=progress,
            threads=threads,
            chunk_runs=chunk_runs,
            keep_runs=True,
            keep_flows=False,
        )
        for i, scenario in enumerate(scenarios)
    ]
    return Comparison(results[0], results[1:])
