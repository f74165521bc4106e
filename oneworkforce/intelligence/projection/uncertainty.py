"""Doubt about the assumptions: intervals sampled once per run.

An ``[[uncertainty]]`` item says that an assumption lies between ``low`` and ``high`` with
``probability`` (0.9: a 90 % interval), the way the New Hospital Programme demand model states
its parameters. Each stochastic run draws one value per item from the normal distribution whose
central ``probability`` interval is ``[low, high]`` (cut at the item's valid range) and keeps it
for the whole projection, so the bands show doubt about the assumptions as well as chance.
Expected values (``runs = 0``) use the point values, i.e. the middle of each interval.

Parameters (``low``/``high`` are multipliers of the scenario's value where marked x):

- ``leaver_rate`` (x): the annual leaver rates of the cells ``where`` chooses;
- ``joiners`` (x): their fixed joiners a month;
- ``fill_rate``: the share of open posts filled a month (recruitment toward vacancies);
- ``source_limit`` (x): the monthly limit of the recruitment source named ``source_name``;
- ``demand_growth``: extra annual growth of the demand of the cells ``where`` chooses, on top of
  what ``[demand]``, its drivers and the interventions say (0.01: 1 % a year faster; -0.5 to 1).
  Each run's demand path is its own, so the gap's band and the demand figures vary by run
  (see ``demand_runs``).

An interval of zero width (``low == high``) is the point model with that value, exactly.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from .scenario import Cell, Where

if TYPE_CHECKING:
    from .recruitment import Checks, Reader, Recruitment

F64 = NDArray[np.float64]
PARAMETERS = {
    "leaver_rate": "leaver rate (x the scenario's)",
    "joiners": "joiners a month (x the scenario's)",
    "fill_rate": "share of open posts filled a month",
    "source_limit": "recruitment source's limit (x the scenario's)",
    "demand_growth": "extra demand growth a year",
}
MULTIPLIERS = ("leaver_rate", "joiners", "source_limit")
CHOOSING = ("leaver_rate", "joiners", "demand_growth")  # the parameters that take ``where``
GROWTH = (-0.5, 1.0)  # the range of a demand growth
KEYS = ("name", "parameter", "low", "high", "probability", "where", "source_name", "source")


@dataclass(frozen=True)
class Interval:
    """``parameter`` lies between ``low`` and ``high`` with ``probability``."""

    parameter: str
    low: float
    high: float
    probability: float = 0.9
    where: Where = field(default_factory=Where)
    source_name: str = ""
    name: str = ""
    source: str = ""

    @property
    def point(self) -> float:
        return (self.low + self.high) / 2

    @property
    def width(self) -> float:
        return self.high - self.low

    @property
    def spread(self) -> float:
        """The standard deviation of the normal whose central ``probability`` is the interval."""
        z = statistics.NormalDist().inv_cdf((1 + self.probability) / 2)
        return self.width / (2 * z)

    def label(self) -> str:
        subject = self.name or PARAMETERS.get(self.parameter, self.parameter)
        if self.parameter == "source_limit":
            return f"{subject}: {self.source_name}"
        if self.parameter in CHOOSING and not self.name:
            return f"{subject}: {self.where.describe()}"
        return subject

    def bounds(self) -> tuple[float, float]:
        """The valid range a draw is cut to."""
        if self.parameter == "fill_rate":
            return 1e-6, 1.0
        if self.parameter == "demand_growth":
            return GROWTH
        return 0.0, math.inf


def check(
    checks: Checks,
    intervals: Sequence[Interval],
    cells: Sequence[Cell],
    ids: set[str],
    recruitment: Recruitment | None,
) -> None:
    names = {s.name for s in recruitment.named_sources} if recruitment is not None else set()
    for i, item in enumerate(intervals):
        path: tuple[str | int, ...] = ("uncertainty", i)
        if item.parameter not in PARAMETERS:
            checks.add(
                (*path, "parameter"),
                f"must be one of {', '.join(PARAMETERS)}, not {item.parameter!r}",
            )
            continue
        finite = all(_finite(v) for v in (item.low, item.high))
        if not finite:
            checks.add(path, f"low and high must be numbers, not {item.low} and {item.high}")
        elif item.low > item.high:
            checks.add((*path, "low"), f"is above high ({item.low:g} > {item.high:g}): swap them")
        elif item.parameter == "demand_growth" and not GROWTH[0] <= item.low <= item.high <= 1:
            checks.add(
                path, "a demand growth's low and high must be from -0.5 to 1 (0.01 for 1 % a year)"
            )
        elif item.low < 0 and item.parameter != "demand_growth":
            checks.add((*path, "low"), f"must be at least 0, not {item.low:g}")
        elif item.parameter == "fill_rate" and not 0 < item.low <= item.high <= 1:
            checks.add(path, "a fill rate's low and high must be above 0 and at most 1")
        if not _finite(item.probability) or not 0 < item.probability < 1:
            checks.add(
                (*path, "probability"),
                f"must be between 0 and 1, not {item.probability} (0.9 for a 90 % interval)",
            )
        if item.parameter in CHOOSING:
            checks.where((*path, "where"), item.where, cells, ids)
        if item.parameter in ("fill_rate", "source_limit") and (
            recruitment is None or not recruitment.answers_vacancies
        ):
            checks.add(
                (*path, "parameter"),
                f'{item.parameter} needs [recruitment] with mode = "vacancies"',
            )
        if item.parameter == "source_limit" and names and item.source_name not in names:
            checks.add(
                (*path, "source_name"),
                f"no recruitment source is named {item.source_name!r}"
                f" (the sources: {', '.join(sorted(names))})",
            )
        elif item.parameter == "source_limit" and recruitment is not None:
            unlimited = [s.name for s in recruitment.named_sources if s.per_month is None]
            if item.source_name in unlimited:
                checks.add(
                    (*path, "source_name"),
                    f"the source {item.source_name!r} has no limit to vary (give it per_month)",
                )


def _finite(value: float) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def read(reader: Reader, make: Any) -> Interval:
    item = Interval(
        parameter=reader.text("parameter", required=True),
        low=reader.number("low", required=True),
        high=reader.number("high", required=True),
        probability=reader.number("probability", default=0.9),
        where=reader.where("where"),
        source_name=reader.text("source_name"),
        name=reader.text("name"),
        source=reader.text("source"),
    )
    reader.done()
    del make
    return item


def items(item: Interval) -> list[tuple[str, Any]]:
    keys: list[tuple[str, Any]] = []
    if item.name:
        keys.append(("name", item.name))
    keys += [
        ("parameter", item.parameter),
        ("low", item.low),
        ("high", item.high),
        ("probability", item.probability),
    ]
    where = {n: list(v) for n in Where.FIELDS if (v := getattr(item.where, n))}
    if where:
        keys.append(("where", where))
    if item.source_name:
        keys.append(("source_name", item.source_name))
    if item.source:
        keys.append(("source", item.source))
    return keys


# --- on the layout ---------------------------------------------------------------------------


@dataclass
class Sampled:
    """The intervals of positive width on a layout: per item its kind, the layout columns (or
    the recruitment source) it applies to, and how to draw it."""

    kinds: list[str]
    masks: F64  # [items, cells]: 1 where the item applies
    sources: list[int]  # source index for source_limit items (-1 otherwise)
    middles: F64
    spreads: F64
    lows: F64  # valid range
    highs: F64

    @property
    def size(self) -> int:
        return len(self.kinds)

    def draw(self, z: F64) -> F64:
        """Values ``[items, runs]`` from standard normal scores ``z[items, runs]``."""
        values: F64 = np.clip(
            self.middles[:, None] + self.spreads[:, None] * z,
            self.lows[:, None],
            self.highs[:, None],
        )
        return values

    def per_run(self, values: F64, kind: str, columns: NDArray[np.int64]) -> F64 | None:
        """The product of the multipliers of ``kind`` for ``columns`` ``[cells, runs]``, or
        ``None`` if no item of that kind applies."""
        rows = [k for k, found in enumerate(self.kinds) if found == kind]
        if not rows:
            return None
        result = np.ones((columns.size, values.shape[1]))
        for k in rows:
            mask = self.masks[k, columns][:, None]
            result *= np.where(mask > 0, values[k][None, :], 1.0)
        return result


def sampled_plan(
    intervals: Sequence[Interval],
    columns: NDArray[np.int64],
    size: int,
    chooser: Any,
    source_names: list[str],
) -> Sampled | None:
    wide = [item for item in intervals if item.width > 0]
    if not wide:
        return None
    masks = np.zeros((len(wide), size))
    sources = []
    for k, item in enumerate(wide):
        if item.parameter in CHOOSING:
            masks[k, columns[chooser.select(item.where)]] = 1.0
        sources.append(
            source_names.index(item.source_name) if item.parameter == "source_limit" else -1
        )
    bounds = [item.bounds() for item in wide]
    return Sampled(
        [item.parameter for item in wide],
        masks,
        sources,
        np.array([item.point for item in wide]),
        np.array([item.spread for item in wide]),
        np.array([b[0] for b in bounds]),
        np.array([b[1] for b in bounds]),
    )


def point_values(intervals: Sequence[Interval], parameter: str) -> list[Interval]:
    """The items of ``parameter`` (every width): their point values apply to expected values
    and, for zero width, to every run."""
    return [item for item in intervals if item.parameter == parameter]
