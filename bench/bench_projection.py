"""Workforce projection engine on the real turnover file (Nov 2025): one ICS and all England.

Targets: West Yorkshire's 115 organisation x staff group cells, 120 months, 1,000 stochastic runs
under 1 s; all England's 2,533 cells, 120 months, 10,000 runs under 10 s and under 4 GB peak
memory (measured in a fresh process). Every stochastic figure here includes the P5-P95 bands
of every cell and roll-up at every reported year.

Peer: PySD (a benchmark and test dependency only) running the same deterministic model written
as a Vensim file (subscripted stocks, leavers, joiners, transfers; Euler steps of a month). Its
results are checked equal to the engine's expected values before any time is printed. Like
PySD's ``run`` of a model read once, the ratio times ``Model.project`` of a scenario checked and
laid out once; the whole ``project`` call (checks and layout included) is printed beside it.
Target: at least 100 times faster than PySD on both models.

Recruitment that answers vacancies and assumptions drawn for each run (leaver-rate intervals per
staff group) make every cell step month by month. Targets: one ICS with 1,000 runs and its
sensitivity view under 1 s together; all England with 10,000 runs of drawn assumptions (and
recruitment toward vacancies) under 8 s and 2 GB peak memory, measured in a fresh process. Each
target is printed as met or NOT met.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.harness import measure, ratio
from oneworkforce.intelligence import projection
from oneworkforce.intelligence.projection.recruitment import Recruitment
from oneworkforce.intelligence.projection.uncertainty import Interval
from oneworkforce.intelligence.statistics.nhs_files import read_turnover
from oneworkforce.intelligence.tests.projection_fixtures import TURNOVER, vensim_model

NAME = "projection"
ICS = "QWO"  # West Yorkshire


def setup() -> None:
    if not TURNOVER.is_file():
        raise SystemExit(f"The turnover file is missing: {TURNOVER}")


def _with_transfers(scenario: projection.Scenario) -> projection.Scenario:
    """Staff moving between organisations: each staff group's cells send 2 % a year to the
    same staff group elsewhere in the ICS."""
    groups = sorted({c.staff_group for c in scenario.cells})
    transfers = tuple(
        projection.Transfer(
            projection.Where(cells=(c.id,)),
            projection.Where(staff_groups=(group,)),
            0.02,
        )
        for group in groups
        for c in scenario.cells
        if c.staff_group == group
        and c.headcount > 0
        and sum(1 for d in scenario.cells if d.staff_group == group) > 1
    )
    return projection.Scenario(**{**scenario.__dict__, "transfers": transfers})


def _doubtful(scenario: projection.Scenario, *, vacancies: bool) -> projection.Scenario:
    """Leaver rates 20 % either side of the figures (80 % intervals) for every staff group,
    drawn once per run; with ``vacancies``, recruitment toward demand."""
    groups = sorted({c.staff_group for c in scenario.cells})
    intervals = tuple(
        Interval("leaver_rate", 0.8, 1.2, 0.8, projection.Where(staff_groups=(group,)))
        for group in groups
    )
    return replace(
        scenario, uncertainty=intervals, recruitment=Recruitment() if vacancies else None
    )


def _peer(scenario: projection.Scenario, folder: Path) -> tuple[object, projection.Scenario]:
    import pysd

    text, same = vensim_model(scenario)
    path = folder / f"{abs(hash(text))}.mdl"
    path.write_text(text)
    return pysd.read_vensim(str(path)), same


def _check_equal(model: object, same: projection.Scenario) -> float:
    frame = model.run(return_columns=["headcount"])  # type: ignore[attr-defined]
    ours = projection.project(same, runs=0)
    worst = 0.0
    for i, cell in enumerate(same.cells):
        got = ours.bands(ours.group("cell", cell.id), "headcount").mean
        want = frame[f"headcount[c{i}]"].to_numpy()
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)
        worst = max(worst, float(np.max(np.abs(got - want))))
    return worst


_PEAK = """
import json, resource, sys, time
from bench.bench_projection import _doubtful
from oneworkforce.intelligence import projection
from oneworkforce.intelligence.statistics.nhs_files import read_turnover
records = read_turnover(sys.argv[1]).records
scenario = projection.baseline_from_turnover(records)
if sys.argv[2] == "sampled":
    scenario = _doubtful(scenario, vacancies=True)
