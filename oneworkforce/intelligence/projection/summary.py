"""Roll-up groups and percentile summaries over runs.

Roll-ups are summed run by run (``runs x cells`` → ``runs x groups``) before any percentile is
taken, so a group's P5 is the 5th percentile of its total, never a sum of cells' percentiles.
Percentiles use numpy's default (linear interpolation between order statistics). Headcounts are
whole numbers, so their percentiles are found by counting (one pass over the runs) rather than
sorting; FTE totals use :func:`numpy.percentile`.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .scenario import Cell

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
QUANTILES = (5.0, 25.0, 50.0, 75.0, 95.0)
STATS = ("mean", "p5", "p25", "p50", "p75", "p95")
DIMENSIONS = ("cell", "org", "staff_group", "sector", "place", "sector_staff_group", "total")


@dataclass(frozen=True)
class Group:
    """A cell or a roll-up. ``key`` is ``(cell id,)``, ``(org code,)``, ``(staff group,)``,
    ``(sector,)``, ``(place,)``, ``(sector, staff group)`` or ``()`` for the total."""

    dimension: str
    key: tuple[str, ...]
    label: str

    @property
    def name(self) -> str:
        return " / ".join(self.key) if self.key else "All"


def _key(cell: Cell, dimension: str) -> tuple[str, ...]:
    if dimension == "org":
        return (cell.org,)
    if dimension == "staff_group":
        return (cell.staff_group,)
    if dimension == "sector":
        return (cell.sector,)
    if dimension == "place":
        return (cell.place,)
    if dimension == "sector_staff_group":
        return (cell.sector, cell.staff_group)
    return ()


def _label(cell: Cell, dimension: str) -> str:
    if dimension == "org":
        return cell.org_name or cell.org
    if dimension == "total":
        return "All cells"
    key = _key(cell, dimension)
    return " / ".join(k or "(none)" for k in key)


class Rollups:
    """The roll-up groups of a set of cells and a fast way to sum them run by run.

    When every cell is a distinct organisation x staff group and each organisation has one
    sector and one place (the usual case), the cells are laid on a dense organisation x staff
    group grid (organisations ordered by sector) and every roll-up is a sum over one grid axis.
    Otherwise organisation, sector x staff group and place totals are summed with ``reduceat``
    over cells sorted by group, and the coarser roll-ups from those.
    """

    ROLLUP_DIMENSIONS = ("org", "staff_group", "sector", "place", "sector_staff_group", "total")

    def __init__(self, cells: Sequence[Cell]) -> None:
        self.groups: list[Group] = []
        self.members: list[I64] = []
        codes: dict[str, I64] = {}
        self.offsets: dict[str, int] = {}
        for dimension in self.ROLLUP_DIMENSIONS:
            keys: dict[tuple[str, ...], int] = {}
            labels: dict[tuple[str, ...], str] = {}
            raw = np.empty(len(cells), dtype=np.int64)
            for i, cell in enumerate(cells):
                key = _key(cell, dimension)
                raw[i] = keys.setdefault(key, len(keys))
                labels.setdefault(key, _label(cell, dimension))
            order = sorted(keys, key=lambda k: tuple(part.casefold() for part in k))
            rank = np.empty(len(keys), dtype=np.int64)
            for position, key in enumerate(order):
                rank[keys[key]] = position
            codes[dimension] = rank[raw]
            self.offsets[dimension] = len(self.groups)
            for position, key in enumerate(order):
                self.groups.append(Group(dimension, key, labels[key]))
                self.members.append(np.flatnonzero(codes[dimension] == position))
        self.size = len(self.groups)
        self.counts = {d: int(c.max()) + 1 if c.size else 0 for d, c in codes.items()}
        org = codes["org"]
        org_level = all(
            np.all(codes[d][org == o] == codes[d][org == o][0])
            for d in ("sector", "place")
            for o in range(self.counts["org"])
        )
        pairs = set(zip(org.tolist(), codes["staff_group"].tolist(), strict=True))
        self.grid = org_level and len(pairs) == len(cells) and len(cells) > 0
        self._local = threading.local()
        if self.grid:
            self._init_grid(codes)
        else:
            self._init_reduce(codes)

    def _init_grid(self, codes: dict[str, I64]) -> None:
        orgs, staff = self.counts["org"], self.counts["staff_group"]
        sectors, places = self.counts["sector"], self.counts["place"]
        org_sector = np.zeros(orgs, dtype=np.int64)
        org_place = np.zeros(orgs, dtype=np.int64)
        org_sector[codes["org"]] = codes["sector"]
        org_place[codes["org"]] = codes["place"]
        slot_of_org = np.empty(orgs, dtype=np.int64)
        by_sector = np.lexsort((np.arange(orgs), org_sector))
        slot_of_org[by_sector] = np.arange(orgs)
        self.grid_shape = (orgs, staff)
        self.grid_rows = slot_of_org[codes["org"]] * staff + codes["staff_group"]
        self.sector_bounds = np.searchsorted(org_sector[by_sector], np.arange(sectors + 1))
        place_order = np.argsort(org_place[by_sector], kind="stable")
        self.place_order = place_order
        self.place_starts = np.flatnonzero(
            np.r_[True, np.diff(org_place[by_sector][place_order]) != 0]
        )
        # Where each group's total sits in the stacked sums below.
        org_rows = slot_of_org  # org code → slot
        ssg = codes["sector_staff_group"]
        ssg_rows = np.zeros(self.counts["sector_staff_group"], dtype=np.int64)
        ssg_rows[ssg] = codes["sector"] * staff + codes["staff_group"]
        base = 0
        picks: list[I64] = []
        for dimension, rows, size in (
            ("org", org_rows, orgs),
            ("staff_group", np.arange(staff), staff),
            ("sector", np.arange(sectors), sectors),
            ("place", np.arange(places), places),
            ("sector_staff_group", ssg_rows, sectors * staff),
            ("total", np.arange(1), 1),
        ):
            picks.append(base + rows)
            base += size
            del dimension
        self.pick = np.concatenate(picks)

    def _init_reduce(self, codes: dict[str, I64]) -> None:
        org = codes["org"]
        place_from_org = all(
            np.all(codes["place"][org == o] == codes["place"][org == o][0])
            for o in range(self.counts["org"])
        )
        bases = ["org", "sector_staff_group"] + ([] if place_from_org else ["place"])
        self._reduce: list[tuple[I64 | None, I64]] = []
        position: dict[str, int] = {}
        offset = 0
        for dimension in bases:
            dimension_codes = codes[dimension]
            order = np.argsort(dimension_codes, kind="stable")
            starts = np.flatnonzero(np.r_[True, np.diff(dimension_codes[order]) != 0])
            identity = bool(np.array_equal(order, np.arange(len(org))))
            self._reduce.append((None if identity else order, starts))
            position[dimension] = offset
            offset += self.counts[dimension]
        sources: list[int] = []
        starts_list: list[int] = []
        for dimension in self.ROLLUP_DIMENSIONS:
            dimension_codes = codes[dimension]
            source = (
                dimension
                if dimension in bases
                else ("sector_staff_group" if dimension in ("staff_group", "sector") else "org")
            )
            for group in range(self.counts[dimension]):
                starts_list.append(len(sources))
                members = np.unique(codes[source][dimension_codes == group])
                sources.extend((position[source] + members).tolist())
        self.derive_from = np.array(sources, dtype=np.int64)
        self.derive_starts = np.array(starts_list, dtype=np.int64)

    def sums(self, values: NDArray[np.floating]) -> NDArray[np.floating]:
        """``values[cells, runs]`` → ``[groups, runs]``: each group's total, run by run."""
        if self.grid:
            return self._grid_sums(values)
        parts = []
        for order, starts in self._reduce:
            rows = values if order is None else values[order]
            parts.append(np.add.reduceat(rows, starts, axis=0))
        base = np.concatenate(parts, axis=0)
        result: NDArray[np.floating] = np.add.reduceat(
            base[self.derive_from], self.derive_starts, axis=0
        )
        return result

    def _grid_sums(self, values: NDArray[np.floating]) -> NDArray[np.floating]:
        orgs, staff = self.grid_shape
        runs = values.shape[1]
        # One zeroed grid per thread and shape, reused: only the cells' rows are ever written.
        key = (orgs * staff, runs, values.dtype.str)
        buffers: dict[tuple[int, int, str], NDArray[Any]] = self._local.__dict__.setdefault(
            "grids", {}
        )
        if key not in buffers:
            buffers[key] = np.zeros((orgs * staff, runs), dtype=values.dtype)
        grid = buffers[key]
        grid[self.grid_rows] = values
        cube = grid.reshape(orgs, staff, runs)
        org_sums = cube.sum(axis=1)
        bounds = self.sector_bounds
        sector_staff = np.stack(
            [cube[bounds[k] : bounds[k + 1]].sum(axis=0) for k in range(len(bounds) - 1)]
        )  # [sectors, staff, runs]
        staff_sums = sector_staff.sum(axis=0)
        sector_sums = sector_staff.sum(axis=1)
        place_sums = np.add.reduceat(org_sums[self.place_order], self.place_starts, axis=0)
        total = sector_sums.sum(axis=0, keepdims=True)
        stacked = np.concatenate(
            [
                org_sums,
                staff_sums,
                sector_sums,
                place_sums,
                sector_staff.reshape(-1, runs),
                total,
            ]
        )
        result: NDArray[np.floating] = stacked[self.pick]
        return result

    def find(self, dimension: str, key: tuple[str, ...]) -> int:
        start = self.offsets[dimension]
        for i in range(start, self.size):
            group = self.groups[i]
            if group.dimension != dimension:
                break
            if group.key == key:
                return i
        raise KeyError((dimension, key))


