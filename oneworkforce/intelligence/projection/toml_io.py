"""Scenario files: TOML in (stdlib ``tomllib``, checked key by key); ``toml_dump``
writes them.

``scenario_from_text(dump_scenario(s)) == s`` for every valid scenario ``s``. Two functions read
scenarios and neither guesses: :func:`scenario_from_text` reads only the TOML text it is given
(what arrives over the web or the API), :func:`scenario_from_file` only a file named by a
``pathlib.Path`` (the command line's). Every problem found on load is reported at once, each
naming its key path and, where it can be found, the file line:
``cells[3].leaver_rate: must be a fraction from 0 to below 1 ... (line 42)``.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Any, TypeVar

from . import crosswalk, recruitment, seasonality, uncertainty
from .scenario import (
    INTERVENTION_KINDS,
    AgeBand,
    Cell,
    Demand,
    DemandDriver,
    DemandGrowthChange,
    Intervention,
    LeaverRateChange,
    NewRole,
    Path,
    Problem,
    RoleSource,
    Scenario,
    TrainingIntake,
    Transfer,
    Where,
    format_path,
    validate,
)

T = TypeVar("T")


class ScenarioError(Exception):
    """The scenario is not valid. ``messages`` each name a key path (and file line if known)."""

    def __init__(self, messages: list[str], name: str = "") -> None:
        self.messages = messages
        self.name = name
        prefix = f"{name}: " if name else ""
        super().__init__(prefix + "; ".join(messages))


# --- reading ----------------------------------------------------------------------------------


class _Reader:
    """Takes typed values out of one TOML table, recording problems against their paths."""

    def __init__(self, data: dict[str, Any], path: Path, problems: list[Problem]) -> None:
        self.data = dict(data)
        self.path = path
        self.problems = problems

    def _problem(self, key: str | int, message: str) -> None:
        self.problems.append(((*self.path, key), message))

    def _take(self, key: str, required: bool) -> Any:
        if key not in self.data:
            if required:
                self._problem(key, "is missing")
            return None
        return self.data.pop(key)

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self._take(key, required)
        if value is None:
            return default
        if not isinstance(value, str):
            self._problem(key, f"must be text in quotes, not {_show(value)}")
            return default
        return value

    def number(self, key: str, *, required: bool = False, default: float = 0.0) -> float:
        value = self._take(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self._problem(key, f"must be a number, not {_show(value)}")
            return default
        if not math.isfinite(value):
            self._problem(key, f"must be a finite number, not {value}")
            return default
        return float(value)

    def optional_number(self, key: str) -> float | None:
        return self.number(key) if key in self.data else None

    def integer(self, key: str, *, required: bool = False, default: int = 0) -> int:
        value = self._take(key, required)
        if value is None:
            return default
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self._problem(key, f"must be a whole number, not {_show(value)}")
            return default
        return value

    def optional_integer(self, key: str) -> int | None:
        return self.integer(key) if key in self.data else None

    def list_of(self, key: str, kind: type[T], label: str) -> tuple[T, ...]:
        value = self._take(key, False)
        if value is None:
            return ()
        if not isinstance(value, list):
            self._problem(key, f"must be a list of {label} in square brackets, not {_show(value)}")
            return ()
        items: list[T] = []
        for i, item in enumerate(value):
            ok = isinstance(item, kind) and not isinstance(item, bool)
            if kind is float and isinstance(item, int) and not isinstance(item, bool):
                item, ok = float(item), math.isfinite(item)
            if kind is float and isinstance(item, float) and not math.isfinite(item):
                ok = False
            if not ok:
                self.problems.append(((*self.path, key, i), f"must be {label}, not {_show(item)}"))
                continue
            items.append(item)
        return tuple(items)

    def table(self, key: str, *, required: bool = False) -> dict[str, Any] | None:
        value = self._take(key, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            self._problem(key, f"must be a table ({{ key = value, ... }}), not {_show(value)}")
            return None
        return value

    def tables(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        value = self._take(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            self._problem(key, f"must be a list of tables ([[{key}]]), not {_show(value)}")
            return []
        result = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                # Keep the place (so later items keep their index); the problem is reported here.
                self.problems.append(((*self.path, key, i), f"must be a table, not {_show(item)}"))
                item = {}
            result.append((i, item))
        return result

    def where(self, key: str, *, required: bool = False) -> Where:
        data = self.table(key, required=required)
        if data is None:
            return Where()
        reader = _Reader(data, (*self.path, key), self.problems)
        where = Where(
            **{name: reader.list_of(name, str, "text in quotes") for name in Where.FIELDS}
        )
        reader.done()
        return where

    def done(self) -> None:
        for key in self.data:
            known = _KNOWN.get(_shape(self.path), ())
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self._problem(key, f"is not a key this table takes{hint}")


_KNOWN: dict[tuple[str, ...], tuple[str, ...]] = {
    (): (
        "scenario",
        "cells",
        "transfers",
        "demand",
        "interventions",
        "recruitment",
        "uncertainty",
        "crosswalk",
        "seasonality",
    ),
    ("crosswalk",): crosswalk.KEYS,
    ("seasonality",): seasonality.KEYS,
    ("uncertainty",): uncertainty.KEYS,
    ("recruitment",): ("mode", "fill_rate", "overshoot", "sources", "source"),
    ("recruitment", "sources"): ("name", "where", "per_month", "source"),
    ("scenario",): (
        "name",
        "description",
        "start",
        "horizon_months",
        "report_every_months",
        "seed",
        "runs",
    ),
    ("cells",): (
        "id",
        "org",
        "org_name",
        "staff_group",
        "sector",
        "place",
        "headcount",
        "fte",
        "fte_per_head",
        "leaver_rate",
        "retirement_rate",
        "joiners_per_month",
        "establishment_fte",
        "source",
    ),
    ("transfers",): ("name", "from", "to", "annual_rate", "source"),
    ("demand",): ("annual_growth", "drivers", "source"),
    ("demand", "drivers"): ("name", "where", "annual_growth", "years", "age_bands", "source"),
    ("demand", "drivers", "age_bands"): ("band", "weight", "population"),
    ("interventions",): (
        "kind",
        "name",
        "source",
        "where",
        "percentage_points",
        "cell",
        "intake_per_year",
        "duration_months",
        "attrition",
        "cohort_months",
        "start_month",
        "end_month",
        "per_month",
        "target_headcount",
        "sources",
        "annual_growth",
    ),
    ("interventions", "sources"): ("where", "share"),
}


def _shape(path: Path) -> tuple[str, ...]:
    """The path with list indices dropped, to look up which keys a table takes."""
    shape = tuple(p for p in path if isinstance(p, str))
    if shape and shape[-1] in ("where", "from", "to"):
        return ("where",)
    return shape


_KNOWN[("where",)] = Where.FIELDS


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _common(reader: _Reader) -> dict[str, str]:
    return {"name": reader.text("name"), "source": reader.text("source")}


def _read_cell(reader: _Reader) -> Cell:
    cell = Cell(
        id=reader.text("id", required=True),
        org=reader.text("org", required=True),
        staff_group=reader.text("staff_group", required=True),
        headcount=reader.number("headcount", required=True),
        leaver_rate=reader.number("leaver_rate"),
        joiners_per_month=reader.number("joiners_per_month"),
        retirement_rate=reader.number("retirement_rate"),
        fte=reader.optional_number("fte"),
        fte_per_head=reader.optional_number("fte_per_head"),
        establishment_fte=reader.optional_number("establishment_fte"),
        org_name=reader.text("org_name"),
        sector=reader.text("sector"),
        place=reader.text("place"),
        source=reader.text("source"),
    )
    reader.done()
    return cell


def _read_transfer(reader: _Reader) -> Transfer:
    common = _common(reader)
    transfer = Transfer(
        origin=reader.where("from", required=True),
        destination=reader.where("to", required=True),
        annual_rate=reader.number("annual_rate", required=True),
        **common,
    )
    reader.done()
    return transfer


def _read_driver(reader: _Reader) -> DemandDriver:
    common = _common(reader)
    bands = []
    for i, data in reader.tables("age_bands"):
        band_reader = _Reader(data, (*reader.path, "age_bands", i), reader.problems)
        bands.append(
            AgeBand(
                band=band_reader.text("band", required=True),
                weight=band_reader.number("weight", required=True),
                population=band_reader.list_of("population", float, "a number"),
            )
        )
        band_reader.done()
    driver = DemandDriver(
        where=reader.where("where"),
        annual_growth=reader.optional_number("annual_growth"),
        years=reader.list_of("years", int, "a whole number (a calendar year)"),
        age_bands=tuple(bands),
        **common,
    )
    reader.done()
    return driver


def _read_demand(reader: _Reader) -> Demand:
    drivers = tuple(
        _read_driver(_Reader(data, (*reader.path, "drivers", i), reader.problems))
        for i, data in reader.tables("drivers")
    )
    demand = Demand(
        annual_growth=reader.number("annual_growth"), drivers=drivers, source=reader.text("source")
    )
    reader.done()
    return demand


def _read_leaver_rate(reader: _Reader) -> Intervention:
    return LeaverRateChange(
        percentage_points=reader.number("percentage_points", required=True),
        where=reader.where("where"),
        start_month=reader.integer("start_month"),
        end_month=reader.optional_integer("end_month"),
        **_common(reader),
    )


def _read_training(reader: _Reader) -> Intervention:
    return TrainingIntake(
        cell=reader.text("cell", required=True),
        intake_per_year=reader.integer("intake_per_year", required=True),
        duration_months=reader.integer("duration_months", required=True),
        attrition=reader.number("attrition"),
        cohort_months=reader.list_of("cohort_months", int, "a calendar month from 1 to 12")
        if "cohort_months" in reader.data
        else (9,),
        start_month=reader.integer("start_month"),
        end_month=reader.optional_integer("end_month"),
        **_common(reader),
    )


def _read_new_role(reader: _Reader) -> Intervention:
    sources = []
    for i, data in reader.tables("sources"):
        source_reader = _Reader(data, (*reader.path, "sources", i), reader.problems)
        sources.append(
            RoleSource(
                where=source_reader.where("where", required=True),
                share=source_reader.number("share", required=True),
            )
        )
        source_reader.done()
    return NewRole(
        cell=reader.text("cell", required=True),
        per_month=reader.number("per_month", required=True),
        sources=tuple(sources),
        target_headcount=reader.optional_number("target_headcount"),
        start_month=reader.integer("start_month"),
        end_month=reader.optional_integer("end_month"),
        **_common(reader),
    )


def _read_demand_growth(reader: _Reader) -> Intervention:
    return DemandGrowthChange(
        annual_growth=reader.number("annual_growth", required=True),
        where=reader.where("where"),
        start_month=reader.integer("start_month"),
        **_common(reader),
    )


_INTERVENTION_READERS: dict[str, Callable[[_Reader], Intervention]] = {
    LeaverRateChange.KIND: _read_leaver_rate,
    TrainingIntake.KIND: _read_training,
    NewRole.KIND: _read_new_role,
    DemandGrowthChange.KIND: _read_demand_growth,
}


def _read_intervention(reader: _Reader) -> Intervention | None:
    kind = reader.text("kind", required=True)
    if kind not in _INTERVENTION_READERS:
        if kind:
            reader._problem("kind", f"must be one of {', '.join(INTERVENTION_KINDS)}, not {kind!r}")
        return None
    intervention = _INTERVENTION_READERS[kind](reader)
    reader.done()
    return intervention


def scenario_from_data(
    data: dict[str, Any], *, check: bool = True
) -> tuple[Scenario | None, list[Problem]]:
    """A scenario from parsed TOML, and every problem found (``None`` if there are any).
    ``check=False`` leaves out the checks on values, keeping those on keys and types."""
    problems: list[Problem] = []
    top = _Reader(data, (), problems)
    head = _Reader(top.table("scenario", required=True) or {}, ("scenario",), problems)
    cells = tuple(
        _read_cell(_Reader(item, ("cells", i), problems)) for i, item in top.tables("cells")
    )
    transfers = tuple(
        _read_transfer(_Reader(item, ("transfers", i), problems))
        for i, item in top.tables("transfers")
    )
    demand_data = top.table("demand")
    demand = _read_demand(_Reader(demand_data, ("demand",), problems)) if demand_data else Demand()
    # An intervention of unknown kind keeps its place with a stand-in that raises no problem
    # of its own, so the later ones keep their indices.
    interventions = tuple(
        _read_intervention(_Reader(item, ("interventions", i), problems)) or DemandGrowthChange(0.0)
        for i, item in top.tables("interventions")
    )
    recruitment_data = top.table("recruitment")
    recruiting = (
        recruitment.read(
            _Reader(recruitment_data, ("recruitment",), problems),
            lambda data, path: _Reader(data, path, problems),
        )
        if recruitment_data is not None
        else None
    )

    def each(key: str, read: Callable[[_Reader], Any]) -> tuple[Any, ...]:
        return tuple(read(_Reader(item, (key, i), problems)) for i, item in top.tables(key))

    intervals = each("uncertainty", lambda reader: uncertainty.read(reader, None))
    roles = each("crosswalk", crosswalk.read)
    seasons = each(
        "seasonality", lambda r: seasonality.read(r, lambda k: r.list_of(k, float, "a number"))
    )
    scenario = Scenario(
        name=head.text("name", required=True),
        start=head.text("start", required=True),
        cells=cells,
        horizon_months=head.integer("horizon_months", default=120),
        report_every_months=head.integer("report_every_months", default=12),
        seed=head.integer("seed", default=1),
        runs=head.integer("runs", default=1000),
        description=head.text("description"),
        transfers=transfers,
        demand=demand,
        interventions=interventions,
        recruitment=recruiting,
        uncertainty=intervals,
        crosswalk=roles,
        seasonality=seasons,
    )
    head.done()
    top.done()
    if not check:
        return (None if problems else scenario), problems
    # Semantic checks, leaving out those about values already reported as unreadable.
    reported = [path for path, _ in problems]
    for path, message in validate(scenario):
        if not any(path[: len(bad)] == bad or bad[: len(path)] == path for bad in reported):
            problems.append((path, message))
    return (None if problems else scenario), problems


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


def _line_index(text: str) -> dict[Path, int]:
    """Best-effort map from key paths to the line where they are written."""
    index: dict[Path, int] = {}
    counts: dict[Path, int] = {}
    arrays: set[tuple[str, ...]] = set()
    current: Path = ()
    depth = 0
    array_key: Path = ()
    item = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if depth > 0:
            if line.lstrip().startswith("{"):
                index.setdefault((*array_key, item), number)
                item += 1
            depth += line.count("[") - line.count("]")
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            names = tuple(p.strip().strip('"') for p in header.group(2).split("."))
            resolved: list[str | int] = []
            for i in range(len(names)):
                resolved.append(names[i])
                if names[: i + 1] in arrays and i < len(names) - 1:
                    resolved.append(counts.get(tuple(resolved), 1) - 1)
            path = tuple(resolved)
            if header.group(1) == "[[":
                arrays.add(names)
                counts[path] = counts.get(path, 0) + 1
                path = (*path, counts[path] - 1)
            current = path
            index.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            index.setdefault((*current, key.group(1).strip('"')), number)
            value = line[key.end() :].split("#", 1)[0]
            depth = max(0, value.count("[") - value.count("]"))
            array_key, item = (*current, key.group(1).strip('"')), 0
    return index


def _locate(path: Path, index: dict[Path, int]) -> int | None:
    for end in range(len(path), 0, -1):
        if path[:end] in index:
            return index[path[:end]]
    return None


def _messages(problems: list[Problem], text: str | None) -> list[str]:
    index = _line_index(text) if text is not None else {}
    messages = []
    for path, message in problems:
        line = _locate(path, index)
        where = format_path(path) or "file"
        messages.append(f"{where}: {message}" + (f" (line {line})" if line else ""))
    return messages


NOT_A_SCENARIO = (
    "this is not a scenario: send the scenario itself, TOML text with a [scenario] table"
    " and [[cells]], not the name of a file"
)


def scenario_from_text(text: str, *, name: str = "") -> Scenario:
    """A scenario from TOML text: the text itself, never a file it might name (text sent over the
    web or the API is only ever read as TOML). ``name`` labels the :class:`ScenarioError`."""
    if not isinstance(text, str):
        raise TypeError(f"scenario_from_text takes TOML text, not {type(text).__name__}")
    text = text.removeprefix("\ufeff")
    if "=" not in text:
        # Every scenario sets keys (``name = ...``): this is a file's name or other text.
        raise ScenarioError([NOT_A_SCENARIO], name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        where = f"line {found.group(1)}: " if found else ""
        raise ScenarioError([f"{where}not valid TOML: {error}"], name) from None
    scenario, problems = scenario_from_data(data)
    if scenario is None:
        raise ScenarioError(_messages(problems, text), name)
    return scenario


def scenario_from_file(path: FilePath) -> Scenario:
    """A scenario from a TOML file named by a :class:`pathlib.Path` (the command line's
    argument); a ``str`` is refused rather than guessed to be a path or TOML text."""
    if not isinstance(path, FilePath):
        raise TypeError(f"scenario_from_file takes a pathlib.Path, not {type(path).__name__}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ScenarioError(
            [f"cannot read the file ({error.strerror or error})"], path.name
        ) from None
    except UnicodeDecodeError:
        raise ScenarioError(["the file is not UTF-8 text"], path.name) from None
    return scenario_from_text(text, name=path.name)


def check_scenario(scenario: Scenario) -> None:
    """Raise :class:`ScenarioError` if a scenario built in Python is not valid."""
    problems = validate(scenario)
    if problems:
        raise ScenarioError(_messages(problems, None))
