"""Seasons: the calendar months in which staff leave and join more or less often.

A ``[[seasonality]]`` item gives, for the cells ``where`` chooses, twelve factors (January to
December) for the monthly leaver probability (``leavers``) and for the fixed joiners a month
(``joiners``). Month ``m`` of the projection falls in calendar month
``Scenario.calendar_month_of(m)``; its leaver probability is the cell's monthly probability
times that month's factor, and its joiners the cell's joiners a month times the factor. The
factors must average 1 (within ``MEAN_TOLERANCE``), so a year's mean monthly probability, and a
year's joiners, are those of the annual figures: seasons move leavers and joiners between the
months of a year, not the year's total. A later item replaces an earlier one for the cells both
choose. With no item (files written before seasons existed) every factor is 1 and the numbers
are those the file always gave, bit for bit.

:func:`factors` derives the twelve factors from monthly counts (see its shrinkage rule).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from .scenario import Cell, Where

if TYPE_CHECKING:
    from .recruitment import Checks, Reader
    from .scenario import Scenario

F64 = NDArray[np.float64]
KEYS = ("name", "where", "leavers", "joiners", "months", "source")
MEAN_TOLERANCE = 0.02  # the twelve factors' mean must lie within 1 ± this
MAX_MONTHLY = 0.999  # a season cannot make the monthly leaver probability reach 1
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SHRINK = 20.0  # pseudo-counts at factor 1 per calendar month (see factors)


@dataclass(frozen=True)
class Seasonality:
    """Twelve factors, January first, for the leavers and/or the joiners of the chosen cells;
    ``months`` names the months of figures they come from."""

    where: Where = field(default_factory=Where)
    leavers: tuple[float, ...] = ()
    joiners: tuple[float, ...] = ()
    months: str = ""
    name: str = ""
    source: str = ""

    def label(self) -> str:
        return self.name or f"seasons: {self.where.describe()}"


def check(
    checks: Checks, items: Sequence[Seasonality], cells: Sequence[Cell], ids: set[str]
) -> None:
    for i, item in enumerate(items):
        path: tuple[str | int, ...] = ("seasonality", i)
        checks.where((*path, "where"), item.where, cells, ids)
        if not item.leavers and not item.joiners:
            checks.add(path, "give leavers or joiners: twelve factors, January to December")
        for key in ("leavers", "joiners"):
            values = getattr(item, key)
            if not values:
                continue
            if len(values) != 12:
                checks.add(
                    (*path, key),
                    f"must list 12 factors, January to December, not {len(values)}",
                )
                continue
            bad = [j for j, v in enumerate(values) if not _finite(v) or v < 0]
            for j in bad:
                checks.add((*path, key, j), f"must be a number of at least 0, not {values[j]}")
            mean = sum(values) / 12
            if not bad and abs(mean - 1) > MEAN_TOLERANCE:
                checks.add(
                    (*path, key),
                    f"the factors average {mean:.3f}; they must average 1 (within"
                    f" {MEAN_TOLERANCE:g}) so that a year's total stays the annual figure's",
                )


def _finite(value: float) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def read(reader: Reader, list_of: Any) -> Seasonality:
    """One ``[[seasonality]]`` table (``list_of(key)`` reads a list of numbers)."""
    item = Seasonality(
        where=reader.where("where"),
        leavers=list_of("leavers"),
        joiners=list_of("joiners"),
        months=reader.text("months"),
        name=reader.text("name"),
        source=reader.text("source"),
    )
    reader.done()
    return item


def items(item: Seasonality) -> list[tuple[str, Any]]:
    keys: list[tuple[str, Any]] = []
    if item.name:
        keys.append(("name", item.name))
    where = {n: list(v) for n in Where.FIELDS if (v := getattr(item.where, n))}
    if where:
        keys.append(("where", where))
    for key in ("leavers", "joiners"):
        if getattr(item, key):
            keys.append((key, list(getattr(item, key))))
    for key in ("months", "source"):
        if getattr(item, key):
            keys.append((key, getattr(item, key)))
    return keys


def apply(
    scenario: Scenario,
    chooser: Any,
    columns: NDArray[np.int64],
    p_leave: F64,
    joiners: F64,
) -> None:
    """Multiply ``p_leave`` and ``joiners`` ``[months, layout columns]`` in place by each
    month's factor for the scenario's cells (nothing happens without ``[[seasonality]]``)."""
    if not scenario.seasonality:
        return
    size = p_leave.shape[1]
    leave = np.ones((12, size))
    join = np.ones((12, size))
    for item in scenario.seasonality:
        chosen = columns[chooser.select(item.where)]
        if item.leavers:
            leave[:, chosen] = np.array(item.leavers)[:, None]
        if item.joiners:
            join[:, chosen] = np.array(item.joiners)[:, None]
    calendar = [scenario.calendar_month_of(t) - 1 for t in range(p_leave.shape[0])]
    np.minimum(p_leave * leave[calendar], MAX_MONTHLY, out=p_leave)
    joiners *= join[calendar]


def factors(
    counts: Sequence[tuple[int, float, float]], shrink: float = SHRINK
) -> tuple[float, ...] | None:
    """Twelve factors (January first) from ``(calendar month, count, exposure)`` figures, one
    per imported month (leavers and the month's mean headcount, say), or ``None`` unless all
    twelve calendar months appear.

    Each calendar month's factor is ``(count + shrink) / (expected + shrink)`` where
    ``expected`` is the count the month's exposure would give at the rate of all the months
    together: ``shrink`` pseudo-counts at factor 1 pull months with few events toward 1 (with
    20, a month of 20 leavers where 10 were expected gets 1.33 rather than 2). The twelve are
    then scaled to average exactly 1."""
    count = np.zeros(12)
    exposure = np.zeros(12)
    for month, events, exposed in counts:
        count[month - 1] += events
        exposure[month - 1] += exposed
    if np.any(exposure <= 0) or exposure.sum() <= 0:
        return None
    rate = count.sum() / exposure.sum()
    raw = (count + shrink) / (rate * exposure + shrink)
    return tuple(round(float(v), 4) for v in raw / raw.mean())


def assumption_rows(scenario: Scenario) -> list[tuple[str, str, str, str, str]]:
    """Rows for the assumptions table: each item's factors with the months behind them."""
    rows = []
    for item in scenario.seasonality:
        for key, what in (("leavers", "leaver probability"), ("joiners", "joiners a month")):
            values = getattr(item, key)
            if values:
                shown = ", ".join(f"{name} {v:g}" for name, v in zip(MONTHS, values, strict=True))
                months = f" (from {item.months})" if item.months else ""
                rows.append(
                    (
                        item.label(),
                        f"{what} by calendar month{months}",
                        shown,
                        f"x the {what} of the annual figure, averaging 1",
                        item.source,
                    )
                )
    return rows
