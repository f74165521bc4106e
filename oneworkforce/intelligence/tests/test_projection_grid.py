"""The month-by-month runs' draws (``projection.grid``) against the exact distributions: total
variation distance, mean and variance, monotone in the uniform, and a chi-square test with a
fixed seed on a [cells, runs] array that mixes the samplers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from oneworkforce.intelligence import projection as P
from oneworkforce.intelligence.projection import grid

from .projection_fixtures import cell, scenario

# Every 2**12-th uniform: the draws' frequencies are the sampler's distribution to 2**-20.
EVEN = (np.arange(1 << 20, dtype=np.uint64) << np.uint64(12)).astype(np.uint32)


def _poisson_pmf(lam: float, size: int) -> np.ndarray:
    pmf = np.empty(size)
    pmf[0] = math.exp(-lam)
    for k in range(1, size):
        pmf[k] = pmf[k - 1] * lam / k
    return pmf


def _binomial_pmf(n: int, p: float) -> np.ndarray:
    log = [
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
        for k in range(n + 1)
    ]
    return np.exp(np.array(log))


def _frequencies(x: np.ndarray, size: int) -> np.ndarray:
    found = np.bincount(x.astype(np.int64).ravel(), minlength=size)
    assert found.size == size, "a draw beyond the support"
    return found / x.size


def _tv(a: np.ndarray, b: np.ndarray) -> float:
    return 0.5 * float(np.abs(a - b).sum())


@pytest.mark.parametrize("lam", [0.0, 0.004, 0.3, 1.0, 2.71, 5.99, 9.4, 15.97])
def test_grid_poisson_draws_are_within_the_stated_distance_of_the_poisson(lam):
    x = grid.poisson_grid(np.full(EVEN.shape, lam, dtype=np.float32), EVEN)
    size = 80
    exact = _poisson_pmf(float(np.float32(lam)), size)
    got = _frequencies(x, size)
    assert _tv(got, exact) < grid.TV_GRID + 2e-5
    # The mixture of the two neighbouring grid means keeps the mean exact (to the uniforms'
    # resolution) and adds at most h**2 / 4 to the variance.
    support = np.arange(size)
    mean = float(got @ support)
    assert mean == pytest.approx(float(np.float32(lam)), abs=2e-5)
    variance = float(got @ support**2) - mean**2
    assert lam - 2e-4 <= variance <= lam + grid.GRID_STEP**2 / 4 + 2e-4


@pytest.mark.parametrize(
    "n,p",
    [
        (1, 0.01),
        (12, 0.02),
        (300, 0.01),  # capped Poisson
        (520, 0.03),  # capped Poisson, variance above 6
        (40, 0.2),  # exact inversion (p above POISSON_P, variance below 6)
        (3, 0.9),
        (5000, 0.011),  # normal approximation
        (900, 0.08),
    ],
)
def test_binomial_draws_are_within_the_stated_distance_of_the_binomial(n, p):
    x = grid.binomial(np.full(EVEN.shape, n, dtype=np.float32), np.float32(p), EVEN)
    assert x.min() >= 0 and x.max() <= n
    exact = _binomial_pmf(n, float(np.float32(p)))
    got = _frequencies(x, n + 1)
    mean = n * p
    if p <= grid.POISSON_P and mean < grid.GRID_UP_TO:
        bound = (1 - math.exp(-mean)) * p  # Barbour-Hall
    elif n * p * (1 - p) < 6:
        bound = 1e-5  # exact inversion
    else:
        bound = 0.005  # the corrected normal approximation from a variance of 6
    assert _tv(got, exact) <= bound + grid.TV_GRID + 2e-5
    support = np.arange(n + 1)
    assert float(got @ support) == pytest.approx(mean, rel=0.002, abs=2e-4)


def test_draws_never_decrease_as_the_uniform_grows():
    for lam in (0.2, 3.3, 12.0, 40.0):
        x = grid.poisson(np.full((1, EVEN.size), lam, dtype=np.float32), EVEN[None, :])
        assert (np.diff(x[0]) >= 0).all()
    for n, p in ((7, 0.02), (400, 0.01), (30, 0.3), (3000, 0.04)):
        x = grid.binomial(np.full((1, EVEN.size), n, dtype=np.float32), np.float32(p), EVEN[None])
        assert (np.diff(x[0]) >= 0).all()


def test_a_mixed_array_passes_a_chi_square_test_row_by_row():
    """Rows whose means straddle the grid's upper end and the normal approximation's start,
    drawn together as the engine does: each row's draws against its exact distribution."""
    rng = np.random.default_rng(20)
    runs = 20_000
    lam = np.array([0.05, 0.8, 4.0, 15.5, 17.0, 60.0], dtype=np.float32)[:, None]
    u = rng.integers(0, 2**32, size=(lam.size, runs), dtype=np.uint32)
    # Alternate each row's mean with a second value in every other run: rows that mix.
    means = np.repeat(lam, runs, axis=1)
    means[:, 1::2] *= np.float32(1.1)
    x = grid.poisson(means, u)
    for row in range(lam.size):
        for start in (0, 1):
            draws = x[row, start::2].astype(np.int64)
            m = float(means[row, start])
            pmf = _poisson_pmf(m, int(m + 12 * math.sqrt(m) + 20))
            # Pool the tails so that every expected count is at least 5.
            expected = pmf * draws.size
            keep = np.flatnonzero(expected >= 5)
            low, high = keep.min(), keep.max()
            observed = np.bincount(np.clip(draws, low, high) - low, minlength=high - low + 1)
            want = expected[low : high + 1].copy()
            want[0] += expected[:low].sum()
            want[-1] += expected[high + 1 :].sum()
            chi2 = float(((observed - want) ** 2 / want).sum())
            dof = want.size - 1
            # A chi-square with dof degrees of freedom is above dof + 5 sqrt(2 dof) + 10 with
            # negligible probability; the seed is fixed.
            assert chi2 < dof + 5 * math.sqrt(2 * max(dof, 1)) + 10, (row, start, chi2, dof)


def test_month_by_month_runs_average_to_the_expected_values():
    """Small cells exchanging staff step month by month with grid draws (leavers as capped
    Poisson draws, joiners from the grid); the model is linear, so the mean of the runs is the
    expected value within sampling error."""
    cells = [cell(f"T{i}/Nurses", 5 + 9 * i, 0.08 + 0.03 * i, 0.2 + 0.15 * i) for i in range(6)]
    where = P.Where(staff_groups=("Nurses",))
    s = scenario(
        *cells,
        horizon_months=36,
        transfers=(P.Transfer(P.Where(cells=("T0/Nurses",)), where, 0.04),),
    )
    runs = 4000
    stochastic = P.project(s, runs=runs, seed=5, keep_runs=True)
    expected = P.project(s, runs=0)
    assert stochastic.layout.coupled.size == len(cells)
    for c in cells:
        group = stochastic.group("cell", c.id)
        per_run = stochastic.runs_of(group, "headcount")[-1]
        want = expected.bands(expected.group("cell", c.id), "headcount").mean[-1]
        error = np.sqrt(per_run.var() / runs) + 1e-9
        assert abs(per_run.mean() - want) < 4.5 * error, (c.id, per_run.mean(), want)
