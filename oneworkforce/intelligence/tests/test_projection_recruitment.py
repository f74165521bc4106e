"""Recruitment that answers vacancies: conservation, limits, overshoot, seeds, the file format."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.intelligence import projection as P
from oneworkforce.intelligence.projection import FLOWS
from oneworkforce.intelligence.projection.recruitment import (
    Recruitment,
    RecruitmentSource,
    whole_allowance,
)

from .projection_fixtures import EXAMPLES, cell, scenario, small_scenarios
from .test_projection_engine import _check_conservation

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTERNAL = FLOWS.index("external_recruitment")
TRAINING = FLOWS.index("training")


@st.composite
def recruiting(draw: st.DrawFn, *, monthly: bool = False) -> P.Scenario:
    """A small scenario whose cells recruit toward demand from a few limited sources."""
    base = draw(small_scenarios())
    if monthly:
        base = replace(base, report_every_months=1)
    ids = [c.id for c in base.cells]
    sources = []
    for i in range(draw(st.integers(0, 3))):
        chosen = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
        sources.append(
            RecruitmentSource(
                f"source {i}",
                P.Where(cells=tuple(chosen)),
                draw(st.none() | st.floats(0, 12, allow_nan=False)),
            )
        )
    cells = tuple(
        replace(c, establishment_fte=draw(st.none() | st.floats(0, 500, allow_nan=False)))
        for c in base.cells
    )
    return replace(
        base,
        cells=cells,
        demand=P.Demand(annual_growth=draw(st.floats(-0.1, 0.2, allow_nan=False))),
        recruitment=Recruitment(
            fill_rate=draw(st.floats(0.01, 1.0, allow_nan=False)),
            overshoot=draw(st.floats(0, 0.2, allow_nan=False)),
            sources=tuple(sources),
        ),
    )


@FAST
@given(recruiting(), st.integers(0, 2**32))
def test_every_run_conserves_headcount_and_stays_non_negative_when_recruiting(generated, seed):
    _check_conservation(
        P.project(generated, runs=60, seed=seed, keep_flows=True, keep_runs=True), per_run=True
    )
    _check_conservation(P.project(generated, runs=0, keep_flows=True), per_run=True)


def _limits(model: P.Model) -> tuple[np.ndarray, np.ndarray]:
    plan = model.layout.plans[0].recruit
    assert plan is not None
    return plan.target, plan.limits


@FAST
@given(recruiting(monthly=True), st.integers(0, 2**32), st.sampled_from([0, 40]))
def test_recruitment_never_exceeds_demand_plus_overshoot_or_a_source_limit(generated, seed, runs):
    model = P.Model(generated)
    target, limits = _limits(model)
    result = model.project(runs=runs, seed=seed, keep_flows=True, keep_runs=True)
    raw = result.raw
    assert raw.run_cells is not None and raw.run_flows is not None
    assert raw.run_recruit_sources is not None
    overshoot = generated.recruitment.overshoot  # type: ignore[union-attr]
    for month in range(generated.horizon_months):
        joined = raw.run_flows[:, month, :, EXTERNAL].T  # [cells, runs]
        after = raw.run_cells[month + 1] - raw.run_flows[:, month, :, TRAINING].T
        ceiling = target[month + 1][:, None] * (1 + overshoot)
        assert np.all((joined <= 1e-9) | (after <= ceiling + 1e-6))
        per_source = raw.run_recruit_sources[:, month, :]  # [runs, sources]
        # Whole people: a month's allowance carries the limit's fraction forward, so the runs'
        # recruits so far never exceed the limit times the months so far.
        allowed = whole_allowance(limits, month) if runs else limits
        assert np.all(per_source <= allowed[None, :] + 1e-6)
        so_far = raw.run_recruit_sources[:, : month + 1, :].sum(axis=1)
        assert np.all(so_far <= limits[None, :] * (month + 1) + 1e-6)
        assert np.allclose(per_source.sum(axis=1), joined.sum(axis=0), atol=1e-4)


@FAST
@given(recruiting(), st.integers(0, 2**32))
def test_the_same_seed_gives_the_same_numbers_when_recruiting(generated, seed):
    a = P.project(generated, runs=30, seed=seed)
    b = P.project(generated, runs=30, seed=seed)
    for name in ("cells", "groups_fte", "flows", "recruit_sources"):
        np.testing.assert_array_equal(getattr(a.raw, name), getattr(b.raw, name), err_msg=name)


@FAST
@given(recruiting())
def test_recruiting_scenarios_round_trip_through_toml(generated):
    assert P.scenario_from_text(P.dump_scenario(generated)) == generated


def _ward(**recruitment: object) -> P.Scenario:
    cells = (
        cell("T/Nurses", 900, 0.12, 10, establishment_fte=900),
        cell("CARE/Care workers", 400, 0.3, 12, sector="Care provider", fte_per_head=0.8),
    )
    return scenario(
        *cells,
        horizon_months=60,
        demand=P.Demand(annual_growth=0.02),
        recruitment=Recruitment(**recruitment),  # type: ignore[arg-type]
    )


def test_with_no_limit_supply_tracks_demand_less_the_steady_vacancy_of_the_fill_rate():
    fill = 0.3
    tracking = P.project(_ward(fill_rate=fill), runs=0)
    fixed = P.project(_ward(mode="fixed"), runs=0)
    growth = 1.02 ** (1 / 12) - 1
    for name, leaver_rate in (("T/Nurses", 0.12), ("CARE/Care workers", 0.3)):
        group = tracking.group("cell", name)
        demand = tracking.demand(group)
        supply = tracking.bands(group).mean
        assert np.all(supply <= demand + 1e-6)
        # Each month the gap left is (1 - f) x (demand - stock after exits); at a steady state
        # the open share g of demand solves g (1 + growth) = (1 - f) (1 + growth - (1 - g)(1 - p)).
        p = P.monthly_probability(leaver_rate)
        steady = (1 - fill) * (growth + p) / ((1 + growth) - (1 - fill) * (1 - p))
        assert 1 - supply[-1] / demand[-1] == pytest.approx(steady, abs=1e-4)
    fixed_gap = fixed.gap(fixed.group("total")).fte[-1]
    assert abs(fixed_gap) > 3 * abs(tracking.gap(tracking.group("total")).fte[-1])


def test_a_source_limit_leaves_a_gap_the_limit_explains():
    limited = _ward(
        sources=(RecruitmentSource("Wider labour market", per_month=5.0),),
    )
    result = P.project(limited, runs=0)
    assert result.raw.recruit_sources is not None
    np.testing.assert_allclose(result.raw.recruit_sources[:, 0], 60.0, rtol=1e-9)
    assert result.gap(result.group("total")).fte[-1] > 100
    runs = P.project(limited, runs=200, seed=4)
    assert runs.raw.recruit_sources is not None
    assert np.all(runs.raw.recruit_sources[:, 0] <= 60.0 + 1e-9)
    assert runs.raw.recruit_sources[-1, 0] > 55


def test_a_source_of_less_than_one_person_a_month_still_supplies_people_in_runs():
    """A small job role's labour market of 0.5 people a month supplies one person every other
    month in every run (rounding each month down had it supply nobody for ten years)."""
    small = scenario(
        cell("GP/Healthcare assistant", 4, 0.25, 0, establishment_fte=160),
        horizon_months=120,
        recruitment=Recruitment(
            fill_rate=1.0, sources=(RecruitmentSource("Labour market", per_month=0.5),)
        ),
    )
    runs = P.project(small, runs=100, seed=3)
    expected = P.project(small, runs=0)
    assert runs.raw.recruit_sources is not None and expected.raw.recruit_sources is not None
    # Far below its posts, the cell wants more than the source allows every month, so the
    # limit binds: six people a year, in every run as in expected values.
    np.testing.assert_allclose(runs.raw.recruit_sources[:, 0], 6.0)
    np.testing.assert_allclose(expected.raw.recruit_sources[:, 0], 6.0)
    group = runs.group("cell", "GP/Healthcare assistant")
    end = runs.bands(group).mean[-1]
    assert end == pytest.approx(expected.bands(group).mean[-1], rel=0.1)
    assert end > 4


def test_whole_allowances_carry_a_fraction_and_keep_whole_limits():
    months = np.arange(24)
    half = np.array([whole_allowance(0.5, m) for m in months])
    assert set(half.tolist()) == {0.0, 1.0} and half.sum() == 12
    assert all(whole_allowance(3.0, m) == 3 for m in months)
    assert np.isinf(whole_allowance(np.inf, 5))
    thirds = np.cumsum([whole_allowance(7 / 3, m) for m in months])
    assert np.all(thirds <= (months + 1) * 7 / 3 + 1e-9)
    assert thirds[-1] == 56


def test_a_source_supplies_only_the_cells_it_chooses():
    only_care = _ward(
        sources=(RecruitmentSource("Returners", P.Where(sectors=("Care provider",))),),
    )
    result = P.project(only_care, runs=0)
    external = result.raw.flows[:, :, EXTERNAL]
    nurses = result.layout.cell_ids.index("T/Nurses")
    assert np.all(external[:, nurses] == 0)
    assert external.sum() > 0


def test_files_without_a_recruitment_table_keep_fixed_joiners():
    for path in EXAMPLES.glob("*.toml"):
        loaded = P.scenario_from_file(path)
        if "[recruitment]" not in path.read_text():
            assert loaded.recruitment is None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("fill_rate = 1.5", "recruitment.fill_rate: must be above 0 and at most 1"),
        ("overshoot = -0.1", "recruitment.overshoot: must be from 0 to 1"),
        ('mode = "always"', "recruitment.mode: must be one of vacancies, fixed, not 'always'"),
        ("per_month = -3", "recruitment.sources[0].per_month: must be a number of at least 0"),
        ('where = { orgs = ["NOPE"] }', "recruitment.sources[0].where: chooses no cell"),
        ('colour = "red"', "recruitment.sources[0].colour: is not a key this table takes"),
    ],
)
def test_bad_recruitment_settings_name_the_key_and_line(change, expected):
    good = P.dump_scenario(_ward(sources=(RecruitmentSource("International", per_month=4.0),)))
    key = change.split(" =")[0]
    lines = good.splitlines()
    if key in ("per_month", "where", "colour"):
        at = lines.index('name = "International"') + 1
        lines.insert(at, change)
        if key == "per_month":
            lines = [x for i, x in enumerate(lines) if not (i > at and x.startswith("per_month"))]
    else:
        lines = [change if x.startswith(f"{key} =") else x for x in lines]
    with pytest.raises(P.ScenarioError) as error:
        P.scenario_from_text("\n".join(lines))
    message = "; ".join(error.value.messages)
    assert expected in message
    assert "(line " in message
