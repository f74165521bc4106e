"""Recruitment that answers vacancies, from named sources with limits.

Each month, after its leavers, retirements, transfers and new-role moves, a cell has an open
gap ``G = max(target - stock, 0)`` where ``target`` is its demand at the end of the month in
heads (demand FTE / FTE per head). It recruits ``fill_rate x G`` people (expected values; a
Poisson draw with that mean in stochastic runs, never more than ``target x (1 + overshoot)``
less the stock). The recruits are then taken from the named sources in the order given: each
source offers to the cells it chooses at most ``per_month`` people a month in all (shared in
proportion to what each cell still wants; in stochastic runs whole people, the source's limit
rounded down each month), and
what no source can supply stays a vacancy. With no sources listed, one unlimited "Wider labour
market" source supplies every cell. Training finishers join on top (they are planned
arrivals), so the vacancy gap the limits leave is what a training intake can close.

``mode = "fixed"`` keeps the older rule: each cell's ``joiners_per_month`` join whatever the
vacancies. A scenario without a ``[recruitment]`` table (files written before it existed) keeps
that rule too, so old files give the numbers they always gave.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Protocol

import numpy as np
from numpy.typing import NDArray

from .scenario import Cell, Where

F64 = NDArray[np.float64]
MODES = ("vacancies", "fixed")
WIDER_MARKET = "Wider labour market"


@dataclass(frozen=True)
class RecruitmentSource:
    """Where recruits come from (international recruitment, returners, the wider labour market
    ...): the cells it supplies and the most people it supplies to them a month in all
    (``None``: no limit)."""

    name: str
    where: Where = field(default_factory=Where)
    per_month: float | None = None
    source: str = ""


@dataclass(frozen=True)
class Recruitment:
    """How cells recruit: ``mode`` "vacancies" (toward demand, at ``fill_rate`` of the open
    gap a month, up to ``overshoot`` above demand, from ``sources``) or "fixed" (each cell's
    ``joiners_per_month``)."""

    mode: str = "vacancies"
    fill_rate: float = 0.2
    overshoot: float = 0.0
    sources: tuple[RecruitmentSource, ...] = ()
    source: str = ""

    KEYS: ClassVar[tuple[str, ...]] = ("mode", "fill_rate", "overshoot", "sources", "source")

    @property
    def answers_vacancies(self) -> bool:
        return self.mode == "vacancies"

    @property
    def named_sources(self) -> tuple[RecruitmentSource, ...]:
        """The sources, or the one unlimited wider labour market if none is named."""
        return self.sources or (RecruitmentSource(WIDER_MARKET),)


class Checks(Protocol):
    """What the recruitment checks need from ``scenario._Checks``."""

    def add(self, path: tuple[str | int, ...], message: str) -> None: ...
    def text(self, path: tuple[str | int, ...], value: str, *, required: bool = True) -> None: ...
    def non_negative(self, path: tuple[str | int, ...], value: float) -> None: ...
    def fraction(self, path: tuple[str | int, ...], value: float) -> None: ...
    def where(
        self, path: tuple[str | int, ...], where: Where, cells: Sequence[Cell], ids: set[str]
    ) -> list[int]: ...


def check(checks: Checks, recruitment: Recruitment, cells: Sequence[Cell], ids: set[str]) -> None:
    path: tuple[str | int, ...] = ("recruitment",)
    if recruitment.mode not in MODES:
        checks.add((*path, "mode"), f"must be one of {', '.join(MODES)}, not {recruitment.mode!r}")
    fill = recruitment.fill_rate
    if not _finite(fill) or not 0 < fill <= 1:
        checks.add(
            (*path, "fill_rate"),
            f"must be above 0 and at most 1 (0.2 fills a fifth of open posts a month), not {fill}",
        )
    overshoot = recruitment.overshoot
    if not _finite(overshoot) or not 0 <= overshoot <= 1:
        checks.add(
            (*path, "overshoot"),
            f"must be from 0 to 1 (0.02 for 2 % above demand), not {overshoot}",
        )
    names: set[str] = set()
    for i, item in enumerate(recruitment.sources):
        source_path = (*path, "sources", i)
        checks.text((*source_path, "name"), item.name)
        if item.name in names:
            checks.add((*source_path, "name"), f"repeats the name {item.name!r}")
        names.add(item.name)
        checks.where((*source_path, "where"), item.where, cells, ids)
        if item.per_month is not None:
            checks.non_negative((*source_path, "per_month"), item.per_month)


def _finite(value: float) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


class Reader(Protocol):
    """What reading needs from ``toml_io._Reader``."""

    path: tuple[str | int, ...]
    problems: list[tuple[tuple[str | int, ...], str]]

    def text(self, key: str, *, required: bool = False, default: str = "") -> str: ...
    def number(self, key: str, *, required: bool = False, default: float = 0.0) -> float: ...
    def optional_number(self, key: str) -> float | None: ...
    def tables(self, key: str) -> list[tuple[int, dict[str, Any]]]: ...
    def where(self, key: str, *, required: bool = False) -> Where: ...
    def done(self) -> None: ...


def read(reader: Reader, make: Any) -> Recruitment:
    """The ``[recruitment]`` table (``make(data, path)`` gives a reader for a sub-table)."""
    defaults = Recruitment()
    sources = []
    for i, data in reader.tables("sources"):
        source_reader = make(data, (*reader.path, "sources", i))
        sources.append(
            RecruitmentSource(
                name=source_reader.text("name", required=True),
                where=source_reader.where("where"),
                per_month=source_reader.optional_number("per_month"),
                source=source_reader.text("source"),
            )
        )
        source_reader.done()
    recruitment = Recruitment(
        mode=reader.text("mode", default=defaults.mode),
        fill_rate=reader.number("fill_rate", default=defaults.fill_rate),
        overshoot=reader.number("overshoot", default=defaults.overshoot),
        sources=tuple(sources),
        source=reader.text("source"),
    )
    reader.done()
    return recruitment


def items(recruitment: Recruitment) -> tuple[list[tuple[str, Any]], list[list[tuple[str, Any]]]]:
    """The table's keys and each source's keys, for writing TOML."""
    head: list[tuple[str, Any]] = [
        ("mode", recruitment.mode),
        ("fill_rate", recruitment.fill_rate),
        ("overshoot", recruitment.overshoot),
    ]
    if recruitment.source:
        head.append(("source", recruitment.source))
    sources = []
    for item in recruitment.sources:
        keys: list[tuple[str, Any]] = [("name", item.name)]
        where = {name: list(v) for name in Where.FIELDS if (v := getattr(item.where, name))}
        if where:
            keys.append(("where", where))
        if item.per_month is not None:
            keys.append(("per_month", item.per_month))
        if item.source:
            keys.append(("source", item.source))
        sources.append(keys)
    return head, sources


def steady_open_share(fill: float, exit_probability: float, monthly_growth: float) -> float:
    """The share of demand a cell leaves open once it has settled, recruiting ``fill`` of its
    open posts a month with no limit binding: the ``g`` with
    ``g (1 + growth) = (1 - fill) (1 + growth - (1 - g)(1 - exit))``. Vacancies persist because
    filling a post takes time (a fifth a month: five months on average) while staff leave."""
    growth, exit_ = monthly_growth, exit_probability
    return (1 - fill) * (growth + exit_) / ((1 + growth) - (1 - fill) * (1 - exit_))


# --- the monthly rule, for expected values and for runs ------------------------------------


@dataclass
class RecruitPlan:
    """Recruitment on a layout: ``target[month, cells]`` heads (demand at the start of each
    month), ``masks[sources, cells]`` which cells each source supplies, ``limits[sources]``
    people a month (``inf``: no limit)."""

    fill: float
    overshoot: float
    target: F64
    masks: F64
    limits: F64
    names: list[str]

    def on(self, columns: NDArray[np.int64]) -> RecruitPlan:
        """The same plan for some of the layout's columns."""
        return RecruitPlan(
            self.fill,
            self.overshoot,
            self.target[:, columns],
            self.masks[:, columns],
            self.limits,
            self.names,
        )

    @cached_property
    def rows(self) -> list[slice | NDArray[np.int64]]:
        """Per source, the cells it supplies (a slice when it supplies every cell)."""
        found: list[slice | NDArray[np.int64]] = []
        for mask in self.masks:
            rows = np.flatnonzero(mask)
            found.append(slice(None) if rows.size == mask.size else rows)
        return found

    def recruit(
        self,
        base: Any,
        month: int,
        draw: Any,
        whole: bool,
        fill: Any = None,
        limits: Any = None,
        target: Any = None,
    ) -> tuple[Any, Any]:
        """Recruits for stocks ``base[cells, runs]`` (after the month's other flows) and the
        number from each source ``[sources, runs]``. ``draw(mean)`` gives what the cells want
        (the mean itself for expected values; Poisson draws for runs). ``fill[runs]`` and
        ``limits[sources, runs]``: each run's own values, if drawn for it. ``target``: the
        heads each cell recruits toward at the end of the month, ``[cells, 1]`` or per run
        ``[cells, runs]`` (demand drawn for each run); the plan's targets if ``None``."""
        if target is None:
            target = self.target[month + 1][:, None]
        target = np.asarray(target, dtype=base.dtype)
        gap = target - base
        np.maximum(gap, 0, out=gap)
        gap *= np.asarray(self.fill if fill is None else fill[None, :], dtype=base.dtype)
        want = draw(gap)
        if whole:
            room = target * base.dtype.type(1 + self.overshoot) - base
            np.maximum(room, 0, out=room)
            np.floor(room, out=room)
            want = np.minimum(want, room)
        left = np.array(want, dtype=base.dtype)
        taken = np.zeros_like(left)
        by_source = np.zeros((len(self.names), left.shape[1]), dtype=np.float64)
        for s, (point, rows) in enumerate(zip(self.limits, self.rows, strict=True)):
            if not isinstance(rows, slice) and not rows.size:
                continue
            offered = left[rows]
            total = offered.sum(axis=0, dtype=np.float64)
            limit = point if limits is None else limits[s]
            if whole:
                limit = whole_allowance(limit, month)
            over = total > limit
            if over.any():
                shared = offered * np.where(over, limit / np.where(over, total, 1.0), 1.0)
                if whole:
                    # Whole people: round the running total down, so the cells' shares add up
                    # to the source's limit rounded down and none gets more than it wants.
                    running = np.floor(np.cumsum(shared, axis=0) + 1e-9)
                    shared = np.diff(running, axis=0, prepend=0.0)
                offered = shared.astype(left.dtype)
                total = offered.sum(axis=0, dtype=np.float64)
            taken[rows] += offered
            by_source[s] = total
            left[rows] -= offered  # last: ``offered`` may be a view of ``left``
        return taken, by_source


