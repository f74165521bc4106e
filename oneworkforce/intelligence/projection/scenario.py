"""A projection scenario as plain, frozen dataclasses, and the rules a valid one obeys.

Rates are *annual* fractions, the way planners quote them (``leaver_rate = 0.112`` for 11.2 %);
the engine converts them to monthly probabilities (see :func:`monthly_probability`). Every value
may carry a ``source`` string (file name and date) that the assumptions table reports.

:func:`validate` returns ``(path, message)`` pairs whose path names the key the way the TOML file
spells it (``("cells", 3, "leaver_rate")`` is ``cells[3].leaver_rate``), so the same checks serve
scenarios loaded from a file and scenarios built in Python.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:  # these build on this module's Where and Cell
    from .crosswalk import JobRoleMapping
    from .recruitment import Recruitment
    from .seasonality import Seasonality
    from .uncertainty import Interval

Path = tuple[str | int, ...]
Problem = tuple[Path, str]

MAX_HORIZON_MONTHS = 1200
MAX_RUNS = 1_000_000
MAX_HEADCOUNT = 10_000_000  # float32 holds whole numbers exactly up to 2**24
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def monthly_probability(annual: float) -> float:
    """The monthly probability ``m`` with ``1 - (1 - m) ** 12 == annual``: someone exposed for a
    year at ``m`` a month leaves within the year with probability ``annual``."""
    return float(1.0 - (1.0 - annual) ** (1.0 / 12.0))


def annual_rate(monthly: float) -> float:
    """Inverse of :func:`monthly_probability`."""
    return float(1.0 - (1.0 - monthly) ** 12)


def format_path(path: Path) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


@dataclass(frozen=True)
class Where:
    """Chooses cells. Each non-empty list must contain the cell's value; empty lists match all."""

    cells: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    staff_groups: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    FIELDS: ClassVar[tuple[str, ...]] = ("cells", "orgs", "staff_groups", "sectors", "places")

    def matches(self, cell: Cell) -> bool:
        return (
            (not self.cells or cell.id in self.cells)
            and (not self.orgs or cell.org in self.orgs)
            and (
                not self.staff_groups
                or cell.staff_group in self.staff_groups
                or bool(cell.counts_as and cell.counts_as in self.staff_groups)
            )
            and (not self.sectors or cell.sector in self.sectors)
            and (not self.places or cell.place in self.places)
        )

    def select(self, cells: Sequence[Cell]) -> list[int]:
        return [i for i, cell in enumerate(cells) if self.matches(cell)]

    def describe(self) -> str:
        parts = [
            f"{name.replace('_', ' ')} {', '.join(values)}"
            for name in self.FIELDS
            if (values := getattr(self, name))
        ]
        return "; ".join(parts) if parts else "all cells"


@dataclass(frozen=True)
class Cell:
    """One organisation x staff group: the stock and its flows.

    FTE is headcount x FTE per head; give ``fte`` (the figure at the start, from which the ratio
    is taken) or ``fte_per_head`` (default 1.0). Demand starts at ``establishment_fte`` (default:
    the starting FTE, i.e. no gap at the start).
    """

    id: str
    org: str
    staff_group: str
    headcount: float
    leaver_rate: float = 0.0
    joiners_per_month: float = 0.0
    retirement_rate: float = 0.0
    fte: float | None = None
    fte_per_head: float | None = None
    establishment_fte: float | None = None
    org_name: str = ""
    sector: str = ""
    place: str = ""
    source: str = ""
    counts_as: str = ""  # the staff group the scenario's crosswalk counts its job role as

    @property
    def fte_ratio(self) -> float:
        if self.fte is not None and self.headcount > 0:
            return self.fte / self.headcount
        return 1.0 if self.fte_per_head is None else self.fte_per_head

    @property
    def start_fte(self) -> float:
        return self.headcount * self.fte_ratio

    @property
    def demand_fte(self) -> float:
        return self.start_fte if self.establishment_fte is None else self.establishment_fte

    @property
    def label(self) -> str:
        return f"{self.org_name or self.org}: {self.staff_group}"


