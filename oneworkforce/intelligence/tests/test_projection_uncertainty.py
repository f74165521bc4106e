"""Intervals on the assumptions, drawn once per run: the point model at zero width, the spread
they add, reproducibility, bad intervals, the file format and the sensitivity ranking."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.intelligence import projection as P
from oneworkforce.intelligence.projection.recruitment import Recruitment, RecruitmentSource
from oneworkforce.intelligence.projection.uncertainty import Interval

from .projection_fixtures import EXAMPLES, cell, refusal, scenario
from .test_projection_recruitment import recruiting

FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RAW = ("cells", "groups_headcount", "groups_fte", "flows", "role_draws", "recruit_sources")


def _same(a: P.Projection, b: P.Projection) -> None:
    for name in RAW:
        np.testing.assert_array_equal(getattr(a.raw, name), getattr(b.raw, name), err_msg=name)


def _as_point_values(generated: P.Scenario, m: float, fill: float, limit: float) -> P.Scenario:
    """The scenario with the values the zero-width intervals state written into it."""
    chosen = {c.id for c in generated.cells[:1]}
    cells = tuple(
        replace(c, leaver_rate=c.leaver_rate * m, joiners_per_month=c.joiners_per_month * m)
        if c.id in chosen
        else c
        for c in generated.cells
    )
    recruitment = generated.recruitment
    assert recruitment is not None
    sources = tuple(
        replace(s, per_month=None if s.per_month is None else s.per_month * limit) if k == 0 else s
        for k, s in enumerate(recruitment.named_sources)
    )
    return replace(
        generated,
        cells=cells,
        recruitment=replace(recruitment, fill_rate=fill, sources=sources),
        uncertainty=(),
    )


@FAST
@given(
    recruiting(),
    st.floats(0.2, 1.5),
    st.floats(0.05, 1.0),
    st.floats(0.0, 2.0),
    st.integers(0, 2**32),
)
def test_intervals_of_zero_width_give_exactly_the_point_model(generated, m, fill, limit, seed):
    first = generated.cells[0].id
    recruitment = generated.recruitment
    assert recruitment is not None
    named = recruitment.named_sources
    generated = replace(generated, recruitment=replace(recruitment, sources=named))
    intervals = (
        Interval("leaver_rate", m, m, 0.9, P.Where(cells=(first,))),
        Interval("joiners", m, m, 0.8, P.Where(cells=(first,))),
        Interval("fill_rate", fill, fill, 0.5),
    )
    if named[0].per_month is not None:
        intervals += (Interval("source_limit", limit, limit, 0.95, source_name=named[0].name),)
    with_intervals = replace(generated, uncertainty=intervals)
    if P.validate(_as_point_values(with_intervals, m, fill, limit)):
        return  # a rate pushed past 1 is refused either way
    point = _as_point_values(with_intervals, m, fill, limit)
    _same(P.project(with_intervals, runs=0), P.project(point, runs=0))
    _same(P.project(with_intervals, runs=40, seed=seed), P.project(point, runs=40, seed=seed))


def _one_cell(**interval: object) -> P.Scenario:
    return scenario(
        cell("T/Nurses", 1_000_000, 0.2, 0.0, fte_per_head=1.0),
        horizon_months=12,
        uncertainty=(Interval(**interval),),  # type: ignore[arg-type]
    )


def test_a_leaver_rate_interval_spreads_the_runs_as_its_probability_says():
    # One large cell with no joiners: after a year the stock is about N (1 - 0.2 m), so its
    # 5th and 95th percentiles follow those of m, which a 90 % interval puts at 0.5 and 1.5.
    result = P.project(
        _one_cell(parameter="leaver_rate", low=0.5, high=1.5, probability=0.9), runs=4000, seed=3
    )
    bands = result.bands(result.group("total"), "headcount")
    assert bands.p95[-1] == pytest.approx(1_000_000 * (1 - 0.2 * 0.5), rel=0.01)
    assert bands.p5[-1] == pytest.approx(1_000_000 * (1 - 0.2 * 1.5), rel=0.01)
    assert bands.p50[-1] == pytest.approx(800_000, rel=0.005)
    expected = P.project(
        _one_cell(parameter="leaver_rate", low=0.5, high=1.5, probability=0.9), runs=0
    )
    assert expected.bands(expected.group("total"), "headcount").mean[-1] == pytest.approx(800_000)


def test_bands_with_doubt_about_the_assumptions_widen_with_the_horizon():
    base = replace(P.scenario_from_file(EXAMPLES / "recruitment.toml"), uncertainty=())
    doubtful = replace(
        base,
        uncertainty=(
            Interval("leaver_rate", 0.8, 1.2, 0.9),
            Interval("fill_rate", 0.12, 0.28, 0.8),
            Interval("source_limit", 0.7, 1.3, 0.9, source_name="Local labour market"),
        ),
    )
    plain = P.project(base, runs=500, seed=1).bands(P.project(base, runs=0).group("total"))
    result = P.project(doubtful, runs=500, seed=1)
    bands = result.bands(result.group("total"))
    width = bands.p95 - bands.p5
    assert np.all(np.diff(width[1:]) > 0)  # wider every year
    assert width[-1] > 5 * (plain.p95 - plain.p5)[-1]
    assert bands.p5[-1] < bands.p50[-1] < bands.p95[-1]


def test_draws_are_the_same_for_the_same_seed_whatever_the_chunks():
    doubtful = replace(
        P.scenario_from_file(EXAMPLES / "recruitment.toml"),
        horizon_months=24,
        uncertainty=(Interval("leaver_rate", 0.8, 1.2, 0.9),),
    )
    a = P.project(doubtful, runs=1100, seed=5, chunk_runs=512, threads=2)
    b = P.project(doubtful, runs=1100, seed=5, chunk_runs=1536, threads=1)
    _same(a, b)
    c = P.project(doubtful, runs=1100, seed=6)
    assert not np.array_equal(a.raw.cells, c.raw.cells)


@FAST
@given(recruiting(), st.floats(0.1, 1.0), st.floats(0.0, 0.5), st.floats(0.05, 0.99))
def test_scenarios_with_intervals_round_trip_through_toml(generated, low, extra, probability):
    item = Interval("leaver_rate", low, low + extra, probability, name="Leavers", source="x")
    generated = replace(generated, uncertainty=(item,))
    assert P.scenario_from_text(P.dump_scenario(generated)) == generated


def _file(extra: str, *, vacancies: bool = True) -> str:
    ward = scenario(
        cell("T/Nurses", 900, 0.12, 10),
        recruitment=Recruitment(
            sources=(RecruitmentSource("International", per_month=4.0), RecruitmentSource("Open"))
        )
        if vacancies
        else None,
    )
    return P.dump_scenario(ward) + "\n[[uncertainty]]\n" + extra + "\n"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            'parameter = "leaver_rate"\nlow = 1.2\nhigh = 0.8',
            "uncertainty[0].low: is above high (1.2 > 0.8): swap them",
        ),
        (
            'parameter = "leaver_rate"\nlow = 0.8\nhigh = 1.2\nprobability = 1.5',
            "uncertainty[0].probability: must be between 0 and 1, not 1.5",
        ),
        (
            'parameter = "leaver_rate"\nlow = 0.8\nhigh = 1.2\nprobability = 0',
            "uncertainty[0].probability: must be between 0 and 1, not 0",
        ),
        (
            'parameter = "mood"\nlow = 0.8\nhigh = 1.2',
            "uncertainty[0].parameter: must be one of leaver_rate, joiners, fill_rate,",
        ),
        (
            'parameter = "source_limit"\nlow = 0.8\nhigh = 1.2\nsource_name = "Moon"',
            "uncertainty[0].source_name: no recruitment source is named 'Moon'",
        ),
        (
            'parameter = "source_limit"\nlow = 0.8\nhigh = 1.2\nsource_name = "Open"',
            "the source 'Open' has no limit to vary (give it per_month)",
        ),
        ('parameter = "fill_rate"\nlow = 0.1\nhigh = 1.5', "fill rate's low and high"),
        ('parameter = "leaver_rate"\nhigh = 1.2', "uncertainty[0].low: is missing"),
    ],
)
def test_a_bad_interval_is_refused_with_a_message_naming_its_key_and_line(extra, expected):
    assert expected in refusal(_file(extra))


def test_a_fill_rate_interval_needs_recruitment_toward_vacancies():
    with pytest.raises(P.ScenarioError) as error:
        P.scenario_from_text(
            _file('parameter = "fill_rate"\nlow = 0.1\nhigh = 0.3', vacancies=False)
        )
    assert 'needs [recruitment] with mode = "vacancies"' in str(error.value)


def test_the_sensitivity_ranks_the_assumptions_by_how_far_they_move_the_gap():
    base = P.scenario_from_file(EXAMPLES / "recruitment.toml")
    doubtful = replace(
        base,
        uncertainty=(
            Interval("fill_rate", 0.19, 0.21, 0.8, name="Fill rate"),
            Interval("leaver_rate", 0.7, 1.3, 0.9, name="Leaver rates"),
            Interval("source_limit", 0.5, 1.5, 0.9, source_name="Local labour market"),
            Interval("joiners", 1.0, 1.0, 0.9, name="Zero width"),
        ),
    )
    rows = P.sensitivity(doubtful)
    assert [r.label for r in rows][-1] == "Fill rate"
    assert "Zero width" not in [r.label for r in rows]
    swings = [r.swing for r in rows]
    assert swings == sorted(swings, reverse=True) and swings[0] > 0
    point = P.project(doubtful, runs=0)
    gap = point.gap(point.group("total")).fte[-1]
    for row in rows:
        assert row.base == pytest.approx(gap)
        low = replace(
            doubtful,
            uncertainty=(replace(_find(doubtful, row.label), high=_find(doubtful, row.label).low),),
        )
        found = P.project(low, runs=0)
        assert row.at_low == pytest.approx(found.gap(found.group("total")).fte[-1])
    leavers = next(r for r in rows if r.label == "Leaver rates")
    assert leavers.at_high > leavers.base > leavers.at_low  # more leavers, a bigger gap


def _find(scenario: P.Scenario, label: str) -> Interval:
    return next(item for item in scenario.uncertainty if item.label() == label)