def whole_allowance(limit: Any, month: int) -> Any:
    """The whole people a source with a limit of ``limit`` a month may supply in ``month`` of a
    run: ``floor((month + 1) limit) - floor(month limit)``. A whole limit is itself every month;
    a fractional one carries its fraction forward (0.5 a month is one person every other month),
    so a run's recruits from the source never exceed the limit times the months so far and
    average the limit when it binds. (Rounding each month down instead would let a source of
    less than one person a month supply nobody, ever.)"""
    limit = np.asarray(limit, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        whole = np.floor((month + 1) * limit + 1e-9) - np.floor(month * limit + 1e-9)
    return np.where(np.isfinite(limit), whole, limit)


def recruit_plan(
    recruitment: Recruitment | None,
    cells: Sequence[Cell],
    columns: NDArray[np.int64],
    size: int,
    demand: F64,
    fte_ratio: F64,
    chooser: Any,
) -> RecruitPlan | None:
    """The plan for a scenario's recruitment on a layout of ``size`` columns (``None`` for
    fixed joiners)."""
    if recruitment is None or not recruitment.answers_vacancies:
        return None
    named = recruitment.named_sources
    masks = np.zeros((len(named), size))
    for s, item in enumerate(named):
        masks[s, columns[chooser.select(item.where)]] = 1.0
    limits = np.array([np.inf if s.per_month is None else s.per_month for s in named])
    with np.errstate(divide="ignore", invalid="ignore"):
        target = np.where(fte_ratio > 0, demand / fte_ratio, 0.0)
    return RecruitPlan(
        recruitment.fill_rate,
        recruitment.overshoot,
        target,
        masks,
        limits,
        [s.name for s in named],
    )
