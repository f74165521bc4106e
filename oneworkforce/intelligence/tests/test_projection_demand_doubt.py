"""Doubt about demand growth: an interval drawn once per run, so each run has its own demand
path; zero width is the point model; demand and the gap are reported run by run."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.intelligence import projection as P
from oneworkforce.intelligence.projection import cli
from oneworkforce.intelligence.projection.recruitment import Recruitment
from oneworkforce.intelligence.projection.uncertainty import Interval

from .projection_fixtures import EXAMPLES, cell, refusal, scenario
from .test_projection_recruitment import recruiting

FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RAW = ("cells", "groups_headcount", "groups_fte", "flows", "role_draws", "recruit_sources")


def _same(a: P.Projection, b: P.Projection) -> None:
    for name in RAW:
        np.testing.assert_array_equal(getattr(a.raw, name), getattr(b.raw, name), err_msg=name)


@FAST
@given(recruiting(), st.floats(-0.1, 0.1), st.integers(0, 2**32))
def test_a_zero_width_demand_growth_is_the_point_model_bit_for_bit(generated, growth, seed):
    none = replace(generated, uncertainty=(Interval("demand_growth", 0.0, 0.0, 0.9),))
    _same(P.project(none, runs=0), P.project(generated, runs=0))
    _same(P.project(none, runs=40, seed=seed), P.project(generated, runs=40, seed=seed))
    # Any value of zero width: demand is the same in every run, the expected values' demand.
    fixed = replace(generated, uncertainty=(Interval("demand_growth", growth, growth, 0.5),))
    runs, expected = P.project(fixed, runs=40, seed=seed), P.project(fixed, runs=0)
    assert runs.raw.run_demand is None
    total = runs.group("total")
    np.testing.assert_array_equal(runs.demand(total), expected.demand(total))
    stats = runs.demand_stats(total)
    np.testing.assert_array_equal(stats[:, 1], stats[:, 5])


def _ward(low: float, high: float, **extra: object) -> P.Scenario:
    return scenario(
        cell("T/Nurses", 2000, 0.12, 0.0, fte_per_head=1.0),
        horizon_months=120,
        recruitment=Recruitment(fill_rate=0.3),
        uncertainty=(Interval("demand_growth", low, high, 0.9, **extra),),  # type: ignore[arg-type]
    )


def test_each_run_has_its_own_demand_path_whose_percentiles_follow_the_interval():
    ward = _ward(-0.02, 0.04)
    result = P.project(ward, runs=4000, seed=3)
    total = result.group("total")
    stats = result.demand_stats(total)
    years = np.array(result.months) / 12
    # Each run grows at its own rate every year, so a percentile of demand is the same run's
    # all along, and the 5th and 95th percentiles of the runs' growth are the interval's ends
    # (90 %; within the sampling error of 4,000 runs, about 0.0006).
    for column, end in ((1, -0.02), (3, 0.01), (5, 0.04)):
        implied = (stats[1:, column] / 2000) ** (1 / years[1:]) - 1
        np.testing.assert_allclose(implied, implied[0], rtol=1e-6)
        assert implied[0] == pytest.approx(end, abs=0.0015)
    expected = P.project(ward, runs=0)
    np.testing.assert_allclose(expected.demand(total), 2000 * 1.01**years, rtol=1e-12)
    json = cli.as_json(result)["years"][-1]["total"]
    assert json["demand_fte_p5"] < json["demand_fte_p50"] < json["demand_fte_p95"]
    assert json["demand_fte"] == json["demand_fte_p50"]


def test_the_gap_band_is_each_runs_demand_less_its_own_supply():
    ward = _ward(-0.02, 0.04)
    result = P.Model(ward).project(runs=600, seed=8, keep_runs=True)
    total = result.group("total")
    supply = result.runs_of(total, "fte")
    assert supply is not None and result.raw.run_demand is not None
    factors = result.raw.run_demand.factors[0]
    months = np.array(result.months)
    base = result.plan.demand[months, 0]
    demand = base[:, None] * factors[None, :] ** months[:, None]
    gap = demand - supply
    found = result.gap_stats(total)
    np.testing.assert_allclose(found[:, 1:], np.percentile(gap, P.QUANTILES, axis=1).T, rtol=1e-5)
    # Recruitment aims at each run's demand: supply follows it run by run.
    assert np.corrcoef(demand[-1], supply[-1])[0, 1] > 0.9
    # So the gap's band is far narrower than demand's spread less supply's.
    g = result.gap(total)
    d, s = result.demand_stats(total)[-1], result.bands(total)
    assert g.p95[-1] - g.p5[-1] < 0.5 * ((d[5] - s.p5[-1]) - (d[1] - s.p95[-1]))
    rows = [r for r in result.to_csv_rows() if r["dimension"] == "total" and r["month"] == "120"]
    demand_row = next(r for r in rows if r["measure"] == "demand_fte")
    assert float(demand_row["p5"]) < float(demand_row["p95"])


def test_the_sensitivity_ranks_demand_growth_with_the_other_assumptions():
    base = P.scenario_from_file(EXAMPLES / "recruitment.toml")
    doubtful = replace(
        base,
        uncertainty=(
            Interval("leaver_rate", 0.9, 1.1, 0.9, name="Leaver rates"),
            Interval("demand_growth", -0.01, 0.01, 0.9, name="Demand growth"),
        ),
    )
    rows = {row.label: row for row in P.sensitivity(doubtful)}
    demand = rows["Demand growth"]
    assert demand.at_low < demand.base < demand.at_high  # faster growth, a bigger gap
    assert demand.swing > 0


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("low = 0.02\nhigh = -0.01", "uncertainty[0].low: is above high (0.02 > -0.01): swap them"),
        (
            "low = -0.01\nhigh = 0.01\nprobability = 1.5",
            "uncertainty[0].probability: must be between 0 and 1, not 1.5",
        ),
        (
            "low = -0.01\nhigh = 0.01\nprobability = 0",
            "uncertainty[0].probability: must be between 0 and 1, not 0",
        ),
        ("low = -0.6\nhigh = 0.01", "a demand growth's low and high must be from -0.5 to 1"),
        ("low = 0.01\nhigh = 1.5", "a demand growth's low and high must be from -0.5 to 1"),
        ('low = 0\nhigh = 0.01\nwhere = { cells = ["X"] }', "no cell has id 'X'"),
    ],
)
def test_a_bad_demand_growth_interval_is_refused_naming_its_key_and_line(lines, expected):
    text = P.dump_scenario(_ward(0, 0)).split("[[uncertainty]]")[0]
    text += '\n[[uncertainty]]\nparameter = "demand_growth"\n' + lines + "\n"
    assert expected in refusal(text)


def test_a_falling_demand_interval_is_valid_and_round_trips():
    ward = _ward(-0.03, -0.01, name="Falling demand", source="x")
    assert P.validate(ward) == []
    assert P.scenario_from_text(P.dump_scenario(ward)) == ward
