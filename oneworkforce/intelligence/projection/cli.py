"""``oneworkforce project SCENARIO.toml [--runs N] [--seed S] [--out FILE.csv] [--json]``.

Prints, per staff group at the horizon, demand against projected supply (median and P5-P95 over
runs) and the gap; with --json, per reported year, demand and supply (P5, P50, P95, in FTE) in
total and per staff group, as JSON (``demand_fte`` is demand's P50; its P5 and P95 differ only
where runs draw demand growth). Runs and seed default to the scenario's (``runs = 1000``,
``seed = 1`` unless it says otherwise); ``--runs 0`` gives expected values.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm  # type: ignore[import-untyped]

from .checks import destabilisation
from .results import Projection
from .runner import project
from .summary import STATS
from .toml_io import ScenarioError, scenario_from_file


def _table(result: Projection) -> list[str]:
    last = len(result.months) - 1
    rows = []
    for group in [*result.groups_of("staff_group"), result.group("total")]:
        supply = result.bands(group, "fte")
        gap = result.gap(group)
        share = gap.share[last]
        rows.append(
            (
                group.label if group.dimension != "total" else "All staff groups",
                f"{gap.demand[last]:,.1f}",
                f"{supply.p50[last]:,.1f}",
                f"{supply.p5[last]:,.1f} - {supply.p95[last]:,.1f}",
                f"{gap.fte[last]:,.1f}",
                "n/a" if share != share else f"{share:.1%}",
            )
        )
    header = ("Staff group", "Demand FTE", "Supply FTE", "Supply P5 - P95", "Gap FTE", "Gap %")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(values: tuple[str, ...]) -> str:
        first = values[0].ljust(widths[0])
        rest = [v.rjust(w) for v, w in zip(values[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    return [line(header), line(tuple("-" * w for w in widths)), *(line(r) for r in rows)]


def _figures(result: Projection, group: Any, point: int) -> dict[str, float]:
    supply = result.bands(group, "fte")
    demand = dict(zip(STATS, result.demand_stats(group)[point], strict=True))
    return {
        "demand_fte": round(float(result.demand(group)[point]), 3),
        # Demand is the same in every run unless the scenario draws demand growth for each.
        **{f"demand_fte_{s}": round(float(demand[s]), 3) for s in ("p5", "p50", "p95")},
        "supply_fte_p5": round(float(supply.p5[point]), 3),
        "supply_fte_p50": round(float(supply.p50[point]), 3),
        "supply_fte_p95": round(float(supply.p95[point]), 3),
    }


def as_json(result: Projection) -> dict[str, Any]:
    """Per reported month: demand and supply bands in total and per staff group, and the
    recruits from each named source over the interval that ends there (mean per run)."""
    scenario = result.scenario
    names = [] if scenario.recruitment is None else scenario.recruitment.named_sources
    sources = result.raw.recruit_sources
    years = []
    for point, (month, date) in enumerate(zip(result.months, result.dates, strict=True)):
        entry: dict[str, Any] = {
            "month": month,
            "date": date,
            "total": _figures(result, result.group("total"), point),
            "staff_groups": {
                group.label: _figures(result, group, point)
                for group in result.groups_of("staff_group")
            },
        }
        if sources is not None and point > 0:
            entry["recruits_by_source"] = {
                item.name: round(float(sources[point - 1, k]), 3) for k, item in enumerate(names)
            }
        years.append(entry)
    return {
        "scenario": scenario.name,
        "runs": result.runs,
        "seed": result.seed,
        "unit": "FTE",
        "years": years,
    }


class _Bar:
    """A tqdm progress bar on stderr (quiet when stderr is not a terminal)."""

    def __init__(self, label: str) -> None:
        self.bar: Any = tqdm(
            total=1, desc=label, unit="step", file=sys.stderr, disable=None, leave=False
        )

    def __call__(self, done: int, total: int) -> None:
        self.bar.total = total
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


def _handle(args: argparse.Namespace) -> int:
    try:
        scenario = scenario_from_file(Path(args.file))
    except ScenarioError as error:
        name = error.name or args.file
        print(f"error: {name}: the scenario is not valid:", file=sys.stderr)
        for message in error.messages:
            print(f"  {message}", file=sys.stderr)
        return 1
    runs = scenario.runs if args.runs is None else args.runs
    seed = scenario.seed if args.seed is None else args.seed
    if runs < 0 or seed < 0:
        print("error: --runs and --seed must be 0 or more", file=sys.stderr)
        return 2
    bar = _Bar(scenario.name)
    try:
        result = project(scenario, runs=runs, seed=seed, progress=bar)
    finally:
        bar.close()
    if args.json:
        print(json.dumps(as_json(result), indent=2, ensure_ascii=False))
        return 0
    mode = "expected values" if runs == 0 else f"{runs:,} runs, seed {seed}"
    print(f"{scenario.name}: {scenario.date_of(scenario.horizon_months)} ({mode})")
    print()
    for text in _table(result):
        print(text)
    if args.baseline:
        try:
            baseline = scenario_from_file(Path(args.baseline))
        except ScenarioError as error:
            print(
                f"error: {error.name or args.baseline}: {'; '.join(error.messages)}",
                file=sys.stderr,
            )
            return 1
        base = project(baseline, runs=runs, seed=seed)
        warnings = destabilisation(base, result, args.threshold / 100)
        print()
        print(f"Against {baseline.name}: {len(warnings) or 'no'} destabilisation warning(s)")
        for warning in warnings:
            print(f"  {warning.message}")
    if args.out:
        try:
            result.write_csv(args.out)
        except OSError as error:
            print(f"error: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
            return 1
        print()
        print(f"Wrote {args.out}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "project",
        help="project workforce supply against demand from a TOML scenario",
        description=__doc__.split("\n\n")[1] if __doc__ else None,
    )
    parser.add_argument("file", help="scenario file (TOML; see docs/projection.md)")
    parser.add_argument(
        "--runs", type=int, default=None, help="stochastic runs (0: expected values)"
    )
    parser.add_argument("--seed", type=int, default=None, help="seed of the random numbers")
    parser.add_argument("--out", help="write every group, year and measure to this CSV file")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print demand and supply P5/P50/P95 per reported year, in total and per staff"
        " group, as JSON (instead of the table)",
    )
    parser.add_argument(
        "--baseline",
        help="another scenario to check this one against for destabilisation of other sectors",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=2.0,
        help="destabilisation threshold, percent of the baseline's supply (default 2)",
    )
    parser.set_defaults(handler=_handle)
