"""Fast draws for the month-by-month runs: small Poisson means from one table over a grid of
means, binomials with a small monthly probability as Poisson draws capped at the stock.

``sampling`` draws a small-variance binomial or Poisson by walking its probability mass function
from 0, a sequential loop per element. In the month-by-month runs every cell's mean differs from
run to run (drawn leaver rates, recruits toward each run's own gap), so no table per cell helps.
Instead:

* **Poisson, mean below** ``GRID_UP_TO`` (16): the cumulative probabilities of Poisson(g h) for
  every grid mean ``g h`` (``h = GRID_STEP`` = 1/32) are tabulated once. A mean ``λ`` between
  two grid means ``a = g h`` and ``a + h`` is drawn from the mixture ``(1 - w) Poisson(a) + w
  Poisson(a + h)``, ``w = (λ - a) / h``: the draw is the least ``k`` whose mixed cumulative
  probability ``(1 - w) F_a(k) + w F_(a+h)(k)`` exceeds the uniform (the top 24 bits of ``u``;
  a guide of 256 entries per grid mean gives the starting ``k``, usually with no step after).
  The mean is ``λ`` exactly, the variance ``λ + w (1 - w) h²`` (at most ``h²/4 = 0.00024``
  more) and the total variation distance to Poisson(λ) at most ``TV_GRID`` = 0.00025 (largest
  for means near 0.016; computed over the whole range and checked in the tests). The draw
  never decreases as ``u`` grows.
* **Binomial(n, p) with** ``p <= POISSON_P`` (0.03, an annual rate of 31 %) **and mean below
  16**: ``min(Poisson(n p), n)`` drawn as above. Its total variation distance to the binomial is
  at most ``(1 - exp(-n p)) p`` (Barbour and Hall), in fact at most 0.28 p over that range
  (0.0084 at p = 0.03, 0.0028 at a typical 0.01); the mean is ``n p`` less the tiny mass the
  cap removes, the variance ``n p`` instead of ``n p (1 - p)`` (relatively at most ``p`` too
  high). A larger probability with a variance below 6 (rare: small cells with very high leaver
  rates) keeps ``sampling``'s exact inversion.

Larger means use ``sampling``'s corrected normal approximation (the same function). Each array is
split by rows: rows that are all one kind are drawn as whole rows (no gathering of elements),
rows that mix kinds are drawn both ways and each element takes its own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .sampling import NORMAL_FROM, binomial_exact
from .sampling import _normal_approximation as _normal

F32 = NDArray[np.float32]
F64 = NDArray[np.float64]
U32 = NDArray[np.uint32]
I32 = NDArray[np.int32]

GRID_STEP = 1 / 32
GRID_UP_TO = 16.0  # Poisson means below this come from the grid
POISSON_P = 0.03  # binomials with a smaller monthly probability are capped Poisson draws
TV_GRID = 2.5e-4  # bound on the total variation distance of a grid draw to the exact Poisson
_WIDTH = 72  # values 0..71 tabulated (P(Poisson(16) > 71) < 1e-20)
_LAST = GRID_UP_TO / GRID_STEP - 1 / 1024  # the largest grid position
_GUIDE = 8  # bits of the uniform that pick the guide entry


@lru_cache(maxsize=1)
def _tables() -> tuple[NDArray[np.complex64], I32]:
    """Cumulative probabilities ``[grid means, _WIDTH]`` scaled to the 24-bit uniforms (flat;
    each entry a pair, this grid mean's and the next one's, as the real and imaginary parts of
    a complex64: ``F(k) 2**24 - 1/2``, so that ``v >= F(k) 2**24 - 1/2`` for a 24-bit ``v`` says
    the uniform ``(v + 1/2) / 2**24`` is at least ``F(k)``; the last column is above every
    ``v``) and guides ``[grid means, 256]``: per grid mean and top 8 bits of the uniform, the
    flat index of the least ``k`` the draw can be."""
    rows = round(GRID_UP_TO / GRID_STEP) + 2
    lam = np.arange(rows) * GRID_STEP
    pmf = np.empty((rows, _WIDTH))
    pmf[:, 0] = np.exp(-lam)
    for k in range(1, _WIDTH):
        pmf[:, k] = pmf[:, k - 1] * lam / k
    cumulative = np.cumsum(pmf, axis=1) * 2.0**24 - 0.5
    cumulative[:, -1] = 2.0**25
    scaled = cumulative.astype(np.float32)
    edges = (np.arange(1 << _GUIDE) * 2.0 ** (24 - _GUIDE)).astype(np.float32)
    guide = np.empty((rows, edges.size), dtype=np.int32)
    for g in range(rows):
        # The least k with v < F(k) for the smallest v of the guide entry.
        guide[g] = np.searchsorted(scaled[g], edges, side="right") + g * _WIDTH
    # Each entry with the next grid mean's beside it, so one look-up finds both.
    pairs = np.empty(scaled.shape, dtype=np.complex64)
    pairs.real = scaled
    pairs.imag[:-1] = scaled[1:]
    pairs.imag[-1] = scaled[-1]
    return pairs.ravel(), guide.ravel()


def poisson_grid(lam: F32, u: U32) -> F32:
    """Poisson draws for means ``0 <= lam < GRID_UP_TO`` (any shape, same as ``u``). The uniform
    is the top 24 bits of ``u`` (exact in float32), so the draw is exact for the mixture to
    about 2**-24."""
    cumulative, guide = _tables()
    t = np.multiply(lam, np.float32(1 / GRID_STEP), dtype=np.float32).ravel()
    np.minimum(t, np.float32(_LAST), out=t)  # larger means are the caller's to replace
    floor = np.floor(t)
    t -= floor  # now the weight of the upper grid mean
    g = floor.astype(np.int32)
    flat_u = u.ravel()
    top = (flat_u >> np.uint32(32 - _GUIDE)).view(np.int32)
    top |= g << np.int32(_GUIDE)
    position = np.take(guide, top)
    value = (flat_u >> np.uint32(8)).astype(np.float32)
    pair = np.take(cumulative, position)
    high = pair.imag - pair.real
    high *= t
    high += pair.real
    more = np.flatnonzero(value >= high)
    while more.size:
        at = position[more] + np.int32(1)
        position[more] = at
        pair = np.take(cumulative, at)
        mixed = pair.real + t[more] * (pair.imag - pair.real)
        more = more[value[more] >= mixed]
    g *= np.int32(_WIDTH)
    position -= g
    return position.astype(np.float32).reshape(lam.shape)


def poisson(lam: F32, u: U32) -> F32:
    """Poisson(lam) for ``lam`` broadcastable to the 2-D uniforms ``u``: grid draws below
    ``GRID_UP_TO``, the corrected normal approximation from there."""
    lam = np.maximum(np.broadcast_to(lam, u.shape), np.float32(0), dtype=np.float32)
    return _by_rows(
        lam < GRID_UP_TO,
        u,
        lambda r: poisson_grid(lam[r], u[r]),
        lambda r: _normal(lam[r], lam[r], np.float32(1 / 6), u[r]),
    )


def binomial(n: F32, p: F32, u: U32) -> F32:
    """Binomial(n, p) for 2-D ``n`` (whole numbers) and ``p`` broadcastable to it: capped grid
    Poisson draws where the mean is below ``GRID_UP_TO`` and ``p <= POISSON_P``, exact
    inversion where the variance is below ``NORMAL_FROM`` and ``p`` larger, the corrected
    normal approximation elsewhere."""
    p = np.broadcast_to(np.asarray(p, dtype=np.float32), n.shape)
    mean = n * p
    variance = mean * (1 - p)
    small = (mean < GRID_UP_TO) & (p <= POISSON_P)

    def fast(r: Any) -> F32:
        drawn: F32 = np.minimum(poisson_grid(mean[r], u[r]), n[r])
        return drawn

    def normal(r: Any) -> F32:
        skew = (1 - 2 * p[r]) / np.float32(6)
        drawn: F32 = _normal(mean[r], variance[r], skew, u[r], n[r])
        return drawn

    x = _by_rows(small, u, fast, normal)
    rest = np.flatnonzero(((variance < NORMAL_FROM) & (p > POISSON_P)).ravel())
    if rest.size:
        flat = x.reshape(-1)
        flat[rest] = binomial_exact(
            n.ravel()[rest].astype(np.float64),
            np.ascontiguousarray(p).ravel()[rest].astype(np.float64),
            u.ravel()[rest],
        )
    return x


def _by_rows(first: NDArray[np.bool_], u: U32, one: Any, other: Any) -> F32:
    """``one(rows)`` where ``first`` holds and ``other(rows)`` elsewhere, for 2-D arrays: whole
    rows where a row is all one kind (copies of rows are cheap), both and a choice per element
    in the rows that mix them (``one`` must accept any element)."""
    if first.all():
        result: F32 = one(slice(None))
        return result
    if not first.any():
        result = other(slice(None))
        return result
    x = np.empty(u.shape, dtype=np.float32)
    count = first.sum(axis=1)
    for rows in (np.flatnonzero(count == u.shape[1]), np.flatnonzero(count == 0)):
        if rows.size:
            x[rows] = one(rows) if count[rows[0]] else other(rows)
    mixed = np.flatnonzero((count > 0) & (count < u.shape[1]))
    if mixed.size:
        x[mixed] = np.where(first[mixed], one(mixed), other(mixed))
    return x
