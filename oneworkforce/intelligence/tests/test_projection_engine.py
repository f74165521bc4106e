"""The engine: closed forms, conservation, reproducibility, chunking, distributions, CRN."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.intelligence import projection as P
from oneworkforce.intelligence.projection import FLOWS, sampling
from oneworkforce.intelligence.projection.results import INFLOWS, OUTFLOWS

from .projection_fixtures import cell, coupled_scenario, scenario, small_scenarios

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_expected_values_follow_the_closed_form_for_constant_rates():
    annual, joiners, start = 0.112, 7.5, 1000.0
    result = P.project(
        scenario(cell("T/Nurses", start, annual, joiners), horizon_months=120), runs=0
    )
    p = 1 - (1 - annual) ** (1 / 12)
    q = 1 - p
    t = np.array(result.months, dtype=float)
    closed = start * q**t + joiners * (1 - q**t) / (1 - q)
    got = result.bands(result.group("cell", "T/Nurses"), "headcount")
    np.testing.assert_allclose(got.p50, closed, rtol=1e-12)
    np.testing.assert_allclose(got.p5, closed, rtol=1e-12)
    fte = result.bands(result.group("cell", "T/Nurses"), "fte")
    np.testing.assert_allclose(fte.mean, closed * 0.9, rtol=1e-12)


def test_annual_rates_become_monthly_probabilities_that_compound_back():
    assert P.monthly_probability(0.112) == pytest.approx(1 - 0.888 ** (1 / 12))
    for annual in (0.0, 0.05, 0.112, 0.5):
        assert P.annual_rate(P.monthly_probability(annual)) == pytest.approx(annual)


def _check_conservation(result: P.Projection, per_run: bool) -> None:
    raw = result.raw
    inflow = [FLOWS.index(n) for n in INFLOWS]
    outflow = [FLOWS.index(n) for n in OUTFLOWS]
    if per_run:
        stocks = raw.run_cells  # [points, cells, runs]
        flows = raw.run_flows  # [runs, intervals, cells, FLOWS]
        assert stocks is not None and flows is not None
        change = flows[..., inflow].sum(-1) - flows[..., outflow].sum(-1)  # [runs, int, cells]
        np.testing.assert_allclose(stocks[:-1] + change.transpose(1, 2, 0), stocks[1:], atol=1e-3)
        np.testing.assert_allclose(
            stocks[:-1].sum(1) + change.sum(2).T, stocks[1:].sum(1), atol=1e-2
        )
        assert stocks.min() >= 0
        assert flows.min() >= -1e-6
    for group in result.groups:
        for part in result.waterfall(group):
            assert part.start + part.joiners - part.leaving == pytest.approx(
                part.end, rel=1e-9, abs=1e-6
            )


@FAST
@given(small_scenarios())
def test_expected_values_conserve_headcount_per_cell_and_in_total(generated):
    result = P.project(generated, runs=0, keep_flows=True)
    _check_conservation(result, per_run=True)
    for group in result.groups:
        assert result.bands(group, "headcount").p5.min() >= -1e-9


@FAST
@given(small_scenarios(), st.integers(0, 2**32))
def test_every_stochastic_run_conserves_headcount_and_stays_non_negative(generated, seed):
    result = P.project(generated, runs=70, seed=seed, keep_flows=True, keep_runs=True)
    _check_conservation(result, per_run=True)


@FAST
@given(small_scenarios(interventions=False), st.integers(0, 2**32))
def test_mean_flows_reconcile_with_mean_stocks_when_flows_are_not_kept(generated, seed):
    _check_conservation(P.project(generated, runs=300, seed=seed), per_run=False)


def _same(a: P.Projection, b: P.Projection) -> None:
    for name in ("cells", "groups_headcount", "groups_fte", "flows", "role_draws"):
        np.testing.assert_array_equal(getattr(a.raw, name), getattr(b.raw, name), err_msg=name)


def test_the_same_seed_gives_bit_identical_results_and_another_seed_does_not():
    s = coupled_scenario()
    first = P.project(s, runs=300, seed=7)
    _same(first, P.project(s, runs=300, seed=7))
    other = P.project(s, runs=300, seed=8)
    assert not np.array_equal(first.raw.cells, other.raw.cells)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_scenarios(), st.integers(0, 2**32), st.sampled_from([(512, 1), (1024, 2)]))
def test_same_seed_gives_bit_identical_results_whatever_the_chunks_and_threads(
    generated, seed, layout
):
    chunk_runs, threads = layout
    first = P.project(generated, runs=700, seed=seed, chunk_runs=1024, threads=1)
    _same(first, P.project(generated, runs=700, seed=seed, chunk_runs=1024, threads=1))
    _same(first, P.project(generated, runs=700, seed=seed, chunk_runs=chunk_runs, threads=threads))


@pytest.mark.parametrize("chunk_runs,threads", [(512, 1), (1024, 2), (1536, 3)])
def test_results_do_not_depend_on_chunks_or_threads(chunk_runs, threads):
    s = coupled_scenario()
    reference = P.project(s, runs=1300, seed=3, chunk_runs=512, threads=2)
    _same(reference, P.project(s, runs=1300, seed=3, chunk_runs=chunk_runs, threads=threads))


def test_a_large_isolated_model_is_independent_of_chunking_too():
    cells = [cell(f"T{i}/Nurses", 20 + 37 * i, 0.05 + 0.001 * i, 0.3 * i) for i in range(300)]
    s = scenario(*cells, horizon_months=24)
    a = P.project(s, runs=1100, seed=11, chunk_runs=512, threads=1)
    b = P.project(s, runs=1100, seed=11, chunk_runs=1024, threads=2)
    _same(a, b)


def test_bands_of_roll_ups_are_percentiles_of_run_totals_not_sums_of_percentiles():
    s = scenario(*(cell(f"T{i}/Nurses", 200, 0.15, 2) for i in range(6)))
    result = P.project(s, runs=500, seed=5, keep_runs=True)
    total = result.group("total")
    runs = result.runs_of(total, "headcount")
    assert runs is not None
    np.testing.assert_allclose(result.bands(total, "headcount").p5, np.percentile(runs, 5, axis=1))
    summed = sum(
        result.bands(result.group("cell", f"T{i}/Nurses"), "headcount").p5 for i in range(6)
    )
    assert (summed[1:] < result.bands(total, "headcount").p5[1:]).all()
    cells = result.raw.run_cells
    assert cells is not None
    np.testing.assert_allclose(
        result.bands(result.group("cell", "T0/Nurses"), "headcount").p95,
        np.percentile(cells[:, 0, :], 95, axis=1),
    )


# --- distributions ----------------------------------------------------------------------------

RUNS = 40_000


def _uniforms(shape: tuple[int, ...], seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, size=shape, dtype=np.uint32)


def _assert_moments(x: np.ndarray, mean: float, variance: float) -> None:
    n = x.size
    assert abs(x.mean() - mean) < 5 * np.sqrt(variance / n) + 1e-9
    # Standard error of the sample variance ≈ variance * sqrt(2 / n) (plus excess kurtosis).
    assert abs(x.var() - variance) < 6 * variance * np.sqrt(3 / n) + 1e-9


@pytest.mark.parametrize(
    "n,p", [(3, 0.3), (40, 0.05), (120, 0.09), (900, 0.02), (5000, 0.011), (60, 0.93)]
)
def test_binomial_draws_have_binomial_mean_and_variance(n, p):
    x = sampling.binomial(
        np.full((1, RUNS), n, dtype=np.float32), np.float32(p), _uniforms((1, RUNS))
    )
    assert x.min() >= 0 and x.max() <= n
    _assert_moments(x, n * p, n * p * (1 - p))


@pytest.mark.parametrize("n,p", [(25, 0.2), (80, 0.07), (30, 0.8)])
def test_exact_binomial_tables_have_binomial_mean_and_variance(n, p):
    table = sampling.BinomialTable(np.array([p]), np.array([n - 5]), np.array([n]))
    counts = np.full((1, RUNS), n, dtype=np.float32)
    x = table.sample(counts, np.zeros_like(counts), _uniforms((1, RUNS), 4))
    _assert_moments(x, n * p, n * p * (1 - p))
    exact = sampling.binomial_exact(
        np.full(RUNS, float(n)), np.full(RUNS, p), _uniforms((1, RUNS), 4)[0]
    )
    np.testing.assert_array_equal(x[0], exact)


@pytest.mark.parametrize("lam", [0.05, 1.3, 7.0, 38.0, 65.0, 400.0])
def test_poisson_draws_have_poisson_mean_and_variance(lam):
    rows = sampling.PoissonRows(np.array([lam]))
    _assert_moments(rows.sample(_uniforms((1, RUNS), 2)), lam, lam)
    x = sampling.poisson(np.float32(lam), _uniforms((1, RUNS), 3))
    _assert_moments(x, lam, lam)


def test_draws_never_decrease_as_the_uniform_grows():
    u = np.sort(_uniforms((1, 5000), 9), axis=1)
    for n, p in ((7, 0.2), (3000, 0.04)):
        x = sampling.binomial(np.full(u.shape, n, dtype=np.float32), np.float32(p), u)
        assert (np.diff(x[0]) >= 0).all()
    x = sampling.PoissonRows(np.array([3.5])).sample(u)
    assert (np.diff(x[0]) >= 0).all()


def test_the_engine_draws_binomial_leavers_and_poisson_joiners_each_month():
    p_annual, joiners, start = 0.3, 6.0, 400.0
    s = scenario(
        cell("T/Nurses", start, p_annual, joiners), horizon_months=1, report_every_months=1
    )
    result = P.project(s, runs=RUNS // 4, seed=12, keep_flows=True)
    flows = result.raw.run_flows
    assert flows is not None
    leavers = flows[:, 0, 0, FLOWS.index("leavers")]
    joined = flows[:, 0, 0, FLOWS.index("external_recruitment")]
    p = P.monthly_probability(p_annual)
    _assert_moments(leavers, start * p, start * p * (1 - p))
    _assert_moments(joined, joiners, joiners)


def test_monthly_and_whole_segment_steps_agree_in_distribution():
    """Isolated cells jump a year at a time; coupling a cell to a new (empty, idle) role makes
    it step monthly. Both must give the same distribution of the stock."""
    base = cell("T/Nurses", 300, 0.2, 5)
    role = cell("PCN/Nurses", 0, 0.1, 0)
    isolated = scenario(base, role, horizon_months=24, runs=6000)
    coupled = P.Scenario(
        **{
            **isolated.__dict__,
            "interventions": (
                P.NewRole("PCN/Nurses", 0.0, (P.RoleSource(P.Where(cells=("T/Nurses",)), 1.0),)),
            ),
        }
    )
    a = P.project(isolated, seed=1)
    b = P.project(coupled, seed=2)
    assert b.layout.coupled.size == 2 and a.layout.coupled.size == 0
    ga, gb = (
        a.bands(a.group("cell", "T/Nurses"), "headcount"),
        b.bands(b.group("cell", "T/Nurses"), "headcount"),
    )
    sd = np.sqrt(ga.mean[-1])
    assert abs(ga.mean[-1] - gb.mean[-1]) < 0.15 * sd
    assert abs((ga.p95[-1] - ga.p5[-1]) - (gb.p95[-1] - gb.p5[-1])) < 0.1 * (ga.p95[-1] - ga.p5[-1])


# --- common random numbers --------------------------------------------------------------------


def test_a_variant_equal_to_the_baseline_differs_by_exactly_zero():
    s = coupled_scenario()
    comparison = P.compare(s, [s], runs=300, seed=4)
    for group in comparison.baseline.groups:
        d = comparison.difference(0, group, "headcount")
        assert not d.p5.any() and not d.p95.any() and not d.mean.any()


def test_common_random_numbers_make_small_differences_far_less_noisy():
    cells = [cell(f"T{i}/Nurses", 300 + 50 * i, 0.12, 3) for i in range(4)]
    base = scenario(*cells, horizon_months=60, runs=1000)
    cut = base.with_interventions(P.LeaverRateChange(-0.5, P.Where(orgs=("T1",))))
    total = "total"
    crn = P.compare(base, [cut], seed=21)
    paired = crn.variants[0].runs_of(crn.variants[0].group(total), "headcount")
    baseline_runs = crn.baseline.runs_of(crn.baseline.group(total), "headcount")
    independent = P.compare(cut, [], seed=22).baseline
    other = independent.runs_of(independent.group(total), "headcount")
    assert paired is not None and baseline_runs is not None and other is not None
    crn_var = np.var(paired[-1] - baseline_runs[-1])
    independent_var = np.var(other[-1] - baseline_runs[-1])
    assert crn_var < independent_var / 20
    assert (crn.difference(0, crn.baseline.group(total), "headcount").mean[1:] > 0).all()
