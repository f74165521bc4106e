"""Seasons: twelve factors per cell for leavers and joiners, applied by calendar month in
expected values and runs; all ones are the model without seasons; bad factors are refused."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.intelligence import projection as P
from oneworkforce.intelligence.projection import seasonality
from oneworkforce.intelligence.projection.model import build_layout
from oneworkforce.intelligence.projection.seasonality import Seasonality

from .projection_fixtures import EXAMPLES, cell, refusal, scenario, small_scenarios

FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RAW = ("cells", "groups_headcount", "groups_fte", "flows", "role_draws")
WINTER = (1.3, 1.2, 1.0, 0.9, 0.9, 0.8, 0.8, 0.9, 1.4, 1.0, 0.9, 0.9)  # averages 1


def _same(a: P.Projection, b: P.Projection) -> None:
    for name in RAW:
        np.testing.assert_array_equal(getattr(a.raw, name), getattr(b.raw, name), err_msg=name)


@FAST
@given(small_scenarios(), st.integers(0, 2**32))
def test_factors_of_one_give_the_model_without_seasons_bit_for_bit(generated, seed):
    ones = (1.0,) * 12
    seasonal = replace(
        generated,
        seasonality=(Seasonality(P.Where(), ones, ones),),
    )
    _same(P.project(seasonal, runs=0), P.project(generated, runs=0))
    _same(P.project(seasonal, runs=30, seed=seed), P.project(generated, runs=30, seed=seed))


@FAST
@given(
    small_scenarios(interventions=False),
    st.lists(st.floats(0.0, 3.0), min_size=12, max_size=12).filter(lambda v: sum(v) > 0.5),
    st.integers(0, 11),
)
def test_a_years_mean_leaver_probability_and_joiners_are_the_annual_figures(generated, raw, offset):
    factors = tuple(12 * v / sum(raw) for v in raw)
    generated = replace(generated, horizon_months=24, report_every_months=12)
    seasonal = replace(generated, seasonality=(Seasonality(P.Where(), factors, factors),))
    plain = build_layout([generated]).plans[0]
    plan = build_layout([seasonal]).plans[0]
    year = slice(offset, offset + 12)
    capped = np.any(plain.p_leave[year] * max(factors) >= seasonality.MAX_MONTHLY)
    if not capped:
        np.testing.assert_allclose(
            plan.p_leave[year].mean(axis=0), plain.p_leave[year].mean(axis=0), rtol=1e-12
        )
    np.testing.assert_allclose(
        plan.joiners[year].mean(axis=0), plain.joiners[year].mean(axis=0), rtol=1e-12, atol=1e-12
    )


def _seasonal_pair(coupled: bool) -> P.Scenario:
    cells = [cell("T/Nurses", 200_000, 0.2, 0.0, fte_per_head=1.0)]
    if coupled:  # a transfer makes both cells step month by month
        cells.append(cell("U/Nurses", 100_000, 0.1, 0.0, fte_per_head=1.0))
    transfers = (
        (P.Transfer(P.Where(cells=("U/Nurses",)), P.Where(cells=("T/Nurses",)), 0.01),)
        if coupled
        else ()
    )
    built = scenario(
        *cells,
        horizon_months=12,
        report_every_months=1,
        transfers=transfers,
        seasonality=(Seasonality(P.Where(cells=("T/Nurses",)), WINTER),),
    )
    return replace(built, start="2026-01")


@pytest.mark.parametrize("coupled", [False, True])
def test_expected_values_and_runs_leave_more_in_the_months_the_factors_raise(coupled):
    seasonal = _seasonal_pair(coupled)
    expected = P.project(seasonal, runs=0)
    stock = expected.bands(expected.group("cell", "T/Nurses"), "headcount").mean
    monthly = P.monthly_probability(0.2)
    if not coupled:
        # January starts the projection: each month keeps 1 - p x that month's factor.
        np.testing.assert_allclose(
            stock[1:] / stock[:-1], [1 - monthly * f for f in WINTER], rtol=1e-9
        )
    runs = P.project(seasonal, runs=400, seed=2)
    got = runs.bands(runs.group("cell", "T/Nurses"), "headcount").mean
    np.testing.assert_allclose(got, stock, rtol=2e-4)
    drops = -np.diff(got)
    assert drops[8] > drops[7] * 1.4  # September's leavers
    assert drops[0] > drops[5] * 1.5  # January's against June's
    if not coupled:
        assert build_layout([seasonal]).boundaries == list(range(13))


def test_factors_shrink_toward_one_when_counts_are_small_and_average_one():
    # Every month has exposure 100 and 10 leavers but September has 20: the rate over all
    # months is 130 / 1200; September's raw factor 20 / 10.83 = 1.85 is shrunk by 20
    # pseudo-leavers to (20 + 20) / (10.83 + 20) = 1.30 before the twelve are scaled.
    counts = [(m, 20.0 if m == 9 else 10.0, 100.0) for m in range(1, 13)]
    found = seasonality.factors(counts)
    assert found is not None and sum(found) == pytest.approx(12, abs=1e-3)
    rate = 130 / 1200
    september = 40 / (rate * 100 + 20)
    other = 30 / (rate * 100 + 20)
    scale = 12 / (september + 11 * other)
    assert found[8] == pytest.approx(september * scale, abs=1e-4)
    assert found[0] == pytest.approx(other * scale, abs=1e-4)
    assert 1 < found[8] < 20 / (rate * 100)
    assert seasonality.factors(counts[:11]) is None  # December is missing
    big = [(m, 100 * c, 100 * e) for m, c, e in counts]
    assert seasonality.factors(big)[8] > found[8]  # more leavers, less shrinking


@FAST
@given(st.lists(st.floats(0.5, 1.5), min_size=12, max_size=12))
def test_seasons_round_trip_through_toml(values):
    factors = tuple(12 * v / sum(values) for v in values)
    base = P.scenario_from_file(EXAMPLES / "recruitment.toml")
    item = Seasonality(
        P.Where(staff_groups=("Nurses & health visitors",)),
        factors,
        (),
        months="12 months",
        source="x",
    )
    seasonal = replace(base, seasonality=(item,))
    assert P.scenario_from_text(P.dump_scenario(seasonal)) == seasonal


def _file(lines: str) -> str:
    ward = scenario(cell("T/Nurses", 900, 0.12, 10))
    return P.dump_scenario(ward) + "\n[[seasonality]]\n" + lines + "\n"


TWELVE = "[1.2, 1.1, 1.0, 1.0, 0.9, 0.8, 0.8, 0.9, 1.3, 1.0, 1.0, 1.0]"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("leavers = [1.0, 1.0]", "seasonality[0].leavers: must list 12 factors"),
        (
            "joiners = [1.2, 1.1, 1.0, 1.0, 0.9, 0.8, 0.8, 0.9, 1.3, 1.0, 1.0, -1.0]",
            "seasonality[0].joiners[11]: must be a number of at least 0, not -1.0",
        ),
        (
            'leavers = [1.2, 1.1, 1.0, 1.0, 0.9, 0.8, 0.8, 0.9, 1.3, 1.0, 1.0, "high"]',
            "seasonality[0].leavers[11]: must be a number, not 'high'",
        ),
        (
            "leavers = [2.0, 1.1, 1.0, 1.0, 0.9, 0.8, 0.8, 0.9, 1.3, 1.0, 1.0, 1.0]",
            "seasonality[0].leavers: the factors average 1.067; they must average 1",
        ),
        ("months = 'a year'", "seasonality[0]: give leavers or joiners"),
        (f'leavers = {TWELVE}\nwhere = {{ cells = ["X"] }}', "no cell has id 'X'"),
        (f"leavers = {TWELVE}\nleaver = 1", "seasonality[0].leaver: is not a key"),
    ],
)
def test_bad_seasons_are_refused_with_a_message_naming_the_field_and_line(lines, expected):
    assert expected in refusal(_file(lines))


def test_the_assumptions_table_names_the_months_and_source_of_the_seasons():
    seasonal = replace(
        _seasonal_pair(False),
        seasonality=(
            Seasonality(
                P.Where(cells=("T/Nurses",)),
                WINTER,
                name="Seasons: T nurses",
                months="12 months, December 2024 to November 2025",
                source="turnover.csv",
            ),
        ),
    )
    rows = [a for a in P.project(seasonal, runs=0).assumptions() if a.subject.startswith("Seas")]
    assert len(rows) == 1
    assert "from 12 months, December 2024 to November 2025" in rows[0].item
    assert rows[0].value.startswith("Jan 1.3, Feb 1.2") and rows[0].source == "turnover.csv"


def test_the_example_file_with_seasons_reads_and_projects():
    found = P.scenario_from_file(EXAMPLES / "seasons.toml")
    assert found.seasonality and len(found.seasonality[0].leavers) == 12
    expected = P.project(found, runs=0)
    assert expected.bands(expected.group("total")).mean[-1] > 0
