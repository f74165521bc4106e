"""Binomial and Poisson draws by inversion of one 32-bit uniform each, vectorised with numpy.

Every draw is a non-decreasing function of its own uniform ``u`` (a ``uint32``), so

* scenarios fed the same uniforms are coupled as closely as possible (common random numbers),
* a draw depends only on its own uniform and parameters, never on its neighbours in the array,
  so results do not depend on how runs are split into chunks or threads.

Four samplers:

* **Exact inversion** (small variance): walk the probability mass function from 0 until the
  cumulative probability passes ``(u + 0.5) / 2**32``. Exact to the 2**-32 resolution of ``u``.
* **Binomial tables** (:class:`BinomialTable`) for cells whose variance is small in every run:
  the cumulative probabilities for every stock the runs span, tabulated once per segment; a
  draw starts from a guess and steps to the exact quantile (2**-31 resolution).
* **Guide tables** (:class:`PoissonRows`) for Poisson draws whose mean is the same in every run
  (joiners): each row's cumulative probabilities with a 256-entry guide, so a draw is one look-up
  and usually no step. Exact to the same resolution, up to a mean of 40.
* **Normal approximation with corrections** (large variance, at least ``NORMAL_FROM``): a
  Cornish-Fisher expansion ``mean + s*z + c*(z**2 - 1)`` rounded to the nearest whole number
  and clipped to ``[0, n]``. ``c`` matches the distribution's skewness and ``s`` is reduced so
  that the variance after rounding (which adds 1/12) is the distribution's variance.
  ``z = Φ⁻¹`` of the top 16 bits of ``u``, from a table of 65,536 quantiles. From a variance
  of 6 the mean and variance are within 0.1 % and the total variation distance to the exact
  distribution below 0.5 % (see docs/projection.md).
"""

from __future__ import annotations

import statistics
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

F32 = NDArray[np.float32]
F64 = NDArray[np.float64]
U32 = NDArray[np.uint32]
I64 = NDArray[np.int64]

NORMAL_FROM = 6.0  # variance from which the corrected normal approximation is used
TABLE_POISSON_UP_TO = 40.0  # column Poisson means below this use exact guide tables
_TWO32 = 4294967296.0
_GUIDE_BITS = 8


@lru_cache(maxsize=1)
def normal_tables() -> tuple[F32, F32]:
    """``z = Φ⁻¹((k + 0.5) / 65536)`` for k = 0..65535 (scaled to unit variance) and
    ``z**2 - 1``."""
    dist = statistics.NormalDist()
    half = np.array([dist.inv_cdf((k + 0.5) / 65536) for k in range(32768)])
    table = np.concatenate([half, -half[::-1]])
    table /= np.sqrt(np.mean(table * table))
    return table.astype(np.float32), (table * table - 1).astype(np.float32)


def _normal_approximation(
    mean: F32, variance: F32, skew_c: F32 | np.float32, u: U32, upper: F32 | None = None
) -> F32:
    """``rint(mean + s z + c (z**2 - 1))`` clipped to ``[0, upper]``, where ``c`` matches the
    skewness and ``s = sqrt(variance - 1/12 - 2 c**2)`` leaves the variance after rounding equal
    to ``variance``."""
    z_table, w_table = normal_tables()
    index = u >> np.uint32(16)
    z = z_table[index]
    x: F32 = w_table[index]
    x *= skew_c
    x += mean
    spread = variance - (np.float32(1 / 12) + 2 * skew_c * skew_c)
    np.maximum(spread, 0, out=spread)
    np.sqrt(spread, out=spread)
    spread *= z
    x += spread
    np.rint(x, out=x)
    np.maximum(x, 0, out=x)
    if upper is not None:
        np.minimum(x, upper, out=x)
    return x


def _uniform(u: NDArray[np.uint32] | NDArray[np.int64]) -> F64:
    return (u.astype(np.float64) + 0.5) / _TWO32