class CellIndex:
    """The cells by each field's value, to choose cells for many :class:`Where` quickly (a
    scenario with a transfer per cell would otherwise compare every cell with every other)."""

    def __init__(self, cells: Sequence[Cell]) -> None:
        self.size = len(cells)
        self.by: dict[str, dict[str, list[int]]] = {name: {} for name in Where.FIELDS}
        for i, cell in enumerate(cells):
            values = (cell.id, cell.org, cell.staff_group, cell.sector, cell.place)
            for name, value in zip(Where.FIELDS, values, strict=True):
                self.by[name].setdefault(value, []).append(i)
            if cell.counts_as and cell.counts_as != cell.staff_group:
                self.by["staff_groups"].setdefault(cell.counts_as, []).append(i)
        self._chosen: dict[Where, list[int]] = {}

    def select(self, where: Where) -> list[int]:
        """The same as ``where.select(cells)``: the positions of the chosen cells, in order."""
        found = self._chosen.get(where)
        if found is None:
            chosen: set[int] | None = None
            for name in Where.FIELDS:
                values = getattr(where, name)
                if values:
                    these = {i for value in values for i in self.by[name].get(value, ())}
                    chosen = these if chosen is None else chosen & these
            found = list(range(self.size)) if chosen is None else sorted(chosen)
            self._chosen[where] = found
        return found


@dataclass(frozen=True)
class Transfer:
    """Staff moving between cells: each cell chosen by ``origin`` (TOML ``from``) sends
    ``annual_rate`` of its staff a year to the cells chosen by ``destination`` (TOML ``to``),
    shared in proportion to the destinations' starting headcount (equally if all are empty)."""

    origin: Where
    destination: Where
    annual_rate: float
    name: str = ""
    source: str = ""


@dataclass(frozen=True)
class LeaverRateChange:
    """(a) Raise or cut the annual leaver rate of the chosen cells by ``percentage_points``
    (``-1.5``: 11.2 % becomes 9.7 %; never below 0) from ``start_month`` to ``end_month``."""

    percentage_points: float
    where: Where = field(default_factory=Where)
    start_month: int = 0
    end_month: int | None = None
    name: str = ""
    source: str = ""
    KIND: ClassVar[str] = "leaver_rate"


@dataclass(frozen=True)
class TrainingIntake:
    """(b) A training or apprenticeship route into ``cell``: ``intake_per_year`` people (a whole
    number) start each year, split across the calendar ``cohort_months``; ``attrition`` of each
    cohort does not finish; the rest join the cell ``duration_months`` after starting.
    Cohorts start from ``start_month`` until (not including) ``end_month``."""

    cell: str
    intake_per_year: int
    duration_months: int
    attrition: float = 0.0
    cohort_months: tuple[int, ...] = (9,)
    start_month: int = 0
    end_month: int | None = None
    name: str = ""
    source: str = ""
    KIND: ClassVar[str] = "training"


@dataclass(frozen=True)
class RoleSource:
    """Where a share of a new role's recruits come from: cells chosen by ``where``, each giving
    in proportion to its starting headcount."""

    where: Where
    share: float


@dataclass(frozen=True)
class NewRole:
    """(c) ``cell`` recruits ``per_month`` people a month (stopping while it holds
    ``target_headcount`` or more, if given), drawing ``share`` of them from each source and the
    rest from outside the modelled workforce. A draw shrinks its source cell."""

    cell: str
    per_month: float
    sources: tuple[RoleSource, ...] = ()
    target_headcount: float | None = None
    start_month: int = 0
    end_month: int | None = None
    name: str = ""
    source: str = ""
    KIND: ClassVar[str] = "new_role"


@dataclass(frozen=True)
class DemandGrowthChange:
    """(d) From ``start_month``, demand for the chosen cells grows at ``annual_growth``
    (replacing what the demand drivers say)."""

    annual_growth: float
    where: Where = field(default_factory=Where)
    start_month: int = 0
    name: str = ""
    source: str = ""
    KIND: ClassVar[str] = "demand_growth"


Intervention = LeaverRateChange | TrainingIntake | NewRole | DemandGrowthChange
INTERVENTION_KINDS: dict[str, type[Intervention]] = {
    cls.KIND: cls for cls in (LeaverRateChange, TrainingIntake, NewRole, DemandGrowthChange)
}


@dataclass(frozen=True)
class AgeBand:
    """A population age band: its projected ``population`` for each of the driver's ``years`` and
    the ``weight`` of the workload it drives (weights are normalised to sum to 1)."""

    band: str
    weight: float
    population: tuple[float, ...]


@dataclass(frozen=True)
class DemandDriver:
    """Demand growth for the chosen cells: a constant ``annual_growth``, or a population index
    from ``age_bands`` projected for calendar ``years`` (interpolated month by month, flat
    outside the years given). A later driver overrides an earlier one for the cells both choose."""

    where: Where = field(default_factory=Where)
    annual_growth: float | None = None
    years: tuple[int, ...] = ()
    age_bands: tuple[AgeBand, ...] = ()
    name: str = ""
    source: str = ""