start = time.perf_counter()
result = projection.project(scenario, runs=10_000, seed=1)
elapsed = time.perf_counter() - start
total = result.bands(result.group("total"))
print(json.dumps({"seconds": elapsed, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "p50": float(total.p50[-1])}))
"""


def _fresh(kind: str) -> dict[str, float]:
    """All England, 10,000 runs, in a fresh process: seconds and peak memory (max RSS)."""
    found = subprocess.run(  # noqa: S603 (this interpreter, our own code and data file)
        [sys.executable, "-c", _PEAK, str(TURNOVER), kind],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    figures: dict[str, float] = json.loads(found.stdout)
    return figures


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def run() -> list[str]:
    records = read_turnover(TURNOVER).records
    england = projection.baseline_from_turnover(records)
    west = projection.baseline_from_turnover(records, include=lambda r: r.ics_code == ICS)
    lines = [f"  cells: West Yorkshire {len(west.cells)}, England {len(england.cells)}"]

    ics = measure(
        f"ICS: {len(west.cells)} cells x 120 months x 1,000 runs",
        lambda: projection.project(west, runs=1000, seed=1),
        runs=7,
        warmup=1,
    )
    lines.append(ics.row())
    whole = measure(
        f"England: {len(england.cells):,} cells x 120 months x 10,000 runs",
        lambda: projection.project(england, runs=10_000, seed=1),
        runs=3,
        warmup=1,
    )
    lines.append(whole.row())
    figures = _fresh("fixed")
    lines.append(
        f"  England 10,000 runs in a fresh process: {figures['seconds']:.2f} s,"
        f" peak memory {figures['peak_kb'] / 1024:,.0f} MB (max RSS)"
    )

    doubtful_ics = projection.Model(_doubtful(west, vacancies=True))
    ics_doubt = measure(
        "ICS, recruiting toward vacancies, leaver-rate intervals: 1,000 runs",
        lambda: doubtful_ics.project(runs=1000, seed=1),
        runs=5,
        warmup=1,
    )
    sensitivity = measure(
        f"ICS sensitivity view ({len(doubtful_ics.scenario.uncertainty)} intervals, both ends)",
        lambda: projection.sensitivity(doubtful_ics.scenario),
        runs=5,
        warmup=1,
    )
    both = measure(
        "ICS 1,000 runs and the sensitivity view together",
        lambda: (
            doubtful_ics.project(runs=1000, seed=1),
            projection.sensitivity(doubtful_ics.scenario),
        ),
        runs=5,
        warmup=1,
    )
    sampled = _fresh("sampled")
    lines += [
        ics_doubt.row(),
        sensitivity.row(),
        both.row(),
        f"  target: one ICS, 1,000 runs with the sensitivity view, under 1 s:"
        f" {both.median_ms / 1000:.2f} s, {_verdict(both.median_ms < 1000)}",
        "  England 10,000 runs, leaver-rate intervals, recruiting toward vacancies, in a fresh"
        f" process: {sampled['seconds']:.2f} s, peak memory"
        f" {sampled['peak_kb'] / 1024:,.0f} MB (max RSS)",
        f"  target: under 8 s: {_verdict(sampled['seconds'] < 8)};"
        f" under 2 GB: {_verdict(sampled['peak_kb'] < 2 * 1024 * 1024)}",
    ]

    with tempfile.TemporaryDirectory() as folder:
        for label, scenario in (
            (f"ICS with transfers ({len(west.cells)} cells)", _with_transfers(west)),
            (f"England ({len(england.cells):,} cells)", england),
        ):
            model, same = _peer(scenario, Path(folder))
            worst = _check_equal(model, same)
            prepared = projection.Model(same)
            mine = measure(
                f"One Workforce expected values: {label}",
                lambda prepared=prepared: prepared.project(runs=0),
                runs=21,
                warmup=2,
            )
            whole_call = measure(
                f"  the same with checks and layout: {label}",
                lambda same=same: projection.project(same, runs=0),
                runs=7,
                warmup=1,
            )
            theirs = measure(
                f"PySD 3.14 run:                  {label}",
                lambda model=model: model.run(return_columns=["headcount"]),  # type: ignore[attr-defined]
                runs=3,
                warmup=1,
            )
            lines += [
                f"  same results as PySD (largest difference {worst:.1e} people)",
                mine.row(),
                whole_call.row(),
                theirs.row(),
                ratio(f"PySD / ours ({label})", theirs, mine),
                ratio(f"PySD / ours with checks and layout ({label})", theirs, whole_call),
            ]
    return lines