def _walk(first: F64, uniform: F64, step: F64, limit: F64, count: F64 | None) -> F64:
    """Sequential inversion: the least k with uniform < F(k), where F(0) = first and each next
    probability is the previous x step x (count - k + 1) / k (binomial) or x step / k (Poisson).
    Active elements are compacted every step, so the work is about 1 + mean per draw."""
    x = np.zeros(first.shape[0], dtype=np.float64)
    active = np.flatnonzero(uniform >= first)
    f = first[active]
    cumulative = f.copy()
    u = uniform[active]
    s = step[active]
    lim = limit[active]
    n = count[active] if count is not None else None
    k = 0
    while active.size:
        k += 1
        f = f * s / k if n is None else f * s * (n - (k - 1)) / k
        cumulative = cumulative + f
        x[active] = k
        keep = (u >= cumulative) & (k < lim)
        active, f, cumulative, u, s, lim = (
            active[keep],
            f[keep],
            cumulative[keep],
            u[keep],
            s[keep],
            lim[keep],
        )
        if n is not None:
            n = n[keep]
    return x


def binomial_exact(n: F64, p: F64, u: NDArray[np.uint32]) -> F64:
    """Exact Binomial(n, p) by inversion (1-D arrays; meant for small variances)."""
    flip = p > 0.5
    q = np.where(flip, p, 1 - p)
    small_p = 1 - q
    u64 = u.astype(np.int64)
    uniform = _uniform(np.where(flip, 4294967295 - u64, u64))
    with np.errstate(divide="ignore"):
        first = np.exp(n * np.log(q))
        step = np.where(q > 0, small_p / q, 0.0)
    x = _walk(first, uniform, step, n, n)
    return np.where(flip, n - x, x)


def poisson_exact(lam: F64, u: NDArray[np.uint32]) -> F64:
    """Exact Poisson(lam) by inversion (1-D arrays; meant for small means)."""
    limit = np.full(lam.shape, 100000.0)
    return _walk(np.exp(-lam), _uniform(u), lam, limit, None)


def binomial(n: F32, p: F32, u: U32) -> F32:
    """Binomial(n, p) for 2-D ``n`` (whole numbers) and ``p`` broadcastable to it."""
    mean = n * p
    variance = mean * (1 - p)
    x = _normal_approximation(mean, variance, (1 - 2 * p) / np.float32(6), u, n)
    small = variance < NORMAL_FROM
    if small.any():
        small &= mean > 0
        x[mean <= 0] = 0
        x[small] = binomial_exact(
            n[small].astype(np.float64),
            np.broadcast_to(p, n.shape)[small].astype(np.float64),
            u[small],
        )
    return x


def poisson(lam: F32, u: U32) -> F32:
    """Poisson(lam) for ``lam`` broadcastable to the 2-D uniforms."""
    lam = np.broadcast_to(lam, u.shape)
    x = _normal_approximation(lam, lam, np.float32(1 / 6), u)
    small = (lam < NORMAL_FROM) & (lam > 0)
    x[lam <= 0] = 0
    if small.any():
        x[small] = poisson_exact(lam[small].astype(np.float64), u[small])
    return x