@dataclass(frozen=True)
class Demand:
    annual_growth: float = 0.0
    drivers: tuple[DemandDriver, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Scenario:
    """A whole projection: the starting cells, their flows and what changes.

    ``start`` is the first month (``"2025-11"``); month ``m`` of the projection is ``m`` months
    later. Supply is reported every ``report_every_months`` and at the horizon."""

    name: str
    start: str
    cells: tuple[Cell, ...]
    horizon_months: int = 120
    report_every_months: int = 12
    seed: int = 1
    runs: int = 1000
    description: str = ""
    transfers: tuple[Transfer, ...] = ()
    demand: Demand = field(default_factory=Demand)
    interventions: tuple[Intervention, ...] = ()
    recruitment: Recruitment | None = None
    uncertainty: tuple[Interval, ...] = ()
    crosswalk: tuple[JobRoleMapping, ...] = ()
    seasonality: tuple[Seasonality, ...] = ()

    def __post_init__(self) -> None:
        # What a cell counts as comes from the crosswalk alone, so it is never stale.
        mapped = {item.job_role: item.staff_group for item in self.crosswalk}
        if mapped or any(c.counts_as for c in self.cells):
            cells = tuple(replace(c, counts_as=mapped.get(c.staff_group, "")) for c in self.cells)
            object.__setattr__(self, "cells", cells)

    def with_interventions(self, *extra: Intervention, name: str | None = None) -> Scenario:
        return replace(
            self, interventions=self.interventions + extra, name=self.name if name is None else name
        )

    @property
    def report_months(self) -> tuple[int, ...]:
        step = max(1, self.report_every_months)
        months = list(range(0, self.horizon_months + 1, step))
        if months[-1] != self.horizon_months:
            months.append(self.horizon_months)
        return tuple(months)

    def date_of(self, month: int) -> str:
        year, first = (int(x) for x in self.start.split("-"))
        total = year * 12 + first - 1 + month
        return f"{total // 12:04d}-{total % 12 + 1:02d}"

    def calendar_month_of(self, month: int) -> int:
        return int(self.date_of(month)[5:])


# --- validation -------------------------------------------------------------------------------


def _is_fraction(value: float, *, below_one: bool = True) -> bool:
    return math.isfinite(value) and value >= 0.0 and (value < 1.0 if below_one else value <= 1.0)


def _finite(value: float) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


class _Checks:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.index: CellIndex | None = None

    def add(self, path: Path, message: str) -> None:
        self.problems.append((path, message))

    def text(self, path: Path, value: str, *, required: bool = True) -> None:
        if required and not value.strip():
            self.add(path, "must not be empty")

    def fraction(self, path: Path, value: float, *, below_one: bool = True) -> None:
        if not _finite(value) or not _is_fraction(value, below_one=below_one):
            limit = "below 1" if below_one else "at most 1"
            self.add(path, f"must be a fraction from 0 to {limit} (0.112 for 11.2 %), not {value}")

    def non_negative(self, path: Path, value: float) -> None:
        if not _finite(value) or value < 0:
            self.add(path, f"must be a number of at least 0, not {value}")

    def month(self, path: Path, value: int, horizon: int) -> None:
        if not 0 <= value <= horizon:
            self.add(path, f"must be a month from 0 to the horizon ({horizon}), not {value}")

    def growth(self, path: Path, value: float) -> None:
        if not _finite(value) or not -0.5 <= value <= 1.0:
            self.add(
                path, f"must be an annual growth rate from -0.5 to 1 (0.02 for 2 %), not {value}"
            )

    def where(self, path: Path, where: Where, cells: Sequence[Cell], ids: set[str]) -> list[int]:
        for i, cell_id in enumerate(where.cells):
            if cell_id not in ids:
                self.add((*path, "cells", i), f"no cell has id {cell_id!r}")
        if self.index is None or self.index.size != len(cells):
            self.index = CellIndex(cells)
        chosen = self.index.select(where)
        if not chosen:
            self.add(path, f"chooses no cell ({where.describe()})")
        return chosen


def validate(scenario: Scenario) -> list[Problem]:
    """Every problem with the scenario, each as ``(path, message)``; empty when it is valid."""
    checks = _Checks()
    horizon = scenario.horizon_months
    checks.text(("scenario", "name"), scenario.name)
    if not _MONTH.match(scenario.start) or not 1 <= int(scenario.start[5:]) <= 12:
        checks.add(("scenario", "start"), f"must be a month like '2025-11', not {scenario.start!r}")
    if not 1 <= horizon <= MAX_HORIZON_MONTHS:
        checks.add(
            ("scenario", "horizon_months"), f"must be from 1 to {MAX_HORIZON_MONTHS}, not {horizon}"
        )
        horizon = max(1, min(horizon, MAX_HORIZON_MONTHS))
    if not 1 <= scenario.report_every_months <= horizon:
        checks.add(
            ("scenario", "report_every_months"),
            f"must be from 1 to the horizon ({horizon}), not {scenario.report_every_months}",
        )
    if not 0 <= scenario.seed < 2**63:
        checks.add(
            ("scenario", "seed"), f"must be a whole number of at least 0, not {scenario.seed}"
        )
    if not 0 <= scenario.runs <= MAX_RUNS:
        checks.add(("scenario", "runs"), f"must be from 0 to {MAX_RUNS:,}, not {scenario.runs}")

    cells = scenario.cells
    if not cells:
        checks.add(("cells",), "the scenario needs at least one cell")
    ids: set[str] = set()
    for i, cell in enumerate(cells):
        _check_cell(checks, ("cells", i), cell, ids)
        ids.add(cell.id)

    exit_rates = [monthly_probability(min(c.leaver_rate, 0.999)) for c in cells]
    for i, transfer in enumerate(scenario.transfers):
        path: Path = ("transfers", i)
        checks.fraction((*path, "annual_rate"), transfer.annual_rate)
        origin = checks.where((*path, "from"), transfer.origin, cells, ids)
        destination = checks.where((*path, "to"), transfer.destination, cells, ids)
        if origin and destination and set(origin) == set(destination) and len(origin) == 1:
            checks.add(path, "moves staff from a cell to itself")
        if _is_fraction(transfer.annual_rate):
            for index in origin:
                exit_rates[index] += monthly_probability(transfer.annual_rate)
    if scenario.crosswalk:
        # Imported here: an import cycle (the crosswalk builds on this module's Cell).
        from . import crosswalk

        crosswalk.check(checks, scenario.crosswalk, cells, exit_rates)
    for i, cell in enumerate(cells):
        total = exit_rates[i] + monthly_probability(min(cell.retirement_rate, 0.999))
        if total >= 0.999:
            checks.add(
                ("cells", i),
                f"leavers, retirements and transfers out together take everyone in a month"
                f" ({cell.id})",
            )

    # Imported here: an import cycle (the demand checks build on this module's Demand).
    from .demand_checks import check_demand

    check_demand(checks, scenario.demand, cells, ids)
    if scenario.recruitment is not None:
        # Imported here: an import cycle (recruitment builds on this module's Where and Cell).
        from . import recruitment

        recruitment.check(checks, scenario.recruitment, cells, ids)
    if scenario.uncertainty:
        # Imported here: an import cycle (uncertainty builds on this module's Where and Cell).
        from . import uncertainty

        uncertainty.check(checks, scenario.uncertainty, cells, ids, scenario.recruitment)
    if scenario.seasonality:
        # Imported here: an import cycle (seasons build on this module's Where and Cell).
        from . import seasonality

        seasonality.check(checks, scenario.seasonality, cells, ids)
    for i, intervention in enumerate(scenario.interventions):
        _check_intervention(checks, ("interventions", i), intervention, cells, ids, horizon)
    return checks.problems


def _check_cell(checks: _Checks, path: Path, cell: Cell, ids: set[str]) -> None:
    checks.text((*path, "id"), cell.id)
    if cell.id in ids:
        checks.add((*path, "id"), f"repeats the id {cell.id!r} of an earlier cell")
    checks.text((*path, "org"), cell.org)
    checks.text((*path, "staff_group"), cell.staff_group)
    if (
        not _finite(cell.headcount)
        or cell.headcount < 0
        or cell.headcount != int(cell.headcount)
        or cell.headcount > MAX_HEADCOUNT
    ):
        checks.add(
            (*path, "headcount"),
            f"must be a whole number of people from 0 to {MAX_HEADCOUNT:,}, not {cell.headcount}",
        )
    checks.fraction((*path, "leaver_rate"), cell.leaver_rate)
    checks.fraction((*path, "retirement_rate"), cell.retirement_rate)
    checks.non_negative((*path, "joiners_per_month"), cell.joiners_per_month)
    if cell.fte is not None and cell.fte_per_head is not None:
        checks.add((*path, "fte_per_head"), "give fte or fte_per_head, not both")
    if cell.fte is not None:
        checks.non_negative((*path, "fte"), cell.fte)
        if _finite(cell.fte) and _finite(cell.headcount):
            if cell.headcount == 0 and cell.fte > 0:
                checks.add((*path, "fte"), "must be 0 when the headcount is 0 (use fte_per_head)")
            elif cell.headcount > 0 and cell.fte > 2 * cell.headcount:
                checks.add((*path, "fte"), f"is more than twice the headcount ({cell.fte})")
    if cell.fte_per_head is not None and (
        not _finite(cell.fte_per_head) or not 0 < cell.fte_per_head <= 2
    ):
        checks.add(
            (*path, "fte_per_head"), f"must be above 0 and at most 2, not {cell.fte_per_head}"
        )
    if cell.establishment_fte is not None:
        checks.non_negative((*path, "establishment_fte"), cell.establishment_fte)


def _check_intervention(
    checks: _Checks,
    path: Path,
    item: Intervention,
    cells: Sequence[Cell],
    ids: set[str],
    horizon: int,
) -> None:
    if isinstance(item, LeaverRateChange):
        if not _finite(item.percentage_points) or not -100 <= item.percentage_points <= 100:
            checks.add(
                (*path, "percentage_points"),
                "must be from -100 to 100 (-1.5 cuts 11.2 % to 9.7 %),"
                f" not {item.percentage_points}",
            )
        checks.where((*path, "where"), item.where, cells, ids)
        _check_window(checks, path, item.start_month, item.end_month, horizon)
    elif isinstance(item, TrainingIntake):
        _check_target(checks, path, item.cell, ids)
        if item.intake_per_year < 0:
            checks.add(
                (*path, "intake_per_year"), f"must be at least 0, not {item.intake_per_year}"
            )
        if not 0 <= item.duration_months <= MAX_HORIZON_MONTHS:
            checks.add(
                (*path, "duration_months"),
                f"must be from 0 to {MAX_HORIZON_MONTHS}, not {item.duration_months}",
            )
        checks.fraction((*path, "attrition"), item.attrition, below_one=False)
        if not item.cohort_months:
            checks.add((*path, "cohort_months"), "must list at least one calendar month (1-12)")
        if len(set(item.cohort_months)) != len(item.cohort_months):
            checks.add((*path, "cohort_months"), "lists a month twice")
        for j, month in enumerate(item.cohort_months):
            if not 1 <= month <= 12:
                checks.add((*path, "cohort_months", j), f"must be from 1 to 12, not {month}")
        _check_window(checks, path, item.start_month, item.end_month, horizon)
    elif isinstance(item, NewRole):
        _check_target(checks, path, item.cell, ids)
        checks.non_negative((*path, "per_month"), item.per_month)
        if item.target_headcount is not None:
            checks.non_negative((*path, "target_headcount"), item.target_headcount)
        total = 0.0
        for j, role_source in enumerate(item.sources):
            source_path: Path = (*path, "sources", j)
            checks.fraction((*source_path, "share"), role_source.share, below_one=False)
            if _finite(role_source.share):
                total += role_source.share
            chosen = checks.where((*source_path, "where"), role_source.where, cells, ids)
            if item.cell in {cells[k].id for k in chosen}:
                checks.add(
                    (*source_path, "where"), f"includes the new role's own cell {item.cell!r}"
                )
        if total > 1 + 1e-9:
            checks.add((*path, "sources"), f"the shares add up to {total:g}, more than 1")
        _check_window(checks, path, item.start_month, item.end_month, horizon)
    else:
        checks.growth((*path, "annual_growth"), item.annual_growth)
        checks.where((*path, "where"), item.where, cells, ids)
        checks.month((*path, "start_month"), item.start_month, horizon)


def _check_target(checks: _Checks, path: Path, cell_id: str, ids: set[str]) -> None:
    if cell_id not in ids:
        checks.add(
            (*path, "cell"),
            f"no cell has id {cell_id!r} (add the cell, with headcount 0 if it is new)",
        )


def _check_window(checks: _Checks, path: Path, start: int, end: int | None, horizon: int) -> None:
    checks.month((*path, "start_month"), start, horizon)
    if end is not None:
        checks.month((*path, "end_month"), end, horizon)
        if end < start:
            checks.add((*path, "end_month"), f"comes before start_month ({end} < {start})")