def _integer_percentiles(x: NDArray[np.floating], q: Sequence[float]) -> F64 | None:
    """Percentiles over the runs (axis 1) of whole-number rows by counting, in blocks of rows
    that keep the temporary arrays small; ``None`` if the values spread too widely."""
    rows, runs = x.shape
    low = x.min(axis=1)
    span = (x.max(axis=1) - low).astype(np.int64) + 1
    if int(span.max(initial=0)) > 4 * runs + 100_000:
        return None
    result = np.empty((len(q), rows))
    step = max(1, (1 << 20) // max(runs, 1))
    for first in range(0, rows, step):
        block = slice(first, min(first + step, rows))
        block_span = span[block]
        offset = np.zeros(block_span.size, dtype=np.int64)
        np.cumsum(block_span[:-1], out=offset[1:])
        index = (x[block] - low[block, None]).astype(np.int64)
        index += offset[:, None]
        cumulative = np.cumsum(np.bincount(index.ravel(), minlength=int(block_span.sum())))
        base = np.arange(block_span.size, dtype=np.int64) * runs
        for i, quantile in enumerate(q):
            h = (runs - 1) * quantile / 100
            j0 = int(np.floor(h))
            j1 = min(j0 + 1, runs - 1)
            v0 = low[block] + (np.searchsorted(cumulative, base + j0, side="right") - offset)
            v1 = low[block] + (np.searchsorted(cumulative, base + j1, side="right") - offset)
            result[i, block] = v0 + (h - j0) * (v1 - v0)
    return result


def summarise(x: NDArray[np.floating], *, whole: bool) -> F64:
    """``x[k, runs]`` → ``[STATS, k]``: the mean and the ``QUANTILES`` over runs. ``whole``:
    every value is a whole number (headcounts), which allows percentiles by counting."""
    result = np.empty((len(STATS), x.shape[0]))
    result[0] = x.mean(axis=1, dtype=np.float64)
    if x.shape[1] == 1:
        result[1:] = x[:, 0]
        return result
    found = _integer_percentiles(x, QUANTILES) if whole else None
    if found is None:
        found = np.percentile(x, QUANTILES, axis=1)
    result[1:] = found
    return result