class PoissonRows:
    """Poisson draws whose mean depends only on the row (the cell): exact guide tables for means
    below ``TABLE_POISSON_UP_TO``, the corrected normal approximation above, zero for zero.

    The tables compare the top 31 bits of ``u`` with ``ceil(F(k) * 2**31 - 0.5)``, so the draw is
    the least ``k`` with ``(u >> 1) + 0.5 < F(k) * 2**31``: exact to a resolution of 2**-31."""

    def __init__(self, lam: F64) -> None:
        self.lam = lam
        self.small = np.flatnonzero((lam > 0) & (lam < TABLE_POISSON_UP_TO))
        self.large = np.flatnonzero(lam >= TABLE_POISSON_UP_TO)
        self.all_small = self.small.size == lam.size
        small_lam = lam[self.small]
        size = int(TABLE_POISSON_UP_TO + 12 * np.sqrt(TABLE_POISSON_UP_TO) + 40)
        pmf = np.empty((small_lam.size, size))
        pmf[:, 0] = np.exp(-small_lam)
        for k in range(1, size):
            pmf[:, k] = pmf[:, k - 1] * small_lam / k
        cumulative = np.cumsum(pmf, axis=1)
        cumulative[:, -1] = 2.0  # the last value catches every remaining uniform
        thresholds = np.minimum(np.ceil(cumulative * 2.0**31 - 0.5), 2.0**31)
        edges = np.arange(1 << _GUIDE_BITS, dtype=np.float64) * 2.0 ** (31 - _GUIDE_BITS)
        guide = np.empty((small_lam.size, edges.size), dtype=np.int64)
        for row in range(small_lam.size):
            guide[row] = np.searchsorted(thresholds[row], edges, side="right")
        # Flat look-ups: guide[row * 256 + top 8 bits] = row * size + first candidate k.
        self.size = size
        self.guide = (guide + np.arange(small_lam.size)[:, None] * size).astype(np.int32).ravel()
        self.thresholds = thresholds.astype(np.uint32).ravel()
        self.guide_base = (np.arange(small_lam.size, dtype=np.int32) << _GUIDE_BITS)[:, None]
        self.row_base = (np.arange(small_lam.size, dtype=np.int32) * np.int32(size))[:, None]
        self.large_lam = lam[self.large].astype(np.float32)[:, None]

    def sample(self, u: U32) -> F32:
        """Draws for uniforms ``u[rows, runs]``."""
        out = np.zeros(u.shape, dtype=np.float32)
        if self.small.size:
            us = u if self.all_small else u[self.small]
            top = (us >> np.uint32(32 - _GUIDE_BITS)).view(np.int32)
            top += self.guide_base
            position = self.guide[top]
            u31 = (us >> np.uint32(1)).ravel()
            flat = position.reshape(-1)
            more = np.flatnonzero(u31 >= self.thresholds[flat])
            while more.size:
                flat[more] += 1
                more = more[u31[more] >= self.thresholds[flat[more]]]
            position -= self.row_base
            if self.all_small:
                out[...] = position
            else:
                out[self.small] = position
        if self.large.size:
            lam = np.broadcast_to(self.large_lam, (self.large.size, u.shape[1]))
            out[self.large] = _normal_approximation(lam, lam, np.float32(1 / 6), u[self.large])
        return out


TABLE_BINOMIAL_BELOW = NORMAL_FROM  # variances below this use exact binomial tables
TABLE_SPAN = 4096  # a cell whose stocks span more values than this uses the other samplers
MAX_TABLE_ROWS = 1 << 20


class BinomialTable:
    """Exact Binomial(n, p[c]) draws for a set of columns ``c`` and every whole ``n`` from
    ``low[c]`` to ``high[c]``: cumulative probabilities tabulated once (per segment), then each
    draw starts at the corrected normal approximation and steps to the exact quantile (usually
    no step). Columns with ``p > 1/2`` are tabulated for ``1 - p`` and mirrored, which keeps the
    draw non-decreasing in ``u``."""

    def __init__(self, p: F64, low: NDArray[np.int64], high: NDArray[np.int64]) -> None:
        self.flip = p > 0.5
        q = np.where(self.flip, 1 - p, p)
        self.low = low
        counts = high - low + 1
        if int(counts.sum()) > MAX_TABLE_ROWS:
            raise ValueError("the stocks span too many values for a binomial table")
        self.rowbase = np.zeros(counts.size, dtype=np.int64)
        np.cumsum(counts[:-1], out=self.rowbase[1:])
        n = np.repeat(low, counts) + (
            np.arange(int(counts.sum())) - np.repeat(self.rowbase, counts)
        )
        qq = np.repeat(q, counts)
        mean = n * qq
        spread = np.sqrt(mean * (1 - qq))
        # Beyond 8 standard deviations (+8) the tail is far below the 2**-31 resolution of u.
        reach = int(np.ceil(np.max(mean + 8 * spread + 8, initial=1)))
        self.width = width = max(2, min(int(n.max(initial=0)) + 2, reach))
        pmf = np.zeros((n.size, width))
        with np.errstate(divide="ignore"):
            pmf[:, 0] = np.exp(n * np.log1p(-qq))
            ratio = np.where(qq < 1, qq / (1 - qq), 0.0)
        for k in range(1, width):
            pmf[:, k] = pmf[:, k - 1] * ratio * np.maximum(n - (k - 1), 0) / k
        cumulative = np.cumsum(pmf, axis=1)
        cumulative[:, -1] = 2.0
        thresholds = np.minimum(np.ceil(cumulative * 2.0**31 - 0.5), 2.0**31)
        self.thresholds = thresholds.astype(np.uint32).ravel()
        if self.thresholds.size >= 2**31:
            raise ValueError("binomial table too large")
        # Row of (column c, n) starts at (rowbase[c] + n - low[c]) * width.
        self.offset32 = ((self.rowbase - low) * width).astype(np.int32)[:, None]

    def sample(self, n: F32, guess: F32, u: U32) -> F32:
        """Draws for ``n[rows, runs]`` (the table's rows, in order) given a first ``guess``
        (e.g. the normal approximation) and uniforms ``u``."""
        u31 = u >> np.uint32(1)
        if self.flip.any():
            flip = self.flip[:, None]
            u31 = np.where(flip, np.uint32(2**31 - 1) - u31, u31)
            guess = np.where(flip, n - guess, guess)
        base = n.astype(np.int32)
        base *= np.int32(self.width)
        base += self.offset32
        x = guess.astype(np.int32)
        np.clip(x, 0, self.width - 1, out=x)
        position = (base + x).ravel()
        flat_u = u31.ravel()
        table = self.thresholds
        up = np.flatnonzero(flat_u >= table[position])
        while up.size:
            position[up] += 1
            up = up[flat_u[up] >= table[position[up]]]
        x = position.reshape(n.shape) - base
        below = table[position - 1].reshape(n.shape)
        down = np.flatnonzero((x > 0) & (u31 < below))
        flat_x = x.reshape(-1)
        while down.size:
            position[down] -= 1
            flat_x[down] -= 1
            down = down[flat_x[down] > 0]
            down = down[flat_u[down] < table[position[down] - 1]]
        result = x.astype(np.float32)
        if self.flip.any():
            result = np.where(self.flip[:, None], n - result, result)
        return result


def binomial_rows(n: F32, p: F32, u: U32, table: BinomialTable | None, rows: I64) -> F32:
    """Binomial(n, p) for ``n[cells, runs]`` and ``p[cells, 1]``: the rows ``rows`` (sorted)
    drawn exactly from ``table``, the others as :func:`binomial` does."""
    if table is None or not rows.size:
        return binomial(n, p, u)
    if rows.size == n.shape[0]:
        return table.sample(n, _guess(n, p, u), u)
    x = np.empty_like(n)
    x[rows] = table.sample(n[rows], _guess(n[rows], p[rows], u[rows]), u[rows])
    others = np.ones(n.shape[0], dtype=bool)
    others[rows] = False
    rest = np.flatnonzero(others)
    x[rest] = binomial(n[rest], p[rest], u[rest])
    return x


def _guess(n: F32, p: F32, u: U32) -> F32:
    """A cheap first guess at a binomial quantile for small variances: the mean moved by
    -1.5, -0.5, 0.5 or 1.5 standard deviations as ``u`` falls in its first to last quarter."""
    mean = n * p
    sd = np.sqrt(np.maximum(mean * (1 - p), 0))
    top = (u >> np.uint32(30)).astype(np.float32)  # 0..3: quarters of the distribution
    top -= np.float32(1.5)
    top *= sd
    mean += top
    np.rint(mean, out=mean)
    return mean
